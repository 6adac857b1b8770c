package org.hearthhub.chat;

import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

/**
 * The same on two nodes sharing one live and one settings Redis: main's console and survivors on node A,
 * riverside's on node B, so the two accepts that race for a person's last place are two nodes' steps.
 */
class RedisCapacityAcrossProgramsTest extends CapacityAcrossProgramsTest {
    @RegisterExtension
    static final RedisServer live = RedisServer.perTestClass();
    @RegisterExtension
    static final RedisServer settings = RedisServer.perTestClass();

    @Override
    void startHubs() throws Exception {
        live.flushAll();
        settings.flushAll();
        Map<String, String> env = new HashMap<>(env());
        env.put("HEARTH_LIVE_REDIS_URL", live.url());
        env.put("HEARTH_SETTINGS_REDIS_URL", settings.url());
        hubs.add(TestHub.start(vertx(), dataDir.resolve("a"), env));
        hubs.add(TestHub.start(vertx(), dataDir.resolve("b"), env));
    }
}
