package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.HeldChat;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error the advocate socket can answer (docs/protocol.md), each followed by proof that the console
 * connection still works: one bad frame must not cost an advocate the chats they hold.
 */
class AdvocateBadInputTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().env("HEARTH_METRICS_TOKEN", TestHub.METRICS_TOKEN);
    TestHub hub;

    private static JsonObject assertError(WsClient ws, String code) {
        JsonObject error = ws.await("error");
        assertEquals(code, error.getString("code"), "error frame: " + error);
        String message = error.getString("message");
        assertNotNull(message, "every error carries a human message");
        assertFalse(message.isBlank() || message.startsWith("error.") || message.contains("{0}"),
                "a finished human message, not a key or a template: " + message);
        return error;
    }

    private int okCount;

    /** The console still does real work: a message in the held chat is acknowledged and delivered. */
    private void assertStillUsable(HeldChat h) {
        String clientId = "ok-" + (++okCount);
        h.advocate().send("message", "conversation", h.conversation(), "clientId", clientId, "text", "still here " + okCount);
        assertEquals(clientId, h.advocate().await("ack").getString("clientId"));
        assertEquals("still here " + okCount, h.survivor().await("message").getString("text"));
        assertFalse(h.advocate().isClosed());
    }

    private void assertBadRawFrames(HeldChat h, String code, String... frames) {
        for (String frame : frames) {
            h.advocate().sendRaw(frame);
            assertError(h.advocate(), code);
            assertStillUsable(h);
        }
    }

    @Test
    void malformedJsonIsABadRequestAndSocketStaysUsable() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        assertBadRawFrames(h, "bad_request", "{not json", "{\"type\":\"accept\"", "", "{\"type\":\"shift.start\",}");
    }

    @Test
    void jsonThatIsNotAnObjectIsABadRequest() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        assertBadRawFrames(h, "bad_request", "[]", "[{\"type\":\"shift.end\"}]", "7", "\"shift.end\"", "null", "false");
    }

    @Test
    void frameWithoutAStringTypeIsABadRequest() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        assertBadRawFrames(h, "bad_request", "{}", "{\"conversation\":\"x\"}", "{\"type\":null}", "{\"type\":1}",
                "{\"type\":[\"accept\"]}");
    }

    @Test
    void fieldsOfTheWrongTypeAreBadRequests() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        String c = h.conversation();
        assertBadRawFrames(h, "bad_request",
                "{\"type\":\"accept\",\"conversation\":5}",
                "{\"type\":\"accept\"}",
                "{\"type\":\"accept\",\"conversation\":\"  \"}",
                "{\"type\":\"message\",\"conversation\":\"" + c + "\",\"clientId\":\"w1\",\"text\":5}",
                "{\"type\":\"message\",\"conversation\":\"" + c + "\",\"clientId\":9,\"text\":\"hi\"}",
                "{\"type\":\"message\",\"conversation\":\"" + c + "\",\"text\":\"no clientId\"}",
                "{\"type\":\"message\",\"clientId\":\"w2\",\"text\":\"no conversation\"}",
                "{\"type\":\"end\",\"conversation\":\"" + c + "\",\"safetyExit\":\"yes\"}",
                "{\"type\":\"transfer\",\"conversation\":\"" + c + "\",\"to\":42}",
                "{\"type\":\"shift.start\",\"capacity\":\"3\"}",
                "{\"type\":\"shift.start\",\"capacity\":2.5}");
    }

    @Test
    void capacityOutOfRangeIsABadRequestThatNamesTheRange() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        for (int capacity : new int[]{0, -1, 99}) {
            h.advocate().send("shift.start", "capacity", capacity);
            JsonObject error = assertError(h.advocate(), "bad_request");
            assertTrue(error.getString("message").contains("5"), "names the most allowed: " + error);
            assertStillUsable(h);
        }
    }

    @Test
    void unknownTypeIsAnsweredWithUnknownType() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        assertBadRawFrames(h, "unknown_type", "{\"type\":\"shift.begin\"}", "{\"type\":\"start\",\"lang\":\"en\"}",
                "{\"type\":\"resume\",\"token\":\"x\"}", "{\"type\":\"ACCEPT\",\"conversation\":\"x\"}");
    }

    @Test
    void oversizedFrameIsRefusedAndSocketStaysUsable() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        int max = hub.hub.config().limits().maxFrameBytes();
        h.advocate().send(new JsonObject().put("type", "typing").put("conversation", h.conversation()).put("pad", "x".repeat(max)));
        JsonObject error = assertError(h.advocate(), "too_large");
        assertNull(error.getString("conversation"), "an unread frame names no conversation");
        assertStillUsable(h);
        h.advocate().send(new JsonObject().put("type", "typing").put("conversation", h.conversation()).put("pad", "ü".repeat(max / 2 + 1)));
        assertError(h.advocate(), "too_large");
        assertStillUsable(h);
    }

    @Test
    void messageTextOverFourThousandCharsIsTooLarge() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        h.advocate().send("message", "conversation", h.conversation(), "clientId", "long", "text", "a".repeat(4001));
        JsonObject error = assertError(h.advocate(), "too_large");
        assertEquals(h.conversation(), error.getString("conversation"), "the console can show the error beside the chat");
        assertStillUsable(h);
        h.advocate().send("message", "conversation", h.conversation(), "clientId", "longest", "text", "a".repeat(4000));
        assertEquals("longest", h.advocate().await("ack").getString("clientId"));
        assertEquals(4000, h.survivor().await("message").getString("text").length());
    }

    @Test
    void emptyTextIsABadRequest() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        for (String text : new String[]{"", "   ", "\n"}) {
            h.advocate().send("message", "conversation", h.conversation(), "clientId", "empty", "text", text);
            assertError(h.advocate(), "bad_request");
            assertStillUsable(h);
        }
        h.advocate().send("message", "conversation", h.conversation(), "clientId", "missing");
        assertError(h.advocate(), "bad_request");
        assertStillUsable(h);
        h.survivor().expectNone("message", 100);
    }

    @Test
    void actingOnAnUnknownConversationIsNotFound() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        for (JsonObject frame : List.of(
                new JsonObject().put("type", "accept").put("conversation", "no-such-chat"),
                new JsonObject().put("type", "message").put("conversation", "no-such-chat").put("clientId", "x").put("text", "hi"),
                new JsonObject().put("type", "typing").put("conversation", "no-such-chat"),
                new JsonObject().put("type", "end").put("conversation", "no-such-chat"),
                new JsonObject().put("type", "block").put("conversation", "no-such-chat"),
                // video.offer is absent here: with video off it is forbidden for every conversation (VideoOfferTest).
                new JsonObject().put("type", "transfer").put("conversation", "no-such-chat").put("to", "ana"))) {
            h.advocate().send(frame);
            JsonObject error = assertError(h.advocate(), "not_found");
            assertEquals("no-such-chat", error.getString("conversation"), "for " + frame);
            assertStillUsable(h);
        }
    }

    @Test
    void actingOnAnEndedConversationIsNotFound() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String ended = survivor.await("started").getString("conversation");
        survivor.send("end");
        survivor.await("ended");
        h.advocate().send("accept", "conversation", ended);
        assertError(h.advocate(), "not_found");
        assertStillUsable(h);
    }

    @Test
    void actingOnAConversationHeldBySomeoneElseIsForbidden() throws Exception {
        HeldChat maria = HeldChat.maria(hub);
        WsClient ana = hub.advocateOnShift("ana");
        String c = maria.conversation();
        for (JsonObject frame : List.of(
                new JsonObject().put("type", "accept").put("conversation", c),
                new JsonObject().put("type", "message").put("conversation", c).put("clientId", "x").put("text", "let me in"),
                new JsonObject().put("type", "typing").put("conversation", c),
                new JsonObject().put("type", "end").put("conversation", c),
                new JsonObject().put("type", "end").put("conversation", c).put("safetyExit", true),
                new JsonObject().put("type", "block").put("conversation", c),
                new JsonObject().put("type", "transfer").put("conversation", c).put("to", "ana"),
                new JsonObject().put("type", "video.offer").put("conversation", c))) {
            ana.send(frame);
            JsonObject error = assertError(ana, "forbidden");
            assertEquals(c, error.getString("conversation"), "for " + frame);
        }
        maria.survivor().expectNone("ended", 100);
        maria.survivor().expectNone("message", 0);
        assertStillUsable(maria);
        ana.send("shift.start", "capacity", 2);
        assertEquals(2, ana.awaitMatching("shift", s -> s.getInteger("capacity") == 2).getInteger("capacity"),
                "ana's console still works too");
    }

    @Test
    void offShiftAdvocateIsForbiddenToTakeOrBlockChats() throws Exception {
        WsClient advocate = hub.advocate("maria", List.of("en"), 2);
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        advocate.send("accept", "conversation", id);
        assertError(advocate, "forbidden");
        advocate.send("block", "conversation", id);
        assertError(advocate, "forbidden");
        advocate.send("shift.start", "capacity", 2);
        advocate.awaitMatching("shift", s -> s.getBoolean("onShift"));
        advocate.send("accept", "conversation", id);
        assertEquals(id, advocate.await("conversation").getString("conversation"));
    }

    @Test
    void binaryFramesAreBadRequests() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        h.advocate().sendBinary("{\"type\":\"shift.end\"}".getBytes(StandardCharsets.UTF_8));
        assertError(h.advocate(), "bad_request");
        assertStillUsable(h);
    }

    @Test
    void frameFloodIsAnsweredOnceASecondCountedAndTheSocketRecovers() throws Exception {
        HeldChat h = HeldChat.maria(hub); // shift.start and accept: two frames of this second
        for (int i = 0; i < 90; i++) h.advocate().sendRaw("{\"type\":\"nudge\"}");
        SurvivorBadInputTest.awaitFramesOverBudget(hub, "advocate", 62);
        hub.clock.advance(Duration.ofSeconds(1));
        assertStillUsable(h);
        assertEquals(Map.of("unknown_type", 28L, "rate_limited", 1L), SurvivorBadInputTest.errorCounts(h.advocate()),
                "30 frames a second are read; the other 62 cost one answer");
        assertEquals(0.0, TestHub.metric(hub.metrics(), "hearth_frames_over_budget_total{side=\"survivor\"}"));
    }
}
