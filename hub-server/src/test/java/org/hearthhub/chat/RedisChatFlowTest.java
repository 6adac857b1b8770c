package org.hearthhub.chat;

import io.vertx.core.Vertx;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

/** Every {@link ChatFlowTest} scenario again, with the live state in a real Redis: the same behaviour on either store. */
class RedisChatFlowTest extends ChatFlowTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();



    @Override
    @BeforeEach
    void start(Vertx vertx) throws Exception {
        redis.flushAll();
        hub = TestHub.start(vertx, dataDir, Map.of("HEARTH_LIVE_REDIS_URL", redis.url()));
    }
}
