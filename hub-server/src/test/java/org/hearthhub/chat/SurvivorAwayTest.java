package org.hearthhub.chat;

import io.vertx.core.json.JsonObject;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.testing.QueueFrames;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A survivor whose connection closes is away: advocates see it, a queued one leaves the queue after the
 * grace unless they come back, and the advocate of an active chat is told "disconnected" and "back".
 */
class SurvivorAwayTest {
    static final int GRACE_SECONDS = 30;

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().env("HEARTH_QUEUE_AWAY_GRACE_SECONDS", String.valueOf(GRACE_SECONDS))
            .liveRedis(this::liveRedis);
    TestHub hub;

    /** Where the live state is kept: in memory here; {@link RedisSurvivorAwayTest} runs every test on Redis. */
    RedisServer liveRedis() {
        return null;
    }

    private static JsonObject started(WsClient survivor) {
        survivor.send("start", "lang", "en");
        return survivor.await("started");
    }

    /** A new connection resuming the chat of this token. */
    private WsClient resumed(String token, java.util.function.Consumer<JsonObject> check) throws Exception {
        WsClient back = hub.survivor();
        back.send("resume", "token", token, "lastSeq", 0);
        check.accept(back.await("resumed"));
        return back;
    }

    private int sweep() throws Exception {
        return TestHub.await(hub.hub.conversations().timeouts().sweep());
    }

    private List<String> queuedIds() throws Exception {
        return TestHub.await(hub.hub.liveStore().queue()).stream().map(QueuedConversation::id).toList();
    }

    /** The reason the next conversation to end ended with, as every node hears it. */
    private CompletableFuture<EndReason> nextEnd() {
        CompletableFuture<EndReason> reason = new CompletableFuture<>();
        hub.hub.liveStore().subscribe(e -> {
            if (e instanceof LiveEvent.Ended ended) reason.complete(ended.reason());
        });
        return reason;
    }

    /** Until the hub has handled this many survivor sockets closing (its close handler marks them away). */
    private void awaitSurvivorSockets(int open) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (hub.hub.sockets().survivorSockets() != open) {
            if (System.currentTimeMillis() > deadline) fail("the hub still counts " + hub.hub.sockets().survivorSockets() + " survivor sockets");
            Thread.sleep(5);
        }
    }

    @Test
    void ghostLeavesTheQueueAfterTheGraceAndAdvocatesSeeItAwayMeanwhile() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient ghost = hub.survivor();
        String id = started(ghost).getString("conversation");
        QueueFrames.awaitListed(advocate, id, false); // connected: not away

        ghost.kill();
        JsonObject shown = QueueFrames.awaitListed(advocate, id, true);
        assertEquals(hub.clock.instant().toString(), shown.getString("awaySince"));

        hub.clock.advance(Duration.ofSeconds(GRACE_SECONDS - 1));
        assertEquals(0, sweep(), "within the grace the place is kept");
        assertEquals(List.of(id), queuedIds());

        CompletableFuture<EndReason> ended = nextEnd();
        hub.clock.advance(Duration.ofSeconds(2));
        assertEquals(1, sweep());
        assertEquals(EndReason.AWAY, ended.get(5, TimeUnit.SECONDS), "counted in statistics as its own reason");
        assertNull(TestHub.await(hub.hub.liveStore().conversation(id)), "purged like any ended conversation");
        advocate.awaitMatching("queue", q -> QueueFrames.entry(q, id) == null);
        assertTrue(queuedIds().isEmpty());
    }

    @Test
    void socketsThatStartAndCloseAtOnceLeaveNoLastingGhosts() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        for (int i = 0; i < 3; i++) {
            WsClient ghost = hub.survivor();
            ghost.send("start", "lang", "en");
            ghost.kill(); // often before the hub has even queued the chat
        }
        advocate.awaitMatching("queue", q -> q.getInteger("total") == 3
                && q.getJsonArray("items").stream().map(JsonObject.class::cast).allMatch(QueueFrames::away));

        hub.clock.advance(Duration.ofSeconds(GRACE_SECONDS + 1));
        assertEquals(3, sweep());
        assertTrue(queuedIds().isEmpty());
    }

    @Test
    void resumeWithinTheGraceClearsAwayAndKeepsThePlace() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient first = hub.survivor();
        JsonObject start = started(first);
        String id = start.getString("conversation");
        String behind = started(hub.survivor()).getString("conversation");

        first.kill();
        QueueFrames.awaitListed(advocate, id, true);
        hub.clock.advance(Duration.ofSeconds(GRACE_SECONDS - 5));

        resumed(start.getString("token"), r -> assertEquals(1, r.getInteger("position"), "still first in line"));
        QueueFrames.awaitListed(advocate, id, false);
        assertEquals(List.of(id, behind), queuedIds(), "in the same place");

        hub.clock.advance(Duration.ofSeconds(10));
        assertEquals(0, sweep(), "back before the grace ran out: nothing ends");
        assertEquals(List.of(id, behind), queuedIds());
    }

    @Test
    void survivorIsAwayOnlyWhenTheirLastConnectionCloses() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient old = hub.survivor();
        JsonObject start = started(old);
        String id = start.getString("conversation");
        // A reconnect that overlaps: the new connection resumes before the old one is gone.
        WsClient fresh = resumed(start.getString("token"), r -> { });

        old.kill();
        awaitSurvivorSockets(1);
        hub.clock.advance(Duration.ofSeconds(10));
        fresh.kill();
        JsonObject shown = QueueFrames.awaitListed(advocate, id, true);
        assertEquals(hub.clock.instant().toString(), shown.getString("awaySince"),
                "away from when the last connection closed, not the first");
    }

    @Test
    void advocateSeesTheSurvivorOfAnActiveChatDisconnectAndComeBack() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        JsonObject start = started(survivor);
        String id = start.getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");
        survivor.await("assigned");

        survivor.kill();
        JsonObject gone = advocate.await("presence");
        assertEquals(id, gone.getString("conversation"));
        assertTrue(gone.getBoolean("away"));
        assertEquals(hub.clock.instant().toString(), gone.getString("awaySince"));

        // A console that connects meanwhile (another tab, a reconnect) learns it with the chat.
        WsClient secondTab = hub.advocate("maria", List.of("en", "es"), 3);
        assertEquals(gone.getString("awaySince"), secondTab.await("conversation").getString("awaySince"));

        hub.clock.advance(Duration.ofSeconds(GRACE_SECONDS + 1));
        assertEquals(0, sweep(), "an active chat is the advocate's to end, however long the survivor is away");

        resumed(start.getString("token"), r -> assertEquals("active", r.getString("state")));
        JsonObject returned = advocate.await("presence");
        assertEquals(id, returned.getString("conversation"));
        assertFalse(returned.getBoolean("away"));
        assertNull(returned.getString("awaySince"));
        assertNotNull(TestHub.await(hub.hub.liveStore().conversation(id)));
    }
}
