package org.hearthhub.config;

import org.hearthhub.testing.HubProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A misspelt {@code HEARTH_*} variable is said at the start, by name only, instead of being ignored without a word
 * while its option keeps its default (a public URL left at localhost refuses every staff sign-in by origin).
 */
class UnknownVariableWarningTest {
    @Test
    void onlyHearthNamesThatAreNoOptionAreListed() {
        assertEquals(List.of("HEARTH_PUBLICURL", "HEARTH_TWILIO_TOKEN"), ConfigLoader.unknownVariables(Map.of(
                "HEARTH_PUBLICURL", "https://help.example.org", "HEARTH_PUBLIC_URL", "https://help.example.org",
                "HEARTH_TWILIO_TOKEN", "a-secret", "HEARTH_PORT", "8080", "PATH", "/usr/bin", "HEARTHSTONE", "x")));
        assertEquals(List.of(), ConfigLoader.unknownVariables(Map.of()));
    }

    @Test
    void theHubSaysWhichVariableItIgnoresAndNeverItsValue(@TempDir Path dataDir) throws Exception {
        try (HubProcess hub = HubProcess.start(List.of(), dataDir, Map.of("HEARTH_PUBLICURL", "https://secret-value.example"))) {
            String log = hub.output();
            assertTrue(log.contains("HEARTH_PUBLICURL is set but is no option of this hub"), log);
            assertFalse(log.contains("secret-value"), "the value may be a secret and is not logged");
            assertTrue(log.contains("Hearth hub ready"), "and the hub starts all the same");
        }
    }
}
