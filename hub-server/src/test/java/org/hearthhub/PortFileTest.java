package org.hearthhub;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.config.ConfigLoader;
import org.hearthhub.config.HubConfig;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code server.portFile}: a hub on port 0 writes the port it got there once it listens, for a launcher that
 * started it as a process of its own to read (a port the launcher picked could be taken before the hub binds it);
 * the file goes with a clean stop, and a file that cannot be written stops the start.
 */
class PortFileTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    TestHub hub;
    Vertx vertx;
    @TempDir
    Path dir;

    @Test
    void aHubOnPortZeroWritesThePortItGotAsOneLineAndDeletesTheFileWhenItStops() throws Exception {
        Path file = dir.resolve("hub.port");
        hub = hubs.start(Map.of("HEARTH_PORT_FILE", file.toString()));
        assertTrue(hub.port() > 0, "the port the hub got: " + hub.port());
        assertEquals(hub.port() + "\n", Files.readString(file), "the port in decimal and a newline");
        assertEquals(OptionalInt.of(hub.port()), PortFile.read(file));
        assertEquals(List.of(file), filesIn(dir), "the temporary file it was written to was renamed into place");

        hub.close();
        assertFalse(Files.exists(file), "a clean stop deletes the file");
    }

    @Test
    void aPortFileThatNamesAnotherPortByNowIsLeftAlone() throws Exception {
        Path file = dir.resolve("hub.port");
        hub = hubs.start(Map.of("HEARTH_PORT_FILE", file.toString()));
        Files.writeString(file, "1\n"); // another hub given the same file since
        hub.close();
        assertEquals("1\n", Files.readString(file), "only the hub's own port is deleted");
    }

    @Test
    void whatTheStartSaysOnceListeningComesBeforeTheFile() throws Exception {
        Path file = dir.resolve("hub.port");
        AtomicBoolean fileThen = new AtomicBoolean(true);
        Hub started = TestHub.await(Hub.start(vertx, config(file), Clock.systemUTC(), tuning(), listening -> {
            fileThen.set(Files.exists(file));
            return Future.succeededFuture();
        }));
        try {
            assertFalse(fileThen.get(), "Main's ready line is logged before a launcher can find the file");
            assertEquals(OptionalInt.of(started.port()), PortFile.read(file));
        } finally {
            TestHub.await(started.stop());
        }
    }

    @Test
    void aPortFileInADirectoryThatIsGoneByTheStartStopsTheStartNamingTheOptionAndTheFile() throws Exception {
        Path gone = Files.createDirectory(dir.resolve("gone"));
        Path file = gone.resolve("hub.port");
        HubConfig config = config(file); // the directory was there when the configuration was read
        Files.delete(gone);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> TestHub.await(Hub.start(vertx, config, Clock.systemUTC(), tuning())));
        String message = e.getCause().getMessage();
        assertTrue(message.contains("server.portFile (HEARTH_PORT_FILE)") && message.contains(file.toString()), message);
        assertEquals(java.util.Set.of(), vertx.deploymentIDs(), "nothing of the hub that could not say its port runs on");
    }

    @Test
    void aPortAnotherProcessHoldsStopsTheStartNamingTheOptionAndThePort() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            HubConfig config = ConfigLoader.load(null, Map.of("HEARTH_PORT", String.valueOf(taken.getLocalPort()),
                    "HEARTH_HOST", "127.0.0.1", "HEARTH_DATA_DIR", hubs.dataDir().toString()));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> TestHub.await(Hub.start(vertx, config, Clock.systemUTC(), tuning())));
            String message = e.getCause().getMessage();
            assertTrue(message.contains("port " + taken.getLocalPort() + " of 127.0.0.1") && message.contains("server.port (HEARTH_PORT"),
                    message);
            assertEquals(java.util.Set.of(), vertx.deploymentIDs(), "nothing of the hub that could not listen runs on");
        }
    }

    private HubConfig config(Path portFile) {
        return ConfigLoader.load(null, Map.of("HEARTH_PORT", "0", "HEARTH_HOST", "127.0.0.1",
                "HEARTH_DATA_DIR", hubs.dataDir().toString(), "HEARTH_PORT_FILE", portFile.toString()));
    }

    private Hub.Tuning tuning() {
        return new Hub.Tuning(5, 3_600_000, new PasswordHasher(vertx, 1024, 1, 1));
    }

    private static List<Path> filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
