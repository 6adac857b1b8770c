package org.hearthhub.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.hearthhub.model.Referral;

/**
 * What a fresh hub starts from, so it is useful before a lead has set anything: US national referrals
 * (a closed program never leaves a survivor with nothing) and a reviewed starter set of canned
 * responses in English and Spanish, both for leads to edit. Every settings store starts from these.
 */
final class StarterSettings {
    private static final TypeReference<Map<String, List<Referral>>> REFERRALS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, List<ProgramSettings.CannedResponse>>> CANNED = new TypeReference<>() {
    };

    private StarterSettings() {
    }

    static ProgramSettings load(ObjectMapper json) throws IOException {
        return ProgramSettings.defaults()
                .withReferrals(read(json, "/settings/default-referrals.json", REFERRALS))
                .withCannedResponses(read(json, "/settings/default-canned-responses.json", CANNED));
    }

    private static <T> T read(ObjectMapper json, String resource, TypeReference<T> type) throws IOException {
        try (InputStream in = StarterSettings.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("resource " + resource.substring(1) + " is missing from the build");
            return json.readValue(in, type);
        }
    }
}
