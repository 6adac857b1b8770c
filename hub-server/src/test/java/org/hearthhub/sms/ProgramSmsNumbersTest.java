package org.hearthhub.sms;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.settings.ProgramListStore;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.hearthhub.testing.FakeTwilio.newNumber;
import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two programs with two SMS numbers on one hub: a text reaches the program whose number it was sent to, its
 * replies leave from that number, and a text to a number no program owns makes nothing.
 */
class ProgramSmsNumbersTest {
    private static final String INBOUND = "/sms/twilio";
    private static final String STATUS = "/sms/twilio/status";
    /** The default program's number is the configured one ({@link FakeTwilio#FROM}); riverside's is its own. */
    private static final String RIVERSIDE_NUMBER = "+15550000002";

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().fakeTwilio();
    FakeTwilio twilio;
    TestHub hub;
    HostedProgram riverside;

    /** The hub, with riverside created and given its number; in memory unless {@code extraEnv} says otherwise. */
    private void startHub(Map<String, String> extraEnv) throws Exception {
        hubs.start(extraEnv);
        riverside = hub.addProgramWithNumbers("riverside", "Riverside", RIVERSIDE_NUMBER, null);
    }

    private HttpResponse<Buffer> text(String from, String to, String body) throws Exception {
        return post(INBOUND, FakeTwilio.inboundText(from, to, body));
    }

    private HttpResponse<Buffer> post(String pathAndQuery, Map<String, String> form) throws Exception {
        return hub.twilioWebhook(pathAndQuery, form);
    }

    /** An advocate who works in riverside alone, on shift there. */
    private WsClient riversideAdvocate(String username) throws Exception {
        return hub.advocateOnShiftIn("riverside", username);
    }

    private static JsonObject acceptFirst(WsClient advocate) {
        JsonObject queue = advocate.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        advocate.send("accept", "conversation", queue.getJsonArray("items").getJsonObject(0).getString("conversation"));
        return advocate.await("conversation");
    }

    @Test
    void aTextToEachNumberLandsInItsProgramsQueueAndIsAnsweredFromThatNumber() throws Exception {
        startHub(Map.of());
        textsReachTheirProgramAndRepliesLeaveFromItsNumber();
    }

    @Test
    void onRedisATextToEachNumberLandsInItsProgramsQueueAndIsAnsweredFromThatNumber() throws Exception {
        redis.flushAll();
        startHub(Map.of("HEARTH_LIVE_REDIS_URL", redis.url()));
        textsReachTheirProgramAndRepliesLeaveFromItsNumber();
        redis.inspect(r -> assertFalse(r.keys("hearth:{riverside}:*").isEmpty(), "riverside's texter lives under its own prefix"));
    }

    private void textsReachTheirProgramAndRepliesLeaveFromItsNumber() throws Exception {
        WsClient maria = hub.advocateOnShift("maria");
        WsClient rob = riversideAdvocate("rob");
        String mainTexter = newNumber();
        String riversideTexter = newNumber();

        assertEquals(200, text(riversideTexter, RIVERSIDE_NUMBER, "hello riverside").statusCode());
        FakeTwilio.Sent queued = twilio.awaitDelivered(s -> s.to().equals(riversideTexter));
        assertEquals(RIVERSIDE_NUMBER, queued.from(), "the place-in-line text comes from riverside's number");
        assertTrue(queued.statusCallback().endsWith(STATUS + "?program=riverside"), queued.statusCallback());
        assertEquals(1, await(riverside.live().queue()).size());
        assertEquals(0, await(hub.hub.liveStore().queue()).size(), "nothing in the default program's queue");

        assertEquals(200, text(mainTexter, FakeTwilio.FROM, "hello main").statusCode());
        FakeTwilio.Sent mainQueued = twilio.awaitDelivered(s -> s.to().equals(mainTexter));
        assertEquals(FakeTwilio.FROM, mainQueued.from());
        assertTrue(mainQueued.statusCallback().endsWith(STATUS), "the default program's callback is as it always was");

        // Each advocate takes their own program's texter, and the reply goes out from that program's number.
        JsonObject robs = acceptFirst(rob);
        JsonObject marias = acceptFirst(maria);
        assertFalse(robs.encode().contains("hello main"), robs.encode());
        assertFalse(marias.encode().contains("hello riverside"), marias.encode());
        rob.send("message", "conversation", robs.getString("conversation"), "clientId", "r1", "text", "riverside here");
        FakeTwilio.Sent reply = twilio.awaitDelivered(s -> s.body().equals("riverside here"));
        assertEquals(riversideTexter, reply.to());
        assertEquals(RIVERSIDE_NUMBER, reply.from());
        maria.send("message", "conversation", marias.getString("conversation"), "clientId", "m1", "text", "main here");
        FakeTwilio.Sent mainReply = twilio.awaitDelivered(s -> s.body().equals("main here"));
        assertEquals(FakeTwilio.FROM, mainReply.from());

        // The riverside texter's next text joins their riverside conversation.
        text(riversideTexter, RIVERSIDE_NUMBER, "second");
        JsonObject message = rob.awaitMatching("message", m -> "second".equals(m.getString("text")));
        assertEquals(robs.getString("conversation"), message.getString("conversation"));
        for (JsonObject frame : maria.drain("message")) assertFalse(frame.encode().contains("second"), frame.encode());
    }

    @Test
    void advocatesOfOneProgramNeverSeeTheOthersTexter() throws Exception {
        startHub(Map.of());
        WsClient maria = hub.advocateOnShift("maria");
        WsClient rob = riversideAdvocate("rob");
        String texter = newNumber();
        text(texter, RIVERSIDE_NUMBER, "only for riverside");
        String id = acceptFirst(rob).getString("conversation");

        maria.send("accept", "conversation", id);
        assertEquals("not_found", maria.await("error").getString("code"));
        for (JsonObject q : maria.drain("queue")) assertFalse(q.encode().contains(id), "maria's queue names riverside's texter: " + q);
        assertEquals(0, await(hub.hub.liveStore().queue()).size());
    }

    @Test
    void aTextToANumberNoProgramOwnsIsAnsweredWithEmptyTwimlAndCreatesNothing() throws Exception {
        startHub(Map.of());
        String texter = newNumber();
        for (String to : new String[]{"+15559999999", null, "not a number", "<script>"}) {
            HttpResponse<Buffer> r = text(texter, to, "hello?");
            assertEquals(200, r.statusCode(), String.valueOf(to));
            assertTrue(r.getHeader("Content-Type").startsWith("text/xml"));
            assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", r.bodyAsString());
        }
        // The webhook answers once the text is handled, so a queued conversation would be there by now.
        assertEquals(0, await(hub.hub.liveStore().queue()).size());
        assertEquals(0, await(riverside.live().queue()).size());
        // Texts to one number leave in order: once a later text's reply is out, any reply to those would be too.
        text(texter, FakeTwilio.FROM, "hello, main?");
        FakeTwilio.Sent marker = twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("number 1 in line"));
        assertEquals(java.util.List.of(marker), twilio.received(), "nothing is texted back before: " + twilio.received());
    }

    @Test
    void aFailedDeliveryReportReachesTheAdvocateOfTheProgramItsCallbackNames() throws Exception {
        startHub(Map.of());
        WsClient rob = riversideAdvocate("rob");
        String texter = newNumber();
        text(texter, RIVERSIDE_NUMBER, "hello");
        String id = acceptFirst(rob).getString("conversation");
        rob.send("message", "conversation", id, "clientId", "r1", "text", "did this arrive?");
        FakeTwilio.Sent sent = twilio.awaitDelivered(s -> s.body().equals("did this arrive?"));

        Map<String, String> report = Map.of("MessageSid", sent.sid(), "MessageStatus", "undelivered", "ErrorCode", "30003",
                "AccountSid", FakeTwilio.ACCOUNT_SID, "To", texter, "From", RIVERSIDE_NUMBER);
        // The default program's callback does not know riverside's message: nothing happens there.
        assertEquals(204, post(STATUS, report).statusCode());
        assertEquals(204, post(STATUS + "?program=nowhere", report).statusCode());
        assertEquals(204, post(STATUS + "?program=riverside", report).statusCode());
        JsonObject error = rob.await("error");
        assertEquals(id, error.getString("conversation"));
    }

    @Test
    void aNumberChangedOnAnotherNodeIsFollowedAfterTheNextProgramListReload() throws Exception {
        startHub(Map.of());
        String moved = "+15550000004";
        // Another node's admin moves riverside's texts to a new number: written to the shared list, read here at the poll.
        assertEquals(ProgramListStore.NumbersSaved.SAVED, await(hub.hub.settingsStore().saveNumbers(riverside.program().withNumbers(moved, null))));
        await(hub.hub.programs().sync());
        String texter = newNumber();
        text(texter, moved, "hello");
        assertEquals(moved, twilio.awaitDelivered(s -> s.to().equals(texter)).from(), "replies leave from the new number");
        assertEquals(1, await(riverside.live().queue()).size());

        String another = newNumber();
        text(another, RIVERSIDE_NUMBER, "to the old number");
        assertEquals(1, await(riverside.live().queue()).size(), "the old number is nobody's now");
        // Texts to one number leave in order: once a later text's reply is out, a reply to that one would be too.
        text(another, moved, "to the new number");
        FakeTwilio.Sent marker = twilio.awaitDelivered(s -> s.to().equals(another) && s.body().contains("number 2 in line"));
        assertEquals(moved, marker.from());
        assertEquals(java.util.List.of(marker), twilio.deliveredTo(another), "the old number is nobody's now");
    }
}
