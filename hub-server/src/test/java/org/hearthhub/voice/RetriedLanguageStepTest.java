package org.hearthhub.voice;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.sms.ContactKeys;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.FakeTwilio.CallRequest;
import org.hearthhub.testing.InterleavedStore;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.TwilioSigner;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.hearthhub.voice.TwimlAnswers.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Twilio asks again when a step of a call is slow to answer: the language choice can reach the hub twice at once, and
 * both requests find the call not yet queued. One conversation survives; the other is opened and ended as a duplicate.
 * The duplicate's end must leave the surviving conversation's call mark (the call SID → conversation, which is how the
 * caller leg's status report finds what to end) and the number's place on the line. The first request is played by a
 * hotline over the program's own live store seen through {@link InterleavedStore}, so the retried request (a signed
 * webhook into the real hub) lands exactly while the first is between its read of the call mark and the queueing; the
 * rest is the real hub: console sockets, the real Twilio SDK ringing the advocate through the fake Calls API. In memory
 * and on a real redis-server.
 */
class RetriedLanguageStepTest {
    static final String MARIA_PHONE = "+15550101234";

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().fakeTwilio().env(CallForms.HOTLINE_ENV)
            .env("HEARTH_VOICE_FORGET_CALLS_SECONDS", "0");
    FakeTwilio twilio;
    TestHub hub;

    private void startHub(String kind) throws Exception {
        Map<String, String> env = new HashMap<>();
        if (kind.equals("redis")) {
            redis.flushAll();
            env.put("HEARTH_LIVE_REDIS_URL", redis.url());
        }
        hubs.start(env);
    }

    /**
     * The default program's hotline as a slow first request sees its store: {@code meanwhile} runs another step in the
     * middle of its own. Built as the hub builds it, with the hub's key of numbers, so both requests are one caller's.
     */
    private Hotline slowHotline(InterleavedStore<LiveStore> meanwhile) throws Exception {
        HostedProgram main = hub.hub.programs().defaultProgram();
        ContactKeys keys = TestHub.await(ContactKeys.load(hub.vertx, hub.hub.config().twilio().hmacKeyFile(), hub.hub.config().dataDir()));
        return new Hotline(meanwhile.view(), main.conversations(), main.settings(), hub.hub.accounts(), main.stats(), keys,
                hub.hub.config().voice(), new CallUrls(hub.publicUrl(), null), () -> null, null,
                new CallScripts(PhoneLanguages.fromHubBundles()), new CallerHolds(meanwhile.view(), hub.hub.config().voice().maxWithheldCalls()),
                HotlineMeter.NONE);
    }

    private Future<HttpResponse<Buffer>> post(String path, Map<String, String> form) {
        return hub.postForm(path, form, TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, hub.publicUrl() + path, form));
    }

    private WsClient mariaOnShiftWithPhone() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en", "es"), 3);
        Account maria = TestHub.await(hub.hub.settingsStore().account("maria")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(maria.withPhone(MARIA_PHONE)));
        return hub.advocateOnShift("maria");
    }

    /** Maria accepts the queued call and presses 1 on her phone: the caller is connected. */
    private void bridge(WsClient maria, String conversation) throws Exception {
        maria.send("accept", "conversation", conversation);
        CallRequest ring = twilio.awaitCall(CallRequest::placesCall);
        Map<String, String> leg = CallForms.with(CallForms.call(ring.newSid(), CallForms.HOTLINE), "To", MARIA_PHONE);
        Element gather = only(TwimlAnswers.parse(hub.twilioWebhook(ring.url(), leg)), "Gather");
        only(TwimlAnswers.parse(hub.twilioWebhook(gather.getAttribute("action"), CallForms.with(leg, "Digits", "1"))), "Dial");
        maria.awaitMatching("conversation", c -> conversation.equals(c.getString("conversation")));
    }

    private List<String> queue() throws Exception {
        return TestHub.await(hub.hub.liveStore().queue()).stream().map(QueuedConversation::id).toList();
    }

    private String queuedConversation(Element answer) {
        return queryParam(only(answer, "Enqueue").getAttribute("waitUrl"), "c");
    }

    /** A new call from {@code from}, through the greeting and the language choice. */
    private Element call(String from) throws Exception {
        String callSid = CallForms.newCallSid();
        TwimlAnswers.parse(hub.twilioWebhook(CallUrls.INBOUND, CallForms.call(callSid, from)));
        return TwimlAnswers.parse(hub.twilioWebhook(CallUrls.LANGUAGE, CallForms.with(CallForms.call(callSid, from), "CallStatus",
                "in-progress", "Digits", "1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void theDuplicatesEndLeavesTheCallsMarkSoTheCallersStatusReportStillEndsTheCallAndFreesTheNumber(String kind) throws Exception {
        startHub(kind);
        WsClient maria = mariaOnShiftWithPhone();
        String caller = CallForms.newNumber();
        String callSid = CallForms.newCallSid();
        TwimlAnswers.parse(hub.twilioWebhook(CallUrls.INBOUND, CallForms.call(callSid, caller)));
        Map<String, String> choice = CallForms.with(CallForms.call(callSid, caller), "CallStatus", "in-progress", "Digits", "1");

        // The first request has read that the call is not queued yet when Twilio, tired of waiting, sends it again.
        InterleavedStore<LiveStore> meanwhile = new InterleavedStore<>(LiveStore.class, hub.hub.programs().defaultProgram().live());
        AtomicReference<HttpResponse<Buffer>> retried = new AtomicReference<>();
        meanwhile.after("peek", () -> post(CallUrls.LANGUAGE, choice).onSuccess(retried::set));
        String first = TestHub.await(slowHotline(meanwhile).chosen(callSid, caller, "1", null));
        assertNotNull(retried.get(), "the retried request landed in the middle of the first");

        String conversation = queuedConversation(TwimlAnswers.parse(retried.get()));
        assertEquals(conversation, queuedConversation(TwimlAnswers.parse(first)), "both requests queue the one call");
        assertEquals(List.of(conversation), queue(), "the duplicate is gone");
        // The duplicate's end gave back no place: the number's call goes on.
        assertEquals(List.of("Say", "Hangup"), verbs(call(caller)),
                "a second call from the number is still refused");

        bridge(maria, conversation);
        // The caller hangs up after talking; only the caller leg's status report reaches the hub (the queue's is lost).
        assertEquals(204, TestHub.await(post(CallUrls.STATUS, CallForms.with(choice, "CallStatus", "completed"))).statusCode());
        maria.awaitMatching("ended", e -> conversation.equals(e.getString("conversation")));
        assertTrue(queue().isEmpty());

        // The call is over: its number's place is free for a new call.
        Element again = call(caller);
        for (int i = 0; i < 50 && !verbs(again).contains("Enqueue"); i++) {
            Thread.sleep(20); // the end reaches the relay as a live event: the place goes back just after it
            again = call(caller);
        }
        assertTrue(verbs(again).contains("Enqueue"), "a new call from the number is queued once the call is over");
    }

    /**
     * Twilio refuses to delete a call in progress, so the duplicate's end must not ask: the call goes on in the
     * conversation that survived. Its record is deleted once that one ends (here the caller hangs up while queued).
     */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void theDuplicatesEndDoesNotAskTwilioToDeleteTheLiveCallsRecord(String kind) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("HEARTH_VOICE_FORGET_CALLS_SECONDS", "1"));
        if (kind.equals("redis")) {
            redis.flushAll();
            env.put("HEARTH_LIVE_REDIS_URL", redis.url());
        }
        hubs.start(env);
        mariaOnShiftWithPhone();
        String caller = CallForms.newNumber();
        String callSid = CallForms.newCallSid();
        TwimlAnswers.parse(hub.twilioWebhook(CallUrls.INBOUND, CallForms.call(callSid, caller)));
        Map<String, String> choice = CallForms.with(CallForms.call(callSid, caller), "CallStatus", "in-progress", "Digits", "1");
        InterleavedStore<LiveStore> meanwhile = new InterleavedStore<>(LiveStore.class, hub.hub.programs().defaultProgram().live());
        AtomicReference<HttpResponse<Buffer>> retried = new AtomicReference<>();
        meanwhile.after("peek", () -> post(CallUrls.LANGUAGE, choice).onSuccess(retried::set));
        TestHub.await(slowHotline(meanwhile).chosen(callSid, caller, "1", null));
        assertNotNull(retried.get(), "the retried request landed in the middle of the first");
        String conversation = queuedConversation(TwimlAnswers.parse(retried.get()));
        assertEquals(List.of(conversation), queue(), "the duplicate is gone");

        Thread.sleep(2500); // past voice.forgetCallsSeconds (1) and the first retry after a refusal (2 more)
        assertEquals(List.of(), twilio.callDeletionRequests(), "nothing asked Twilio to delete the call while it goes on");

        assertEquals(204, TestHub.await(post(CallUrls.STATUS, CallForms.with(choice, "CallStatus", "completed"))).statusCode());
        for (int i = 0; i < 100 && twilio.callDeletionRequests().isEmpty(); i++) Thread.sleep(50);
        Thread.sleep(300); // room for a second request, were there one
        assertEquals(List.of(callSid), twilio.callDeletionRequests(), "once the call is over its record is deleted, once");
        assertTrue(queue().isEmpty());
    }

    private static List<String> verbs(Element root) {
        List<String> out = new java.util.ArrayList<>();
        for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e.getTagName());
        }
        return out;
    }

    private static String queryParam(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
        return null;
    }
}
