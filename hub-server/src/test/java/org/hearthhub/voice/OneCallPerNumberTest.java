package org.hearthhub.voice;

import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.FakeTwilio.CallRequest;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hearthhub.voice.TwimlAnswers.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One caller ID holds at most one place on the hotline: a second call from a number whose call is queued or connected
 * is told the line cannot take it and hung up, not queued, until the first ends however it ends; another number is
 * unaffected, and withheld numbers share a bounded number of places. Signed webhooks into a real hub, the real Twilio
 * SDK out to the fake Calls API, real console sockets, on the in-memory live store and on a real redis-server.
 */
class OneCallPerNumberTest {
    static final String MARIA_PHONE = "+15550101234";
    static final String SECOND_CALL_EN = "We cannot take this call right now.";
    static final String SECOND_CALL_ES = "En este momento no podemos atender esta llamada.";

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().fakeTwilio().captureLogs().env(CallForms.HOTLINE_ENV)
            .env("HEARTH_VOICE_FORGET_CALLS_SECONDS", "0").env("HEARTH_METRICS_TOKEN", TestHub.METRICS_TOKEN);
    FakeTwilio twilio;
    TestHub hub;
    LogCapture logs;

    private void startHub(String kind, Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        if (kind.equals("redis")) {
            redis.flushAll();
            all.put("HEARTH_LIVE_REDIS_URL", redis.url());
        }
        hubs.start(all);
    }

    // ---------------------------------------------------------------- call steps

    private HttpResponse<Buffer> webhook(String url, Map<String, String> form) throws Exception {
        return hub.twilioWebhook(url, form);
    }

    /** A call through the greeting and the language choice; answers the parsed TwiML of that choice. */
    private Element call(String callSid, String from, String digits) throws Exception {
        TwimlAnswers.parse(webhook(CallUrls.INBOUND, CallForms.call(callSid, from)));
        return TwimlAnswers.parse(webhook(CallUrls.LANGUAGE, CallForms.with(CallForms.call(callSid, from), "CallStatus", "in-progress",
                "Digits", digits)));
    }

    /** A call that is queued: its conversation, from the Enqueue verb's wait URL. */
    private String queued(String callSid, String from) throws Exception {
        Element answer = call(callSid, from, "1");
        assertEquals(List.of("Say", "Enqueue"), verbs(answer), "queued: " + from);
        return queryParam(only(answer, "Enqueue").getAttribute("waitUrl"), "c");
    }

    private void assertRefusedAsSecondCall(Element answer, String words) {
        assertEquals(List.of("Say", "Hangup"), verbs(answer), "told, then hung up: not queued");
        assertTrue(spoken(answer).startsWith(words), spoken(answer));
    }

    private WsClient mariaOnShiftWithPhone() throws Exception {
        hub.addAccount("maria", org.hearthhub.model.Role.ADVOCATE, List.of("en", "es"), 3);
        Account maria = TestHub.await(hub.hub.settingsStore().account("maria")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(maria.withPhone(MARIA_PHONE)));
        return hub.advocateOnShift("maria");
    }

    /** Maria accepts the queued call and presses 1 on her phone: the caller is connected. */
    private void bridge(WsClient maria, String conversation) throws Exception {
        int before = twilio.callRequests().size();
        maria.send("accept", "conversation", conversation);
        CallRequest ring = twilio.awaitCall(c -> c.placesCall() && twilio.callRequests().indexOf(c) >= before);
        Map<String, String> leg = CallForms.with(CallForms.call(ring.newSid(), CallForms.HOTLINE), "To", MARIA_PHONE);
        Element gather = only(TwimlAnswers.parse(webhook(ring.url(), leg)), "Gather");
        only(TwimlAnswers.parse(webhook(gather.getAttribute("action"), CallForms.with(leg, "Digits", "1"))), "Dial");
        maria.awaitMatching("conversation", c -> conversation.equals(c.getString("conversation")));
    }

    private List<QueuedConversation> queue() throws Exception {
        return TestHub.await(hub.hub.liveStore().queue());
    }

    private double refused(String reason) throws Exception {
        return TestHub.metric(hub.metrics(), "hearth_calls_refused_total{reason=\"" + reason + "\"}");
    }

    /** Second calls refused while {@link #callOnceFreed} waited. */
    private int refusedWhileFreeing;

    /**
     * A new call once the first call's place is free: the end of a conversation reaches the relay as a live event, so
     * the place is given back just after it, not with it. Each call tried too soon is refused, and counted.
     */
    private Element callOnceFreed(String from) throws Exception {
        Element answer = null;
        for (int i = 0; i < 50; i++) {
            answer = call(CallForms.newCallSid(), from, "1");
            if (verbs(answer).contains("Enqueue")) return answer;
            refusedWhileFreeing++;
            Thread.sleep(20);
        }
        return answer;
    }

    // ---------------------------------------------------------------- behaviour

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aSecondCallWhileTheFirstIsQueuedIsToldInItsLanguageAndHungUpAndAnotherNumberIsUnaffected(String kind) throws Exception {
        startHub(kind, Map.of());
        WsClient maria = mariaOnShiftWithPhone();
        String caller = CallForms.newNumber();
        String first = CallForms.newCallSid();
        String conversation = queued(first, caller);

        assertRefusedAsSecondCall(call(CallForms.newCallSid(), caller, "1"), SECOND_CALL_EN);
        assertRefusedAsSecondCall(call(CallForms.newCallSid(), caller, "2"), SECOND_CALL_ES);
        // The same number written otherwise is the same number.
        String formatted = caller.substring(0, 2) + " (" + caller.substring(2, 5) + ") " + caller.substring(5, 8) + "-" + caller.substring(8);
        assertRefusedAsSecondCall(call(CallForms.newCallSid(), formatted, "1"), SECOND_CALL_EN);
        assertEquals(List.of(conversation), queue().stream().map(QueuedConversation::id).toList(), "one place for the number");
        assertEquals(3.0, refused("second_call"));
        assertEquals(0.0, refused("withheld_full"));

        String other = queued(CallForms.newCallSid(), CallForms.newNumber());
        assertEquals(2, queue().size(), "another number is queued as ever");

        // The first call is still the one its later steps name: a retried language step requeues it, not refuses it.
        assertEquals(List.of("Say", "Enqueue"), verbs(call(first, caller, "1")));
        assertEquals(2, queue().size());
        assertNotNull(maria);
        assertNotNull(other);

        String digits = caller.substring(2);
        assertFalse(logs.all().contains(digits), "the number is in no log line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void afterTheFirstCallEndsANewCallFromTheNumberIsQueuedHoweverItEnded(String kind) throws Exception {
        startHub(kind, Map.of());
        WsClient maria = mariaOnShiftWithPhone();

        // The caller hangs up while waiting: Twilio calls the Enqueue verb's action.
        String caller = CallForms.newNumber();
        String callSid = CallForms.newCallSid();
        Element enqueue = only(call(callSid, caller, "1"), "Enqueue");
        TwimlAnswers.parse(webhook(enqueue.getAttribute("action"), CallForms.with(CallForms.call(callSid, caller), "QueueResult", "hangup")));
        assertTrue(verbs(callOnceFreed(caller)).contains("Enqueue"), "hung up while queued: a new call is queued");

        // Connected to Maria, a second call is refused; she ends the call, and the number may call again.
        String bridged = CallForms.newNumber();
        String bridgedConversation = queued(CallForms.newCallSid(), bridged);
        bridge(maria, bridgedConversation);
        assertRefusedAsSecondCall(call(CallForms.newCallSid(), bridged, "1"), SECOND_CALL_EN);
        maria.send("end", "conversation", bridgedConversation);
        maria.awaitMatching("ended", e -> bridgedConversation.equals(e.getString("conversation")));
        assertTrue(verbs(callOnceFreed(bridged)).contains("Enqueue"), "ended by the advocate: a new call is queued");

        // Only the caller leg's status report says the call is over (the Enqueue action never came).
        String reported = CallForms.newNumber();
        String reportedSid = CallForms.newCallSid();
        queued(reportedSid, reported);
        assertEquals(204, webhook(CallUrls.STATUS, CallForms.with(CallForms.call(reportedSid, reported), "CallStatus", "completed")).statusCode());
        assertTrue(verbs(callOnceFreed(reported)).contains("Enqueue"), "reported over: a new call is queued");
        assertEquals(1.0 + refusedWhileFreeing, refused("second_call"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void everyReportOfTheEndLostThePlaceLastsNoLongerThanACallMay(String kind) throws Exception {
        startHub(kind, Map.of());
        mariaOnShiftWithPhone();
        String caller = CallForms.newNumber();
        queued(CallForms.newCallSid(), caller);
        if (kind.equals("redis")) {
            List<Long> ttls = new ArrayList<>();
            redis.inspect(r -> {
                for (String k : RedisServer.keys(r)) if (k.contains(":value:voice:caller:")) ttls.add(r.pttl(k));
            });
            assertEquals(1, ttls.size(), "one place, for the number's keyed hash: " + ttls);
            assertTrue(ttls.get(0) > 0 && ttls.get(0) <= Duration.ofHours(12).plusMinutes(1).toMillis(), "bounded by the call's cap: " + ttls);
        } else {
            hub.clock.advance(Duration.ofHours(12).plusMinutes(2));
            assertTrue(verbs(call(CallForms.newCallSid(), caller, "1")).contains("Enqueue"), "past the call's cap the place is free");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void withheldNumbersStillGetThroughButShareABoundedNumberOfPlaces(String kind) throws Exception {
        startHub(kind, Map.of("HEARTH_VOICE_MAX_WITHHELD_CALLS", "2"));
        mariaOnShiftWithPhone();
        String first = CallForms.newCallSid();
        Element enqueue = only(call(first, "anonymous", "1"), "Enqueue");
        queued(CallForms.newCallSid(), "+266696687"); // Twilio's placeholder for "restricted"
        // A third withheld caller: the full line's answer, with the referrals, never the second-call words.
        Element full = call(CallForms.newCallSid(), "", "1");
        assertTrue(spoken(full).contains("the line is full"), spoken(full));
        assertFalse(spoken(full).contains(SECOND_CALL_EN));
        assertEquals("Hangup", verbs(full).get(verbs(full).size() - 1));
        assertEquals(2, queue().size());
        assertEquals(1.0, refused("withheld_full"));
        assertEquals(0.0, refused("second_call"));
        // A caller with a number is not held back by them.
        queued(CallForms.newCallSid(), CallForms.newNumber());

        // One withheld caller leaves: their place goes to the next.
        TwimlAnswers.parse(webhook(enqueue.getAttribute("action"), CallForms.with(CallForms.call(first, "anonymous"), "QueueResult", "hangup")));
        assertTrue(verbs(callOnceFreed("Restricted")).contains("Enqueue"), "a withheld caller is queued again");
        assertNull(TestHub.await(hub.hub.liveStore().peek(CallKeys.caller("null"))), "no number's place for withheld callers");
        assertEquals(1.0 + refusedWhileFreeing, refused("withheld_full"));
    }

    // ---------------------------------------------------------------- TwiML

    private static List<String> verbs(Element root) {
        List<String> out = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e.getTagName());
        }
        return out;
    }

    private static String spoken(Element root) {
        StringBuilder out = new StringBuilder();
        for (Element e : TwimlAnswers.all(root, "Say")) out.append(e.getTextContent()).append(' ');
        return out.toString().trim();
    }

    private static String queryParam(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
        return null;
    }
}
