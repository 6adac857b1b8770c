package org.hearthhub.loadtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The servers this tool starts take a free port themselves (port 0) and write it to a port file, where
 * {@link Spawned} finds it: the real hub jar (this module is built after it) and the bare relay, each in a JVM of
 * its own, as the load test starts them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpawnedTest {
    private static final Path HUB_JAR = Path.of("..", "..", "hub-server", "target", "hearth-hub.jar");

    @TempDir
    Path dir;

    @Test
    void aHubOnPortZeroIsFoundThroughItsPortFileWhichItsCleanStopDeletes() throws Exception {
        assertTrue(Files.isRegularFile(HUB_JAR), "the hub jar is built before this module's tests (mvn verify from the root)");
        Path portFile = dir.resolve("hub.port");
        try (Spawned hub = Spawned.start("hub", List.of(Spawned.java().toString(), "-Xmx256m", "-jar", HUB_JAR.toString()),
                hubEnv(Files.createDirectories(dir.resolve("data")), portFile), portFile, "localhost", dir.resolve("hub.log"))) {
            int port = URI.create(hub.url).getPort();
            assertEquals(port + "\n", Files.readString(portFile));
            assertTrue(Files.readString(hub.log).contains("Hearth hub ready in"), "the ready line is logged before the file is written");
            assertTrue(Files.readString(hub.log).contains("on http://localhost:" + port + " (port " + port + ","),
                    "the hub's default public URL, the URL the load test uses, names the same port");
            hub.close(); // SIGTERM: the hub stops cleanly
            assertFalse(Files.exists(portFile), "the hub deleted its port file as it stopped");
        }
    }

    @Test
    void theRelayOnPortZeroIsFoundThroughItsPortFile() throws Exception {
        Path portFile = dir.resolve("relay.port");
        List<String> relay = List.of(Spawned.java().toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                RelayServer.class.getName(), "0", "1", portFile.toString());
        try (Spawned started = Spawned.start("relay", relay, Map.of(), portFile, "127.0.0.1", dir.resolve("relay.log"))) {
            int port = URI.create(started.url).getPort();
            assertEquals(port + "\n", Files.readString(portFile));
            assertTrue(Files.readString(started.log).contains("relay ready on port " + port + " "), Files.readString(started.log));
        }
    }

    @Test
    void aServerThatExitsBeforeWritingItsPortFailsTheStartNamingItsLog() throws Exception {
        assertTrue(Files.isRegularFile(HUB_JAR), "the hub jar is built before this module's tests (mvn verify from the root)");
        Path portFile = dir.resolve("no-such-directory").resolve("hub.port"); // a configuration error: the hub exits
        Path log = dir.resolve("hub.log");
        IOException e = assertThrows(IOException.class, () -> Spawned.start("hub", List.of(Spawned.java().toString(), "-Xmx256m",
                "-jar", HUB_JAR.toString()), hubEnv(dir, portFile), portFile, "localhost", log));
        assertTrue(e.getMessage().startsWith("hub exited with 2 while waiting for its port in " + portFile)
                && e.getMessage().endsWith("see " + log), e.getMessage());
        assertTrue(Files.readString(log).contains("HEARTH_PORT_FILE"), "the log says what was wrong: " + Files.readString(log));
    }

    private static Map<String, String> hubEnv(Path data, Path portFile) {
        return Map.of("HEARTH_PORT", "0", "HEARTH_PORT_FILE", portFile.toString(), "HEARTH_HOST", "127.0.0.1",
                "HEARTH_DATA_DIR", data.toString());
    }
}
