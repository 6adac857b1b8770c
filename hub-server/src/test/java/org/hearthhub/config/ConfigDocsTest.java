package org.hearthhub.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample YAML and the configuration guide stay in step with the options the hub understands. */
class ConfigDocsTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void everyOptionIsDocumentedWithItsEnvironmentName() throws Exception {
        String guide = Files.readString(ROOT.resolve("docs/configuration.md"));
        String sample = Files.readString(ROOT.resolve("ops/hearth.yaml"));
        for (ConfigOption o : ConfigOptions.ALL) {
            assertTrue(guide.contains("`" + o.path() + "`"), o.path() + " missing from docs/configuration.md");
            assertTrue(guide.contains("`" + o.envName() + "`"), o.envName() + " missing from docs/configuration.md");
            assertTrue(sample.contains(o.envName()), o.envName() + " missing from ops/hearth.yaml");
        }
    }

    @Test
    void sampleConfigLoadsToTheEmbeddedDefaults() {
        HubConfig fromSample = ConfigLoader.load(ROOT.resolve("ops/hearth.yaml"), Map.of());
        HubConfig fromNothing = ConfigLoader.load(null, Map.of());
        assertEquals(fromNothing, fromSample);
    }
}
