package org.hearthhub.referral;

import org.hearthhub.testing.RedisStores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every warm-referral test again with live state and settings on Redis (enqueue.lua places referred chats). */
class RedisWarmReferralTest extends WarmReferralTest {
    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();

    @Override
    RedisStores redisStores() {
        return redis;
    }
}
