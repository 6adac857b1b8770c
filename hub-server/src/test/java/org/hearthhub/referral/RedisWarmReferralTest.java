package org.hearthhub.referral;

import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

/** Every warm-referral test again with live state and settings on Redis (enqueue.lua places referred chats). */
class RedisWarmReferralTest extends WarmReferralTest {
    @RegisterExtension
    static final RedisServer live = RedisServer.perTestClass();
    @RegisterExtension
    static final RedisServer settings = RedisServer.perTestClass();

    @Override
    RedisServer liveRedis() {
        settings.flushAll();
        return live;
    }

    @Override
    Map<String, String> settingsEnv() {
        return Map.of("HEARTH_SETTINGS_REDIS_URL", settings.url());
    }
}
