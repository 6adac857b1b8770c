package org.hearthhub.voice;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.FakeTwilio.CallRequest;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.hearthhub.testing.TestHub.await;
import static org.hearthhub.voice.TwimlAnswers.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two programs with two hotline numbers on one hub: a call reaches the program whose number was dialled, waits
 * in its queue, and rings its advocate's phone from that number; a call to a number no program owns hears a
 * goodbye and makes nothing.
 */
class ProgramVoiceNumbersTest {
    /** The default program's hotline is the configured one ({@link CallForms#HOTLINE}); riverside's is its own. */
    private static final String RIVERSIDE_HOTLINE = "+15550000003";
    private static final String MARIA_PHONE = "+15550101234";
    private static final String ROB_PHONE = "+15550105678";

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().fakeTwilio().env(CallForms.HOTLINE_ENV)
            .env("HEARTH_VOICE_FORGET_CALLS_SECONDS", "0");
    Vertx vertx;
    FakeTwilio twilio;
    TestHub hub;
    HostedProgram riverside;

    /** The hub, with riverside created and given its hotline; in memory unless {@code extraEnv} says otherwise. */
    private void startHub(Map<String, String> extraEnv) throws Exception {
        hubs.start(extraEnv);
        riverside = hub.addProgramWithNumbers("riverside", "Riverside", null, RIVERSIDE_HOTLINE);
    }

    private HttpResponse<Buffer> webhook(String pathOrUrl, Map<String, String> form) throws Exception {
        return hub.twilioWebhook(pathOrUrl, form);
    }

    private static String queryParam(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
        return null;
    }

    /** A call to {@code hotline}, through the greeting and English; answers the conversation it waits as. */
    private String callAndWait(String hotline, String caller, String callSid) throws Exception {
        Map<String, String> form = CallForms.with(CallForms.call(callSid, caller), "To", hotline);
        String languageUrl = only(TwimlAnswers.parse(webhook(CallUrls.INBOUND, form)), "Gather").getAttribute("action");
        Element queued = TwimlAnswers.parse(webhook(languageUrl, CallForms.with(form, "CallStatus", "in-progress", "Digits", "1")));
        return queryParam(only(queued, "Enqueue").getAttribute("waitUrl"), "c");
    }

    private WsClient onShiftWithPhone(String username, String phone, Map<String, Role> programs, String program) throws Exception {
        hub.addAccountIn(username, Role.ADVOCATE, programs);
        Account a = await(hub.hub.accounts().account(username)).orElseThrow();
        await(hub.hub.accounts().saveAccount(a.withPhone(phone)));
        WsClient ws = WsClient.connect(vertx, hub.port(), "/ws/advocate" + (program == null ? "" : "?program=" + program),
                hub.publicUrl(), hub.login(username));
        ws.await("shift");
        ws.send("shift.start", "capacity", 2);
        ws.awaitMatching("shift", f -> f.getBoolean("onShift"));
        return ws;
    }

    /** The advocate accepts, their phone rings, they press 1: answers the ring Twilio was asked to place. */
    private CallRequest takeCall(WsClient advocate, String conversation, String phone, String hotline) throws Exception {
        int before = twilio.callRequests().size();
        advocate.send("accept", "conversation", conversation);
        assertEquals("ringing", advocate.await("call").getString("state"));
        CallRequest ring = twilio.awaitCall(c -> c.placesCall() && twilio.callRequests().indexOf(c) >= before);
        Map<String, String> leg = CallForms.with(CallForms.call(ring.newSid(), hotline), "To", phone, "From", hotline,
                "Direction", "outbound-api");
        Element gather = only(TwimlAnswers.parse(webhook(ring.url(), leg)), "Gather");
        only(TwimlAnswers.parse(webhook(gather.getAttribute("action"), CallForms.with(leg, "Digits", "1"))), "Dial");
        assertEquals(conversation, advocate.await("conversation").getString("conversation"));
        return ring;
    }

    @Test
    void aCallToEachNumberWaitsInItsProgramsQueueAndRingsItsAdvocateFromThatNumber() throws Exception {
        startHub(Map.of());
        callsReachTheirProgramAndRingFromItsNumber();
    }

    @Test
    void onRedisACallToEachNumberWaitsInItsProgramsQueueAndRingsItsAdvocateFromThatNumber() throws Exception {
        redis.flushAll();
        startHub(Map.of("HEARTH_LIVE_REDIS_URL", redis.url()));
        callsReachTheirProgramAndRingFromItsNumber();
    }

    private void callsReachTheirProgramAndRingFromItsNumber() throws Exception {
        WsClient maria = onShiftWithPhone("maria", MARIA_PHONE, Map.of("main", Role.ADVOCATE), null);
        WsClient rob = onShiftWithPhone("rob", ROB_PHONE, Map.of("riverside", Role.ADVOCATE), "riverside");

        String theirs = callAndWait(RIVERSIDE_HOTLINE, CallForms.newNumber(), CallForms.newCallSid());
        assertEquals(1, await(riverside.live().queue()).size());
        assertEquals(0, await(hub.hub.liveStore().queue()).size(), "nothing in the default program's queue");
        CallRequest robsRing = takeCall(rob, theirs, ROB_PHONE, RIVERSIDE_HOTLINE);
        assertEquals(ROB_PHONE, robsRing.to());
        assertEquals(RIVERSIDE_HOTLINE, robsRing.from(), "rob's phone shows riverside's hotline");
        assertEquals("riverside", queryParam(robsRing.url(), "program"));
        assertEquals("riverside", queryParam(robsRing.statusCallback(), "program"));

        String ours = callAndWait(CallForms.HOTLINE, CallForms.newNumber(), CallForms.newCallSid());
        assertEquals(1, await(hub.hub.liveStore().queue()).size());
        CallRequest mariasRing = takeCall(maria, ours, MARIA_PHONE, CallForms.HOTLINE);
        assertEquals(CallForms.HOTLINE, mariasRing.from());
        assertEquals(null, queryParam(mariasRing.url(), "program"), "the default program's URLs are as they always were");

        // Neither advocate ever saw the other program's caller.
        for (JsonObject q : maria.drain("queue")) assertFalse(q.encode().contains(theirs), q.encode());
        for (JsonObject q : rob.drain("queue")) assertFalse(q.encode().contains(ours), q.encode());
    }

    @Test
    void anAdvocateOfOneProgramCannotTakeTheOthersCaller() throws Exception {
        startHub(Map.of());
        WsClient maria = onShiftWithPhone("maria", MARIA_PHONE, Map.of("main", Role.ADVOCATE), null);
        onShiftWithPhone("rob", ROB_PHONE, Map.of("riverside", Role.ADVOCATE), "riverside");
        String theirs = callAndWait(RIVERSIDE_HOTLINE, CallForms.newNumber(), CallForms.newCallSid());
        maria.send("accept", "conversation", theirs);
        assertEquals("not_found", maria.await("error").getString("code"));
        // A fixed wait: a ring leaves through TwilioCalls' two workers in no set order, so no later request could
        // show that an earlier one is not still on its way.
        Thread.sleep(200);
        assertTrue(twilio.callRequests().isEmpty(), "no phone rang");
        assertEquals(1, await(riverside.live().queue()).size(), "the call still waits at riverside");
    }

    @Test
    void theCallerHangingUpEndsTheCallOfTheProgramWhoseNumberTheyCalled() throws Exception {
        startHub(Map.of());
        onShiftWithPhone("rob", ROB_PHONE, Map.of("riverside", Role.ADVOCATE), "riverside");
        String caller = CallForms.newNumber();
        String callSid = CallForms.newCallSid();
        callAndWait(RIVERSIDE_HOTLINE, caller, callSid);
        Map<String, String> gone = CallForms.with(CallForms.call(callSid, caller), "To", RIVERSIDE_HOTLINE, "CallStatus", "completed");
        assertEquals(204, webhook(CallUrls.STATUS, gone).statusCode());
        for (int i = 0; i < 50 && !await(riverside.live().queue()).isEmpty(); i++) Thread.sleep(20);
        assertEquals(0, await(riverside.live().queue()).size());
    }

    @Test
    void aCallToANumberNoProgramOwnsHearsGoodbyeAndMakesNothing() throws Exception {
        startHub(Map.of());
        onShiftWithPhone("rob", ROB_PHONE, Map.of("riverside", Role.ADVOCATE), "riverside");
        String caller = CallForms.newNumber();
        for (String to : new String[]{"+15559999999", FakeTwilio.FROM, "<Say>", null}) {
            Map<String, String> form = CallForms.call(CallForms.newCallSid(), caller);
            if (to == null) form.remove("To");
            else form.put("To", to);
            Element root = TwimlAnswers.parse(webhook(CallUrls.INBOUND, form));
            assertEquals(2, root.getElementsByTagName("Say").getLength(), "said in English and Spanish");
            assertTrue(root.getTextContent().contains("does not reach a line answered here"), root.getTextContent());
            assertEquals(1, root.getElementsByTagName("Hangup").getLength());
            assertEquals(0, root.getElementsByTagName("Gather").getLength());
            assertEquals(204, webhook(CallUrls.STATUS, CallForms.with(form, "CallStatus", "completed")).statusCode());
        }
        // A later step naming a program the hub does not host (only a signed URL could) gets the apology.
        Element trouble = TwimlAnswers.parse(webhook(CallUrls.LANGUAGE + "?program=nowhere", CallForms.with(CallForms.call(CallForms.newCallSid(), caller),
                "Digits", "1")));
        assertEquals(1, trouble.getElementsByTagName("Hangup").getLength());
        assertEquals(0, await(hub.hub.liveStore().queue()).size());
        assertEquals(0, await(riverside.live().queue()).size());
        assertTrue(twilio.callRequests().isEmpty());
    }

    @Test
    void aProgramsUnansweredLineReadsItsOwnTextNumber() throws Exception {
        startHub(Map.of());
        String riversideTexts = "+15550000002";
        await(hub.hub.programs().registry().setNumbers(riverside.id(), riversideTexts, RIVERSIDE_HOTLINE));
        // Nobody on shift at riverside: the caller hears riverside's referrals and text number, not the default program's.
        Map<String, String> form = CallForms.with(CallForms.call(CallForms.newCallSid(), CallForms.newNumber()), "To", RIVERSIDE_HOTLINE);
        String languageUrl = only(TwimlAnswers.parse(webhook(CallUrls.INBOUND, form)), "Gather").getAttribute("action");
        Element unanswered = TwimlAnswers.parse(webhook(languageUrl, CallForms.with(form, "Digits", "1")));
        String said = unanswered.getTextContent();
        assertTrue(said.contains(CallScripts.spoken(riversideTexts)), said);
        assertFalse(said.contains(CallScripts.spoken(FakeTwilio.FROM)), said);
        assertEquals(1, unanswered.getElementsByTagName("Hangup").getLength());
        assertEquals(0, await(riverside.live().queue()).size());
    }
}
