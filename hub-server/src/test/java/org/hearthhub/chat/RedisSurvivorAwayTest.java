package org.hearthhub.chat;

import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every {@link SurvivorAwayTest} scenario again with the live state in a real Redis (the Lua scripts). */
class RedisSurvivorAwayTest extends SurvivorAwayTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @Override
    RedisServer liveRedis() {
        return redis;
    }
}
