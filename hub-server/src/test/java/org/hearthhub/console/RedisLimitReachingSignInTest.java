package org.hearthhub.console;

import org.hearthhub.testing.RedisStores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LimitReachingSignInTest} with live state and settings on Redis: the counts and the locks shared. */
class RedisLimitReachingSignInTest extends LimitReachingSignInTest {
    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();

    @Override
    RedisStores redisStores() {
        return redis;
    }
}
