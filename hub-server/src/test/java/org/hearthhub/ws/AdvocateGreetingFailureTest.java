package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hearthhub.settings.Role;
import org.hearthhub.testing.FlakyNetwork;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A console whose handshake was accepted but whose greeting (its shift and held chats, read from Redis)
 * fails is closed with "try again later" and forgotten, so the console reconnects instead of sitting on
 * an open socket that never got its {@code shift} frame.
 */
class AdvocateGreetingFailureTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();

    @Test
    void consoleWhoseGreetingMeetsARedisOutageIsClosedUnlistedAndGreetedOnReconnect(Vertx vertx) throws Exception {
        try (FlakyNetwork toRedis = FlakyNetwork.start(vertx)) {
            toRedis.forwardTo(redis.port());
            TestHub hub = hubs.start(Map.of("HEARTH_LIVE_REDIS_URL", "redis://127.0.0.1:" + toRedis.port()));
            hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
            String cookie = hub.login("maria");
            // The handshake reads the session (GETEX); the greeting's first read is the shift list (HVALS):
            // Redis drops out exactly between the two.
            toRedis.cutWhenSent("HVALS");
            WsClient console = WsClient.connect(vertx, hub.port(), SocketEndpoints.ADVOCATE_PATH, hub.publicUrl(), cookie);

            assertEquals((short) 1013, console.awaitClose(10_000), "closed as try again later");
            assertEquals("console state unavailable, reconnect", console.closeReason());
            List<JsonObject> frames = console.pending();
            assertFalse(frames.stream().anyMatch(f -> "shift".equals(f.getString("type"))), "no shift was read: " + frames);
            assertTrue(frames.stream().anyMatch(f -> "error".equals(f.getString("type")) && "unavailable".equals(f.getString("code"))),
                    "told why: " + frames);
            awaitNoAdvocateSockets(hub);

            toRedis.restore();
            WsClient again = reconnect(vertx, hub, cookie);
            assertFalse(again.await("shift", 10_000).getBoolean("onShift"));
            assertEquals(1, hub.hub.sockets().advocateSockets());
            again.close();
        }
    }

    /** As the console does: upgrades are refused (503) until the hub's Redis client has reconnected. */
    private static WsClient reconnect(Vertx vertx, TestHub hub, String cookie) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return WsClient.connect(vertx, hub.port(), SocketEndpoints.ADVOCATE_PATH, hub.publicUrl(), cookie);
            } catch (Exception refused) {
                if (System.currentTimeMillis() > deadline) throw refused;
                Thread.sleep(100);
            }
        }
    }

    private static void awaitNoAdvocateSockets(TestHub hub) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (hub.hub.sockets().advocateSockets() != 0 && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertEquals(0, hub.hub.sockets().advocateSockets(), "the closed console is no longer listed");
    }
}
