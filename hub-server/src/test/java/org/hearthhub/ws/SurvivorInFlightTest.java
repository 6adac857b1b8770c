package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.RawWebSocket;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames that reach a survivor socket while its {@code start} or {@code resume} is still under way: the live
 * state is in a real Redis, so each of those takes several round trips, and the frames after it, sent in the
 * same write, are read meanwhile.
 */
class SurvivorInFlightTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().liveRedis(redis);
    TestHub hub;

    private static String frame(String type, Object... fieldsAndValues) {
        JsonObject f = new JsonObject().put("type", type);
        for (int i = 0; i < fieldsAndValues.length; i += 2) f.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        return f.encode();
    }

    /** The next text frame of {@code type} the raw socket gets, skipping others. */
    private static JsonObject next(RawWebSocket ws, String type) throws Exception {
        for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline; ) {
            JsonObject f = new JsonObject(ws.awaitText(10_000));
            if (type.equals(f.getString("type"))) return f;
        }
        throw new AssertionError("no " + type + " frame");
    }

    @Test
    void aQuickExitWhileTheChatIsBeingResumedEndsItAsAQuickExit() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started");
        String id = started.getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.send("message", "clientId", "c1", "text", "he is coming home soon");
        survivor.await("ack");
        survivor.kill(); // the page reloads: the widget resumes, and the survivor presses Quick exit at once

        try (RawWebSocket reloaded = RawWebSocket.connect(hub.port(), "/ws/survivor", null)) {
            reloaded.sendTexts(frame("resume", "token", started.getString("token"), "lastSeq", 0), frame("exit"));
            JsonObject ended = advocate.awaitMatching("ended", e -> id.equals(e.getString("conversation")));
            assertEquals("quick_exit", ended.getString("reason"), "the advocate sees the survivor left by quick exit");
            assertEquals("quick_exit", next(reloaded, "ended").getString("reason"));
        }
        assertNull(TestHub.await(hub.hub.liveStore().conversation(id)), "the chat and its words are gone at once");
        WsClient again = hub.survivor();
        again.send("resume", "token", started.getString("token"), "lastSeq", 0);
        assertEquals("unknown_token", again.await("error").getString("code"));
    }

    @Test
    void anEndWhileTheChatIsBeingStartedEndsTheNewChat() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        try (RawWebSocket survivor = RawWebSocket.connect(hub.port(), "/ws/survivor", null)) {
            survivor.sendTexts(frame("start", "lang", "en"), frame("end"));
            String id = next(survivor, "started").getString("conversation");
            assertEquals("survivor", next(survivor, "ended").getString("reason"), "answered as any end, after the start");
            assertNull(TestHub.await(hub.hub.liveStore().conversation(id)));
        }
        assertTrue(TestHub.await(hub.hub.liveStore().queue()).isEmpty(), "no chat waits for an advocate with nobody in it");
        advocate.expectNone("conversation", 200);
    }

    @Test
    void socketsThatCloseWhileTheirResumeIsUnderWayTakeNoPlaceFromTheLiveOne() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started");
        String id = started.getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.await("assigned");

        // A flaky network: reconnects that die before their resume is answered, as many as a chat may have sockets.
        int socketsPerChat = hub.hub.config().limits().socketsPerChat();
        for (int i = 0; i < socketsPerChat; i++) {
            RawWebSocket.connect(hub.port(), "/ws/survivor", null)
                    .sendTextsAndLeave(frame("resume", "token", started.getString("token"), "lastSeq", 0));
        }
        // Then a second tab, answered after those resumes were (the store answers in turn).
        WsClient tab = hub.survivor();
        tab.send("resume", "token", started.getString("token"), "lastSeq", 0);
        tab.await("resumed");

        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Are you safe to talk?");
        advocate.await("ack");
        assertEquals("Are you safe to talk?", tab.await("message").getString("text"));
        assertEquals("Are you safe to talk?", survivor.await("message").getString("text"), "the first socket still has the chat");
        assertNull(survivor.closeStatus(), "and is not closed as if it had gone on elsewhere");
        advocate.expectNone("presence", 200);
    }

    @Test
    void aQuickExitWhileAStartIsRefusedIsStillAnswered() throws Exception {
        try (RawWebSocket survivor = RawWebSocket.connect(hub.port(), "/ws/survivor", null)) {
            survivor.sendTexts(frame("resume", "token", "no-such-token", "lastSeq", 0), frame("exit"));
            assertEquals("unknown_token", next(survivor, "error").getString("code"));
            assertEquals("quick_exit", next(survivor, "ended").getString("reason"));
        }
    }
}
