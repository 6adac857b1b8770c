package org.hearthhub.stats;

import org.hearthhub.testing.RedisStores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every local-day test again with settings and counters on a real Redis, as a cluster of nodes keeps them. */
class RedisProgramLocalDaysTest extends ProgramLocalDaysTest {
    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();

    @Override
    RedisStores redisStores() {
        return redis;
    }
}
