package org.hearthhub.privacy;

import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.RedisStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same with live state and settings (the audit log and sharing registers too) on Redis: every key and value searched. */
class RedisMovedChatCanaryTest extends MovedChatCanaryTest {
    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();

    @Override
    RedisStores redisStores() {
        return redis;
    }

    @Override
    boolean liveHolds(String text) {
        return redis.live().holdsTextInKeysOrValues(text);
    }

    @Override
    boolean settingsHold(String text) {
        return redis.settings().holdsTextInKeysOrValues(text);
    }


    /**
     * A move that fails on a stored message this node cannot read (one a newer node wrote, during an upgrade): the
     * parser's error quotes what it could not read, which is the texter's words, and the failure is logged. The log
     * line names the exception's class only (it used to carry its message, the words with it).
     */
    @Test
    void aMoveThatFailsOnAnUnreadableMessageLogsNoneOfIt() throws Exception {
        String texter = FakeTwilio.newNumber();
        String unreadable = canary();
        String first = offeredToTexter(texter, canary(), "They have a bed tonight.");
        redis.live().inspect(r -> r.rpush("hearth:{main}:conv:" + first + ":msgs", unreadable));

        text(texter, "SHARE");
        assertEquals("failed", maria.awaitMatching("referral", f -> !"offered".equals(f.getString("state"))).getString("state"));
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("could not connect"));
        String logged = log.all();
        assertTrue(logged.contains("a consented warm referral could not move"), "the failure is logged");
        assertFalse(logged.contains(unreadable), "the log output quotes the unreadable message");
    }
}
