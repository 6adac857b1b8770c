package org.hearthhub.redis;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Redis endpoint of a process runs on one set of Lettuce threads, shut down with the last endpoint. */
@ExtendWith(VertxExtension.class)
class LettuceResourcesTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @Test
    void endpointsShareOneSetOfThreadsUntilTheLastCloses(Vertx vertx) throws Exception {
        int before = LettuceResources.users();
        RedisEndpoint live = RedisEndpoint.connect(vertx, redis.url(), "live").await(10, TimeUnit.SECONDS);
        RedisEndpoint settings = RedisEndpoint.connect(vertx, redis.url(), "settings").await(10, TimeUnit.SECONDS);
        assertSame(live.resources(), settings.resources(), "one ClientResources per process, not one per endpoint");
        assertEquals(before + 2, LettuceResources.users());

        live.close().await(10, TimeUnit.SECONDS);
        assertEquals("PONG", settings.call(c -> c.ping()).await(10, TimeUnit.SECONDS), "closing one endpoint leaves the other working");
        settings.close().await(10, TimeUnit.SECONDS);
        assertEquals(before, LettuceResources.users());
        if (before == 0) {
            assertTrue(live.resources().eventExecutorGroup().isShuttingDown(), "the last endpoint out stops the threads");
            RedisEndpoint again = RedisEndpoint.connect(vertx, redis.url(), "live").await(10, TimeUnit.SECONDS);
            assertNotSame(live.resources(), again.resources(), "and the next one starts a fresh set");
            again.close().await(10, TimeUnit.SECONDS);
        }
    }
}
