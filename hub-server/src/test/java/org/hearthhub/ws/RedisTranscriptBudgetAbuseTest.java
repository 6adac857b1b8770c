package org.hearthhub.ws;

import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every {@link TranscriptBudgetAbuseTest} scenario again, with the live state in a real Redis. */
class RedisTranscriptBudgetAbuseTest extends TranscriptBudgetAbuseTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @Override
    RedisServer liveRedis() {
        return redis;
    }
}
