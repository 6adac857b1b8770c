package org.hearthhub.privacy;

import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.RedisStores;
import org.junit.jupiter.api.extension.RegisterExtension;


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
        return holds(redis.live(), text);
    }

    @Override
    boolean settingsHold(String text) {
        return holds(redis.settings(), text);
    }

    private static boolean holds(RedisServer server, String text) {
        boolean[] inKey = new boolean[1];
        server.inspect(r -> inKey[0] = RedisServer.keys(r).stream().anyMatch(k -> k.contains(text)));
        return inKey[0] || server.holdsText(text);
    }
}
