package org.hearthhub.abuse;

import io.vertx.core.Vertx;
import org.hearthhub.loadtest.LoadTest;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.ThreadDump;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** A real hub in the test's JVM through the hub's own test harness: cheap password hashes, 127.0.0.1, a data directory of its own. */
final class InProcessHub implements Target {
    private final Vertx vertx;
    private final TestHub hub;
    private final Path data;

    private InProcessHub(Vertx vertx, TestHub hub, Path data) {
        this.vertx = vertx;
        this.hub = hub;
        this.data = data;
    }

    /** A {@link Target.Factory} whose hubs keep their data directories under {@code dir}. */
    static Target.Factory in(Path dir) {
        return env -> {
            Vertx vertx = Vertx.vertx();
            Path data = Files.createTempDirectory(dir, "hub-");
            return new InProcessHub(vertx, TestHub.start(vertx, data, env), data);
        };
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + hub.port();
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public Path dataDir() {
        return data;
    }

    @Override
    public String exit() {
        return null;
    }

    @Override
    public void close() throws Exception {
        hub.close();
        try {
            LoadTest.await(vertx.close(), 30);
        } catch (TimeoutException e) {
            throw ThreadDump.timeout("closing the hub's Vert.x", 30);
        }
    }
}
