package org.hearthhub.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** US national referrals, so a fresh hub that is closed never leaves a survivor with nothing. Every store starts from these. */
final class DefaultReferrals {
    private static final TypeReference<Map<String, List<Referral>>> REFERRALS = new TypeReference<>() {
    };

    private DefaultReferrals() {
    }

    static Map<String, List<Referral>> load(ObjectMapper json) throws IOException {
        try (InputStream in = DefaultReferrals.class.getResourceAsStream("/settings/default-referrals.json")) {
            if (in == null) throw new IOException("resource settings/default-referrals.json is missing from the build");
            return json.readValue(in, REFERRALS);
        }
    }
}
