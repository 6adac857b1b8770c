package org.hearthhub.chat;

import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every {@link ChatFlowTest} scenario again, with the live state in a real Redis: the same behaviour on either store. */
class RedisChatFlowTest extends ChatFlowTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @Override
    RedisServer liveRedis() {
        return redis;
    }
}
