package org.hearthhub.console;

import org.hearthhub.testing.RedisStores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DeviceSignInTest} with live state and settings on Redis: the counts, the locks and the signing key shared. */
class RedisDeviceSignInTest extends DeviceSignInTest {
    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();

    @Override
    RedisStores redisStores() {
        return redis;
    }
}
