package org.hearthhub.chat;

import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every {@link StaffStepRacesTest} scenario again, with the live state in a real Redis. */
class RedisStaffStepRacesTest extends StaffStepRacesTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @Override
    RedisServer liveRedis() {
        return redis;
    }
}
