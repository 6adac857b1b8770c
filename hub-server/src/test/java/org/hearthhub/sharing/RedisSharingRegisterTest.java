package org.hearthhub.sharing;

import io.vertx.core.Vertx;
import org.hearthhub.settings.RedisSettingsStore;
import org.hearthhub.settings.SettingsStore;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class RedisSharingRegisterTest extends SharingRegisterContract {
    @TempDir
    static Path redisDir;
    static RedisServer redis;
    private boolean flushed;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start(redisDir, "--appendonly", "yes");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    /** The first store of a test starts from an empty Redis; a second (another program) shares it, as nodes do. */
    @Override
    SettingsStore open(Vertx vertx, String programId) throws Exception {
        if (!flushed) {
            redis.flushAll();
            flushed = true;
        }
        return await(RedisSettingsStore.connect(vertx, redis.url(), programId, clock));
    }
}
