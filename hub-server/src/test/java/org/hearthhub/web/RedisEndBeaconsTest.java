package org.hearthhub.web;

import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every {@link EndBeaconsTest} scenario again with the live state in a real Redis, and what only several nodes have:
 * a beacon handled by a node other than the one holding the survivor's socket. (A source is counted per node, as
 * every per-source guard is: each node hashes addresses with a key of its own, docs/privacy.md.)
 */
class RedisEndBeaconsTest extends EndBeaconsTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @TempDir
    Path otherNodesData;

    @Override
    RedisServer liveRedis() {
        return redis;
    }

    private TestHub otherNode() throws Exception {
        return TestHub.start(vertx, otherNodesData, Map.of("HEARTH_LIVE_REDIS_URL", redis.url()));
    }

    @Test
    void aBeaconOnAnotherNodeEndsTheChatWhoseSocketIsOnThisOne() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String canary = canary();
        Chat chat = chat(hub, advocate, "127.0.0.2", "my sister's address is " + canary);
        try (TestHub other = otherNode()) {
            assertNoContent(beacon(other, other.http(), "/api/v1/exit", body(chat.token())));

            assertEquals("quick_exit", chat.survivor().await("ended").getString("reason"), "the socket on this node hears it");
            assertEquals("quick_exit", advocate.awaitMatching("ended", e -> chat.id().equals(e.getString("conversation"))).getString("reason"));
            assertNull(TestHub.await(hub.hub.liveStore().conversation(chat.id())));
            assertFalse(liveStoreHolds(canary));
        }
    }
}
