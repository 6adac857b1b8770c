package org.hearthhub.chat;

import io.vertx.core.Vertx;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The same on two nodes sharing one live and one settings Redis: main's console and survivors on node A,
 * riverside's on node B, so the two accepts that race for a person's last place are two nodes' steps.
 * Node A is the extension's hub; node B, on a Vert.x and data directory of its own, is started here.
 */
class RedisCapacityAcrossProgramsTest extends CapacityAcrossProgramsTest {
    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();

    /** Node B's own; final, so that the extension does not fill it with node A's. */
    final Vertx vertxB = Vertx.vertx();
    @TempDir
    Path dataDirB;

    @Override
    RedisStores redisStores() {
        return redis;
    }

    @Override
    void startHubs() throws Exception {
        super.startHubs(); // node A, which empties both Redis first
        Map<String, String> env = new HashMap<>(env());
        env.putAll(redis.settingsEnv());
        env.put("HEARTH_LIVE_REDIS_URL", redis.live().url());
        hubs.add(TestHub.start(vertxB, dataDirB, env));
    }

    @AfterEach
    void stopNodeB() throws Exception {
        try {
            if (hubs.size() > 1) hubs.get(1).close();
        } finally {
            vertxB.close().await(10, TimeUnit.SECONDS);
        }
    }
}
