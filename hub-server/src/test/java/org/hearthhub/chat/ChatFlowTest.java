package org.hearthhub.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web chat's life, driven through real sockets: queue, accept, messages, resume, end. */
class ChatFlowTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().liveRedis(this::liveRedis);
    TestHub hub;

    /** Where the live state is kept: in memory here; {@link RedisChatFlowTest} runs every test on Redis. */
    RedisServer liveRedis() {
        return null;
    }

    private static JsonObject start(WsClient survivor, String lang) {
        survivor.send("start", "lang", lang);
        return survivor.await("started");
    }

    @Test
    void fullChatFromStartToEnd() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        JsonObject started = start(survivor, "en");
        String id = started.getString("conversation");
        assertEquals(1, started.getInteger("position"));
        assertNotNull(started.getString("token"));
        assertNotNull(started.getLong("estimatedWaitSeconds"), "an advocate is on shift, so there is an estimate");

        JsonObject queue = advocate.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        assertEquals(id, queue.getJsonArray("items").getJsonObject(0).getString("conversation"));
        assertEquals("web", queue.getJsonArray("items").getJsonObject(0).getString("channel"));

        survivor.send("message", "clientId", "s1", "text", "hello, is anyone there?");
        assertEquals(1L, survivor.await("ack").getLong("seq"));

        advocate.send("accept", "conversation", id);
        JsonObject conversation = advocate.await("conversation");
        assertEquals(id, conversation.getString("conversation"));
        assertEquals("hello, is anyone there?", conversation.getJsonArray("messages").getJsonObject(0).getString("text"));
        assertEquals("Advocate maria", survivor.await("assigned").getString("advocate"));

        advocate.send("typing", "conversation", id);
        survivor.await("typing");
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Hi, I'm here. You're safe to talk.");
        assertEquals(2L, advocate.await("ack").getLong("seq"));
        JsonObject reply = survivor.await("message");
        assertEquals("advocate", reply.getString("from"));
        assertEquals(2L, reply.getLong("seq"));
        assertEquals("Hi, I'm here. You're safe to talk.", reply.getString("text"));

        survivor.send("message", "clientId", "s2", "text", "thank you");
        JsonObject atAdvocate = advocate.awaitMatching("message", m -> m.getLong("seq") == 3);
        assertEquals("survivor", atAdvocate.getString("from"));
        assertEquals(id, atAdvocate.getString("conversation"));

        survivor.send("end");
        JsonObject ended = survivor.await("ended");
        assertEquals("survivor", ended.getString("reason"));
        assertNotNull(ended.getString("feedbackTicket"));
        assertEquals("survivor", advocate.await("ended").getString("reason"));
        assertNull(TestHub.await(hub.hub.liveStore().conversation(id)), "an ended conversation is purged");
    }

    @Test
    void anAdvocateNamedSurvivorTypesOnTheAdvocatesSide() throws Exception {
        // An account from before "survivor" was reserved: TestHub writes it straight to the store.
        WsClient advocate = hub.advocateOnShift("survivor");
        WsClient survivor = hub.survivor();
        String id = start(survivor, "en").getString("conversation");
        advocate.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");

        advocate.send("typing", "conversation", id);
        survivor.await("typing");
        advocate.expectNone("typing", 500);

        survivor.send("typing");
        assertEquals(id, advocate.await("typing").getString("conversation"));
        survivor.expectNone("typing", 500);
    }

    /**
     * Typing floods (the frame budget lets 20 a second through) are passed on once in two seconds: each one is
     * an event to every node and a frame to every console showing the chat, and the console shows one for 4 s.
     */
    @Test
    void aSurvivorsTypingFloodReachesTheAdvocateOnceInTwoSeconds() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        TestHub.TakenChat chat = hub.chatTakenBy(advocate, "127.0.0.2");
        for (int i = 0; i < 15; i++) chat.survivor().send("typing");
        chat.survivor().send("message", "clientId", "s1", "text", "after the typing");
        chat.survivor().await("ack");
        advocate.awaitMatching("message", m -> "after the typing".equals(m.getString("text")));
        // One typing frame, and no other; not asserted to come before the message. The console's catch-up, run just
        // after its conversation frame went out, reads the store itself: a message the test sent on seeing that frame
        // can be in the store by then, and is shown at once, ahead of the typing event still queued on the loop.
        assertEquals(chat.conversation(), advocate.await("typing").getString("conversation"));
        advocate.expectNone("typing", 300);

        hub.clock.advance(java.time.Duration.ofMillis(1_999));
        chat.survivor().send("typing");
        advocate.expectNone("typing", 300);
        hub.clock.advance(java.time.Duration.ofMillis(1));
        chat.survivor().send("typing");
        assertEquals(chat.conversation(), advocate.await("typing").getString("conversation"));
    }

    @Test
    void anAdvocatesTypingFloodReachesTheSurvivorOnceInTwoSeconds() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        TestHub.TakenChat chat = hub.chatTakenBy(advocate, "127.0.0.2");
        for (int i = 0; i < 15; i++) advocate.send("typing", "conversation", chat.conversation());
        advocate.send("message", "conversation", chat.conversation(), "clientId", "a1", "text", "after the typing");
        advocate.await("ack");
        chat.survivor().awaitMatching("message", m -> "after the typing".equals(m.getString("text")));
        chat.survivor().await("typing"); // one, before the message or just after it, and no other
        chat.survivor().expectNone("typing", 300);

        hub.clock.advance(java.time.Duration.ofMillis(1_999));
        advocate.send("typing", "conversation", chat.conversation());
        chat.survivor().expectNone("typing", 300);
        hub.clock.advance(java.time.Duration.ofMillis(1));
        advocate.send("typing", "conversation", chat.conversation());
        chat.survivor().await("typing");
        // Her other chat is thinned on its own: the gap is a conversation's, not the console's.
        TestHub.TakenChat other = hub.chatTakenBy(advocate, "127.0.0.3");
        advocate.send("typing", "conversation", other.conversation());
        other.survivor().await("typing");
    }

    @Test
    void threeWaitingSurvivorsSeePositionsMove() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        List<WsClient> survivors = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WsClient s = hub.survivor();
            JsonObject started = start(s, "en");
            assertEquals(i + 1, started.getInteger("position"));
            survivors.add(s);
            ids.add(started.getString("conversation"));
        }
        advocate.send("accept", "conversation", ids.get(0));
        survivors.get(0).await("assigned");
        assertEquals(1, survivors.get(1).await("queue").getInteger("position"));
        assertEquals(2, survivors.get(2).await("queue").getInteger("position"));

        survivors.get(1).send("exit");
        assertEquals("quick_exit", survivors.get(1).await("ended").getString("reason"));
        assertEquals(1, survivors.get(2).awaitMatching("queue", q -> q.getInteger("position") == 1).getInteger("position"));
    }

    @Test
    void advocateHoldsNoMoreThanCapacity() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria", List.of("en"), 2);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(start(hub.survivor(), "en").getString("conversation"));
        advocate.send("accept", "conversation", ids.get(0));
        advocate.await("conversation");
        advocate.send("accept", "conversation", ids.get(1));
        advocate.await("conversation");
        advocate.send("accept", "conversation", ids.get(2));
        JsonObject error = advocate.await("error");
        assertEquals("forbidden", error.getString("code"));
        assertEquals(ids.get(2), error.getString("conversation"));
        assertEquals(1, TestHub.await(hub.hub.liveStore().queue()).size(), "the third survivor is still waiting");
    }

    @Test
    void survivorWhoReconnectsGetsMissedMessagesOnce() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        JsonObject started = start(survivor, "en");
        String id = started.getString("conversation");
        advocate.send("accept", "conversation", id);
        survivor.await("assigned");
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "first");
        assertEquals(1L, survivor.await("message").getLong("seq"));

        survivor.kill();
        advocate.send("message", "conversation", id, "clientId", "a2", "text", "second");
        advocate.send("message", "conversation", id, "clientId", "a3", "text", "third");
        advocate.await("ack");
        advocate.await("ack");

        WsClient back = hub.survivor();
        back.send("resume", "token", started.getString("token"), "lastSeq", 1);
        JsonObject resumed = back.await("resumed");
        assertEquals(id, resumed.getString("conversation"));
        assertEquals("active", resumed.getString("state"));
        assertEquals("second", back.await("message").getString("text"));
        assertEquals("third", back.await("message").getString("text"));
        advocate.send("message", "conversation", id, "clientId", "a4", "text", "fourth");
        assertEquals(4L, back.await("message").getLong("seq"));
        back.expectNone("message", 300);
    }

    @Test
    void resentClientIdIsDeliveredOnce() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        String id = start(survivor, "en").getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");
        survivor.send("message", "clientId", "same", "text", "are you there?");
        survivor.send("message", "clientId", "same", "text", "are you there?");
        assertEquals(1L, survivor.await("ack").getLong("seq"));
        assertEquals(1L, survivor.await("ack").getLong("seq"), "the resend is acked with the same seq");
        advocate.awaitMatching("message", m -> m.getLong("seq") == 1);
        advocate.expectNone("message", 300);
        assertEquals(1, TestHub.await(hub.hub.liveStore().messagesAfter(id, 0)).size());
    }

    @Test
    void idleTimeoutEndsTheChat() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        String id = start(survivor, "en").getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");
        hub.clock.advance(Duration.ofMinutes(29));
        assertEquals(0, TestHub.await(hub.hub.conversations().timeouts().sweep()));
        hub.clock.advance(Duration.ofMinutes(2));
        assertEquals(1, TestHub.await(hub.hub.conversations().timeouts().sweep()));
        assertEquals("timeout", survivor.await("ended").getString("reason"));
        assertEquals("timeout", advocate.await("ended").getString("reason"));
    }

    @Test
    void safetyExitTellsTheSurvivorsWidgetToLeave() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        String id = start(survivor, "en").getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");
        advocate.send("end", "conversation", id, "safetyExit", true);
        assertEquals("safety_exit", survivor.await("ended").getString("reason"));
        assertEquals("safety_exit", advocate.await("ended").getString("reason"));
    }

    @Test
    void advocateSeesThatTheSurvivorLeftByQuickExit() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        String id = start(survivor, "en").getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");
        survivor.send("exit");
        assertEquals("quick_exit", advocate.await("ended").getString("reason"));
    }

    @Test
    void blockedConversationEndsAndItsTokenNoLongerResumes() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        JsonObject started = start(survivor, "en");
        advocate.send("block", "conversation", started.getString("conversation"));
        assertEquals("blocked", survivor.await("ended").getString("reason"));
        WsClient again = hub.survivor();
        again.send("resume", "token", started.getString("token"), "lastSeq", 0);
        assertEquals("unknown_token", again.await("error").getString("code"));
    }

    @Test
    void transferMovesTheChatToAnotherAdvocateOnShift() throws Exception {
        WsClient maria = hub.advocateOnShift("maria");
        WsClient ana = hub.advocateOnShift("ana");
        WsClient survivor = hub.survivor();
        String id = start(survivor, "en").getString("conversation");
        survivor.send("message", "clientId", "s1", "text", "hello");
        maria.send("accept", "conversation", id);
        maria.await("conversation");
        maria.send("transfer", "conversation", id, "to", "ana");
        assertEquals("ana", maria.await("transferred").getString("to"));
        JsonObject atAna = ana.await("conversation");
        assertEquals("hello", atAna.getJsonArray("messages").getJsonObject(0).getString("text"));
        assertEquals("Advocate ana", survivor.awaitMatching("assigned", a -> a.getString("advocate").endsWith("ana")).getString("advocate"));
        ana.send("message", "conversation", id, "clientId", "x", "text", "I'm Ana, I'll take it from here");
        assertEquals("I'm Ana, I'll take it from here", survivor.await("message").getString("text"));
        maria.send("message", "conversation", id, "clientId", "y", "text", "still here?");
        assertEquals("forbidden", maria.await("error").getString("code"));
    }

    @Test
    void conversationIsOfferedFirstToAdvocatesWhoSpeakItsLanguage() throws Exception {
        WsClient english = hub.advocateOnShift("maria", List.of("en"), 2);
        WsClient spanish = hub.advocateOnShift("ana", List.of("es"), 2);
        String id = start(hub.survivor(), "es").getString("conversation");
        spanish.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        english.send("accept", "conversation", id);
        assertEquals("forbidden", english.await("error").getString("code"));
        for (JsonObject q : english.pending()) {
            if ("queue".equals(q.getString("type"))) assertTrue(q.getJsonArray("items").isEmpty());
        }
        hub.clock.advance(Duration.ofSeconds(61));
        english.send("accept", "conversation", id);
        assertEquals(id, english.await("conversation").getString("conversation"));
    }

    @Test
    void offShiftAdvocateReceivesNoQueue() throws Exception {
        WsClient advocate = hub.advocate("maria", List.of("en"), 2);
        start(hub.survivor(), "en");
        advocate.expectNone("queue", 300);
        advocate.send("accept", "conversation", "anything");
        assertEquals("forbidden", advocate.await("error").getString("code"));
    }

    @Test
    void feedbackTicketWorksOnce() throws Exception {
        WsClient survivor = hub.survivor();
        start(survivor, "en");
        survivor.send("end");
        String ticket = survivor.await("ended").getString("feedbackTicket");
        JsonObject answer = new JsonObject().put("ticket", ticket).put("rating", 5).put("helped", true);
        assertEquals(204, TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/feedback").sendJsonObject(answer)).statusCode());
        assertEquals(404, TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/feedback").sendJsonObject(answer)).statusCode());
        assertEquals(400, TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/feedback")
                .sendJsonObject(answer.copy().put("rating", 9))).statusCode());
        assertFalse(ticket.isBlank());
    }

    private JsonObject status() throws Exception {
        return TestHub.await(hub.http().get(hub.port(), "localhost", "/api/v1/status?lang=en").send()).bodyAsJsonObject();
    }

    @Test
    void statusAndStartSayPlainlyThatNobodyIsOnShift() throws Exception {
        JsonObject status = status();
        assertTrue(status.getBoolean("open"));
        assertEquals(Boolean.FALSE, status.getBoolean("staffed"), "open, but nobody on shift: " + status);

        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        assertEquals(Boolean.FALSE, survivor.await("started").getBoolean("staffed"));

        hub.advocateOnShift("maria");
        JsonObject queue = survivor.awaitMatching("queue", q -> q.getBoolean("staffed", false));
        assertEquals(1, queue.getInteger("position"), "still waiting, now with someone to answer");
        assertEquals(Boolean.TRUE, status().getBoolean("staffed"));
    }

    @Test
    void replayedOwnMessagesCarryTheirClientId() throws Exception {
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String token = survivor.await("started").getString("token");
        survivor.send("message", "clientId", "first", "text", "same words");
        survivor.await("ack");
        survivor.send("message", "clientId", "second", "text", "same words");
        survivor.await("ack");
        survivor.close();

        WsClient again = hub.survivor();
        again.send("resume", "token", token, "lastSeq", 0);
        again.await("resumed");
        assertEquals("first", again.await("message").getString("clientId"));
        assertEquals("second", again.await("message").getString("clientId"));
        assertFalse(again.isClosed());
    }

    private static JsonObject hotline() {
        return new JsonObject().put("name", "Hotline").put("phone", "1-800-799-7233").put("sms", "88788")
                .put("text", "Any time.").put("url", "https://www.thehotline.org");
    }

    /** Starts a chat that the advocate accepts; returns the survivor's {@code started} frame. */
    private static JsonObject acceptedChat(WsClient advocate, WsClient survivor) {
        JsonObject started = start(survivor, "en");
        advocate.send("accept", "conversation", started.getString("conversation"));
        advocate.await("conversation");
        survivor.await("assigned");
        return started;
    }

    @Test
    void referralArrivesAsItemsWithPlainTextBesideAndIsReplayedOnResume() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        JsonObject started = acceptedChat(advocate, survivor);
        String token = started.getString("token");
        String id = started.getString("conversation");
        advocate.send(new JsonObject().put("type", "message").put("conversation", id).put("clientId", "r1")
                .put("referrals", new JsonArray().add(hotline())));
        assertEquals(1L, advocate.await("ack").getLong("seq"));
        JsonObject got = survivor.await("message");
        assertEquals(new JsonArray().add(hotline()), got.getJsonArray("referrals"));
        assertEquals("Hotline: 1-800-799-7233 (text 88788) — Any time. https://www.thehotline.org", got.getString("text"),
                "the same referral as plain text, for SMS and for widgets that know no items");
        JsonObject echo = advocate.awaitMatching("message", m -> m.getLong("seq") == 1);
        assertEquals("r1", echo.getString("clientId"), "the console that sent it settles its own bubble by clientId");
        assertEquals(hotline(), echo.getJsonArray("referrals").getJsonObject(0));

        survivor.kill();
        WsClient back = hub.survivor();
        back.send("resume", "token", token, "lastSeq", 0);
        back.await("resumed");
        assertEquals(new JsonArray().add(hotline()), back.await("message").getJsonArray("referrals"), "resume replays the items");

        WsClient console = hub.advocate("maria", List.of("en", "es"), 3);
        JsonObject restored = console.await("conversation");
        assertEquals(hotline(), restored.getJsonArray("messages").getJsonObject(0).getJsonArray("referrals").getJsonObject(0),
                "a reconnecting console gets the items too");
    }

    @Test
    void hostileOrMalformedReferralsAreRefusedAndNothingIsSent() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        String id = acceptedChat(advocate, survivor).getString("conversation");
        List<Object> refused = List.of(
                new JsonArray().add(hotline().put("url", "javascript:alert(1)")),
                new JsonArray().add(hotline().put("url", "data:text/html,<script>alert(1)</script>")),
                new JsonArray().add(hotline().put("phone", "<script>alert(1)</script>")),
                new JsonArray().add(hotline().put("sms", "javascript:alert(1)")),
                new JsonArray().add(hotline().putNull("name")),
                new JsonArray().add(hotline().put("name", "x".repeat(201))),
                new JsonArray().add(hotline().put("url", 7)),
                new JsonArray().add("not an object"),
                new JsonArray(),
                "not a list");
        for (Object referrals : refused) {
            advocate.send(new JsonObject().put("type", "message").put("conversation", id).put("clientId", "bad")
                    .put("referrals", referrals));
            JsonObject error = advocate.await("error");
            assertEquals("bad_request", error.getString("code"), referrals::toString);
            assertEquals(id, error.getString("conversation"));
        }
        JsonArray six = new JsonArray();
        for (int i = 0; i < 6; i++) six.add(hotline());
        advocate.send(new JsonObject().put("type", "message").put("conversation", id).put("clientId", "six").put("referrals", six));
        assertEquals("too_large", advocate.await("error").getString("code"));
        advocate.send(new JsonObject().put("type", "message").put("conversation", id).put("clientId", "both")
                .put("text", "and words").put("referrals", new JsonArray().add(hotline())));
        assertEquals("bad_request", advocate.await("error").getString("code"), "items or text, not both");

        survivor.expectNone("message", 300);
        advocate.send("message", "conversation", id, "clientId", "ok", "text", "still here");
        assertEquals(1L, advocate.await("ack").getLong("seq"), "nothing refused reached the transcript");
        assertEquals("still here", survivor.await("message").getString("text"));
    }
}
