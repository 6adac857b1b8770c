package org.hearthhub.settings;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fresh hub's canned responses: the same starter set in English and Spanish, covering what the first week needs. */
final class StarterCannedResponsesCheck {
    private StarterCannedResponsesCheck() {
    }

    static void assertStarterSet(ProgramSettings s) {
        List<ProgramSettings.CannedResponse> en = s.cannedResponses().get("en");
        List<ProgramSettings.CannedResponse> es = s.cannedResponses().get("es");
        assertTrue(en.size() >= 5, "a reviewed starter set, not an empty list");
        assertEquals(en.size(), es.size(), "every starter response exists in both languages");
        for (ProgramSettings.CannedResponse c : en) assertFalse(c.title().isBlank() || c.text().isBlank());
        assertTrue(en.stream().anyMatch(c -> c.text().contains("somewhere you can talk safely")), "asks whether it is safe to talk");
        assertTrue(en.stream().anyMatch(c -> c.title().equals("Safety planning")));
        assertTrue(es.stream().anyMatch(c -> c.title().equals("Despedida")), "and closes, in Spanish too");
    }
}
