package org.hearthhub.console;

import org.hearthhub.testing.RedisStores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every test of {@link AccountChangesInEveryProgramLogTest} again with the live state and the settings on Redis. */
class RedisAccountChangesInEveryProgramLogTest extends AccountChangesInEveryProgramLogTest {
    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();

    @Override
    RedisStores redisStores() {
        return redis;
    }
}
