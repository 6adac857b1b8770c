package org.hearthhub.abuse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hub the full benchmark attacks, started from the real jar (built before this module) as {@code Abuse.main}
 * starts it: on a port it takes itself and names in its port file, reached on 127.0.0.1 there.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JarTargetTest {
    private static final Path HUB_JAR = Path.of("..", "..", "hub-server", "target", "hearth-hub.jar");

    @Test
    void theJarHubIsReachedOnThePortItTookAndLeavesNothingBehind() throws Exception {
        assertTrue(Files.isRegularFile(HUB_JAR), "the hub jar is built before this module's tests (mvn verify from the root)");
        Path data;
        try (Target hub = JarTarget.factory(HUB_JAR.toAbsolutePath(), List.of("-Xmx256m")).start(Map.of())) {
            data = hub.dataDir();
            assertTrue(hub.url().matches("http://127\\.0\\.0\\.1:[1-9][0-9]*"), hub.url());
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.url()
                    + "/api/v1/status?lang=en")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode(), status.body());
            assertNull(hub.exit(), "running");
            assertFalse(hub.leadPassword().isEmpty(), "the first lead the attacks sign in as");
        }
        assertFalse(Files.exists(data), "the work directory (data, log, port file) is removed");
    }
}
