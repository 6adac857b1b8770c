package org.hearthhub.chat;

import io.vertx.core.Vertx;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

/** Every {@link SurvivorAwayTest} scenario again with the live state in a real Redis (the Lua scripts). */
class RedisSurvivorAwayTest extends SurvivorAwayTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @Override
    @BeforeEach
    void start(Vertx vertx) throws Exception {
        redis.flushAll();
        hub = TestHub.start(vertx, dataDir, env(Map.of("HEARTH_LIVE_REDIS_URL", redis.url())));
    }
}
