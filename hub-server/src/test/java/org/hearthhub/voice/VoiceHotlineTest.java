package org.hearthhub.voice;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.model.Channel;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LoopConfined;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.DataFiles;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.FakeTwilio.Answer;
import org.hearthhub.testing.FakeTwilio.CallRequest;
import org.hearthhub.testing.HubErrors;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.TwilioSigner;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hearthhub.voice.TwimlAnswers.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hotline end to end: signed voice webhooks into a real hub, its TwiML parsed as XML and checked verb
 * by verb, the real Twilio SDK out to a local fake of the Calls API, and advocates on real console sockets.
 */
class VoiceHotlineTest {
    static final String HOTLINE = CallForms.HOTLINE;
    static final String MARIA_PHONE = "+15550101234";

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().fakeTwilio().captureLogs().env(CallForms.HOTLINE_ENV)
            .env("HEARTH_VOICE_CHAT_URL", "https://help.example.org/chat")
            // Most tests count the Calls API requests; deleting records is tested on its own.
            .env("HEARTH_VOICE_FORGET_CALLS_SECONDS", "0");
    Vertx vertx;
    FakeTwilio twilio;
    TestHub hub;
    LogCapture logs;

    private void startHub() throws Exception {
        startHub(Map.of());
    }

    private void startHub(Map<String, String> extraEnv) throws Exception {
        hubs.start(extraEnv);
    }

    // ---------------------------------------------------------------- webhooks and TwiML

    /** A signed webhook as Twilio sends it; {@code pathAndQuery} as the URL Twilio was given (absolute or not). */
    private HttpResponse<Buffer> webhook(String pathAndQuery, Map<String, String> form) throws Exception {
        return hub.twilioWebhook(pathAndQuery, form);
    }

    private HttpResponse<Buffer> post(String path, Map<String, String> form, String signature) throws Exception {
        return TestHub.await(hub.postForm(path, form, signature));
    }

    /** The TwiML answer, parsed; also checks it records and transcribes nothing and never says the number. */
    private static Element twiml(HttpResponse<Buffer> response, String callerNumber) throws Exception {
        Element root = TwimlAnswers.parse(response);
        String xml = response.bodyAsString();
        assertEquals("Response", root.getTagName());
        for (Element e : all(root)) {
            assertFalse(List.of("Record", "Transcription", "Stream", "Siprec", "Start").contains(e.getTagName()), "no recording verb: " + xml);
            if (e.getTagName().equals("Dial")) assertEquals("do-not-record", e.getAttribute("record"), "Dial says do-not-record: " + xml);
            assertFalse(e.hasAttribute("transcribe") && !"false".equals(e.getAttribute("transcribe")), xml);
        }
        if (callerNumber != null && callerNumber.matches("\\+\\d{8,}")) {
            assertFalse(xml.contains(callerNumber.substring(2)), "the caller's number is never said or echoed: " + xml);
            assertFalse(xml.contains(CallScripts.spoken(callerNumber).substring(2)), "not even digit by digit: " + xml);
        }
        return root;
    }

    private static List<Element> all(Element root) {
        return TwimlAnswers.all(root, "*");
    }

    /** The root's child verbs, in order, by name. */
    private static List<String> verbs(Element root) {
        List<String> out = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e.getTagName());
        }
        return out;
    }

    private static String spoken(Element root) {
        StringBuilder out = new StringBuilder();
        for (Element e : all(root)) if (e.getTagName().equals("Say")) out.append(e.getTextContent()).append(' ');
        return out.toString();
    }

    // ---------------------------------------------------------------- call steps

    /** A call through the greeting and the language choice; answers the TwiML of that choice. */
    private Element callAndChoose(String callSid, String from, String digits) throws Exception {
        twiml(webhook(CallUrls.INBOUND, CallForms.call(callSid, from)), from);
        Map<String, String> choice = CallForms.with(CallForms.call(callSid, from), "CallStatus", "in-progress");
        if (digits != null) choice.put("Digits", digits);
        return twiml(webhook(CallUrls.LANGUAGE, choice), from);
    }

    private void giveMariaAPhone() throws Exception {
        Account maria = TestHub.await(hub.hub.settingsStore().account("maria")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(maria.withPhone(MARIA_PHONE)));
    }

    private WsClient mariaOnShiftWithPhone() throws Exception {
        hub.addAccount("maria", org.hearthhub.model.Role.ADVOCATE, List.of("en", "es"), 3);
        giveMariaAPhone();
        return hub.advocateOnShift("maria");
    }

    private List<QueuedConversation> queue() throws Exception {
        return TestHub.await(hub.hub.liveStore().queue());
    }

    private InMemoryLiveStore live() {
        return (InMemoryLiveStore) LoopConfined.target(hub.hub.liveStore());
    }

    /** Accepts the queued call in the console; answers the ring Twilio was asked to place. */
    private CallRequest acceptAndAwaitRing(WsClient advocate, String conversation) {
        int before = twilio.callRequests().size();
        advocate.send("accept", "conversation", conversation);
        JsonObject ringing = advocate.await("call");
        assertEquals("ringing", ringing.getString("state"));
        return twilio.awaitCall(c -> c.placesCall() && twilio.callRequests().indexOf(c) >= before);
    }

    private static String queryParam(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
        return null;
    }

    private static void pause(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    private long counter(String name) throws Exception {
        var today = java.time.LocalDate.ofInstant(hub.clock.instant(), java.time.ZoneOffset.UTC);
        return TestHub.await(hub.hub.settingsStore().dailyCounters(today, today)).values().stream()
                .mapToLong(c -> c.getOrDefault(name, 0L)).sum();
    }

    private void awaitCounter(String name, long value) throws Exception {
        for (int i = 0; i < 50 && counter(name) != value; i++) pause(20);
        assertEquals(value, counter(name), name);
    }

    // ---------------------------------------------------------------- behaviour

    @Test
    void greetingOffersEnglishAndSpanishByKeypadAndSpeechAndThenTriesOnce() throws Exception {
        startHub();
        String caller = CallForms.newNumber();
        Element root = twiml(webhook(CallUrls.INBOUND, CallForms.call(CallForms.newCallSid(), caller)), caller);
        assertEquals(List.of("Gather", "Redirect"), verbs(root));
        Element gather = only(root, "Gather");
        assertEquals("dtmf speech", gather.getAttribute("input"));
        assertEquals("1", gather.getAttribute("numDigits"));
        assertEquals(hub.publicUrl() + CallUrls.LANGUAGE, gather.getAttribute("action"));
        List<Element> says = TwimlAnswers.all(gather, "Say");
        assertEquals(2, says.size());
        assertEquals("en-US", says.get(0).getAttribute("language"));
        assertTrue(says.get(0).getTextContent().contains("For English, press 1"), says.get(0).getTextContent());
        assertTrue(says.get(1).getAttribute("language").startsWith("es-"));
        assertTrue(says.get(1).getTextContent().contains("Para español, oprima 2"), says.get(1).getTextContent());
        assertTrue(spoken(root).contains("not recorded"), "callers are told nothing is recorded");
        // Without an answer Twilio goes on to the Redirect: one more try, then English.
        String again = only(root, "Redirect").getTextContent();
        assertEquals(hub.publicUrl() + CallUrls.INBOUND + "?again=1", again);
        Element second = twiml(webhook(again, CallForms.call(CallForms.newCallSid(), caller)), caller);
        assertEquals(hub.publicUrl() + CallUrls.LANGUAGE, only(second, "Redirect").getTextContent());
    }

    @Test
    void numbersAreReadOneCharacterAtATimeLettersOfVanityNumbersToo() {
        assertEquals("1 5 5 5 0 1 0 0 2 0 0", CallScripts.spoken("+1 (555) 010-0200"));
        assertEquals("1 8 0 0 F L O W E R S", CallScripts.spoken("1-800-flowers"));
    }

    @Test
    void languageIsChosenByKeypadOrBySpeech() {
        PhoneLanguages phone = PhoneLanguages.fromHubBundles();
        assertEquals("es", phone.chosen("2", null));
        assertEquals("en", phone.chosen("1", null));
        assertEquals("en", phone.chosen("9", null), "any other key is English");
        assertEquals("es", phone.chosen(null, "Español."));
        assertEquals("es", phone.chosen("", "spanish please"));
        assertEquals("en", phone.chosen(null, "English"));
        assertEquals("en", phone.chosen(null, null), "silence is English");
    }

    @Test
    void forgedOrAlteredCallWebhooksAreRefusedAndChangeNothing() throws Exception {
        startHub();
        mariaOnShiftWithPhone();
        String caller = CallForms.newNumber();
        Map<String, String> form = CallForms.with(CallForms.call(CallForms.newCallSid(), caller), "Digits", "1");
        String url = hub.publicUrl() + CallUrls.LANGUAGE;
        assertEquals(403, post(CallUrls.LANGUAGE, form, null).statusCode(), "missing signature");
        assertEquals(403, post(CallUrls.LANGUAGE, form, "").statusCode(), "empty signature");
        assertEquals(403, post(CallUrls.LANGUAGE, form, TwilioSigner.sign("another-accounts-token-0123456789", url, form)).statusCode(),
                "another account's token");
        String signature = TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, url, form);
        String otherCaller = CallForms.newNumber();
        // The hub's one error answer, which Twilio's debugger shows: nothing of the request in it.
        HubErrors.assertAnswer(post(CallUrls.LANGUAGE, CallForms.with(form, "From", otherCaller), signature), 403, "forbidden",
                otherCaller.substring(2), caller.substring(2));
        assertEquals(403, post(CallUrls.INBOUND, form, signature).statusCode(), "replayed to another step");
        assertTrue(queue().isEmpty(), "a forged call queues nothing");

        String id = only(twiml(webhook(CallUrls.LANGUAGE, form), caller), "Enqueue").getAttribute("waitUrl");
        String conversation = queryParam(id, "c");
        // Signed for one conversation, sent for another: the query string is part of what Twilio signs.
        Map<String, String> left = CallForms.with(form, "QueueResult", "hangup");
        String leftSig = TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, hub.publicUrl() + CallUrls.LEFT + "?c=" + conversation, left);
        assertEquals(403, post(CallUrls.LEFT + "?c=someoneelse", left, leftSig).statusCode());
        Map<String, String> status = CallForms.with(form, "CallStatus", "completed");
        assertEquals(403, post(CallUrls.STATUS, status, TwilioSigner.sign("wrong-token-0123456789abcdef", hub.publicUrl() + CallUrls.STATUS,
                status)).statusCode(), "status callbacks are checked too");
        assertEquals(1, queue().size(), "the call still waits");

        // The same language step replayed (Twilio retries a slow webhook) queues the call once.
        twiml(webhook(CallUrls.LANGUAGE, form), caller);
        assertEquals(1, queue().size(), "a replayed step does not queue the call twice");
        assertTrue(twilio.callRequests().isEmpty());
    }

    @Test
    void closedLineReadsReferralsTextNumberAndChatInTheCallersLanguageAndHangsUp() throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, hubs.dataDir(), "main");
        ProgramSettings defaults = TestHub.await(store.programSettings());
        // The test clock says Monday 15:00 UTC; open only Tuesday mornings.
        TestHub.await(store.saveProgramSettings(new ProgramSettings("UTC", List.of(new ProgramSettings.WeeklySlot(2, LocalTime.of(9, 0),
                LocalTime.of(10, 0))), List.of(), defaults.referrals(), defaults.cannedResponses(), defaults.widget(), defaults.retention())));
        TestHub.await(store.close());
        startHub();
        mariaOnShiftWithPhone();

        String caller = CallForms.newNumber();
        Element spanish = callAndChoose(CallForms.newCallSid(), caller, "2");
        assertEquals("Hangup", verbs(spanish).get(verbs(spanish).size() - 1), "the call ends politely");
        assertTrue(verbs(spanish).stream().allMatch(v -> v.equals("Say") || v.equals("Hangup")), verbs(spanish).toString());
        String said = spoken(spanish);
        assertTrue(said.startsWith("En este momento estamos cerradas"), said);
        assertTrue(said.contains("Línea Nacional de Violencia Doméstica"), said);
        assertTrue(said.contains("1 8 0 0 7 9 9 7 2 3 3"), "a referral's number is read digit by digit: " + said);
        assertTrue(said.contains(CallScripts.spoken(FakeTwilio.FROM)), "the text line is offered: " + said);
        assertTrue(said.contains("help.example.org/chat"), "and the web chat: " + said);
        for (Element say : all(spanish)) if (say.getTagName().equals("Say")) assertTrue(say.getAttribute("language").startsWith("es-"));

        Element english = callAndChoose(CallForms.newCallSid(), CallForms.newNumber(), "1");
        assertTrue(spoken(english).startsWith("We are closed right now"), spoken(english));
        assertTrue(queue().isEmpty(), "nothing is queued while closed");
        assertTrue(twilio.callRequests().isEmpty(), "and no phone rings");
        awaitCounter("phone.after_hours", 2);
        awaitCounter("phone.lang.es", 1);
    }

    @Test
    void nobodyOnShiftWhoCanTakeCallsMeansReferralsEvenWithinHours() throws Exception {
        startHub();
        hub.advocateOnShift("ana"); // on shift, but without a program phone
        Element root = callAndChoose(CallForms.newCallSid(), CallForms.newNumber(), "1");
        assertTrue(spoken(root).startsWith("No advocate can take this call right now."), spoken(root));
        assertEquals("Hangup", verbs(root).get(verbs(root).size() - 1));
        assertTrue(queue().isEmpty());
        awaitCounter("phone.unstaffed", 1);
    }

    @Test
    void aWholeCallFromGreetingToAdvocateToHangUpLeavesNoTraceOfTheNumber() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        String canary = CallForms.newNumber();
        String callSid = CallForms.newCallSid();

        Element queued = callAndChoose(callSid, canary, "2");
        assertEquals(List.of("Say", "Enqueue"), verbs(queued));
        assertTrue(spoken(queued).contains("no cuelgue"), spoken(queued));
        Element enqueue = only(queued, "Enqueue");
        String waitUrl = enqueue.getAttribute("waitUrl");
        String conversation = queryParam(waitUrl, "c");
        assertEquals("hearth-" + conversation, enqueue.getTextContent(), "each call waits in a Twilio queue of its own");
        assertEquals(hub.publicUrl() + CallUrls.LEFT + "?c=" + conversation, enqueue.getAttribute("action"));

        // In the console: Phone · ES, in arrival order with everything else.
        JsonObject item = maria.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty()).getJsonArray("items").getJsonObject(0);
        assertEquals(conversation, item.getString("conversation"));
        assertEquals("phone", item.getString("channel"));
        assertEquals("es", item.getString("lang"));
        assertEquals(Channel.PHONE, queue().get(0).channel());

        // Waiting: the place in line is announced, the number never.
        Element hold = twiml(webhook(waitUrl, CallForms.with(CallForms.call(callSid, canary), "QueuePosition", "1", "QueueTime", "5")), canary);
        assertTrue(spoken(hold).contains("número 1 en la fila"), spoken(hold));
        assertEquals(List.of("Say", "Pause"), verbs(hold), "quiet between announcements without hold music");

        CallRequest ring = acceptAndAwaitRing(maria, conversation);
        assertEquals(MARIA_PHONE, ring.to(), "the advocate's program phone rings");
        assertEquals(HOTLINE, ring.from(), "showing the hotline number, never the caller's");
        assertEquals("false", ring.record());
        assertEquals("20", ring.timeout());
        assertTrue(ring.url().startsWith(hub.publicUrl() + CallUrls.WHISPER + "?c=" + conversation + "&a=maria&t="), ring.url());
        assertTrue(ring.statusCallback().startsWith(hub.publicUrl() + CallUrls.STATUS + "?c=" + conversation), ring.statusCallback());
        assertTrue(ring.statusCallbackEvents().contains("completed"), ring.statusCallbackEvents().toString());
        assertEquals(1, queue().size(), "while the phone rings, the call keeps its place");

        // The advocate answers: a whisper asks for 1, so a voicemail never takes the call.
        Map<String, String> legForm = CallForms.with(CallForms.call(ring.newSid(), HOTLINE), "To", MARIA_PHONE, "Direction", "outbound-api");
        Element whisper = twiml(webhook(ring.url(), legForm), canary);
        Element gather = only(whisper, "Gather");
        assertEquals("dtmf", gather.getAttribute("input"));
        assertEquals("1", gather.getAttribute("numDigits"));
        assertTrue(spoken(whisper).contains("Hearth hotline call, in Spanish. Press 1 to accept."), spoken(whisper));
        Element bridge = twiml(webhook(gather.getAttribute("action"), CallForms.with(legForm, "Digits", "1")), canary);
        Element dial = only(bridge, "Dial");
        assertEquals("do-not-record", dial.getAttribute("record"));
        Element q = only(dial, "Queue");
        assertEquals("hearth-" + conversation, q.getTextContent());
        Element connecting = twiml(webhook(q.getAttribute("url"), CallForms.call(callSid, canary)), canary);
        assertTrue(spoken(connecting).contains("intercesora"), spoken(connecting));

        JsonObject shown = maria.await("conversation");
        assertEquals(conversation, shown.getString("conversation"));
        assertEquals("phone", shown.getString("channel"));
        assertEquals("Phone •••• " + canary.substring(canary.length() - 2), shown.getString("contact"));
        assertTrue(queue().isEmpty());
        assertTrue(live().containsText(canary), "while the call lasts, the number sits in the live store");

        // The caller hangs up after talking: Twilio reports the end of the bridged call.
        String queueSid = "QU" + "0123456789abcdef0123456789abcdef";
        Element after = twiml(webhook(enqueue.getAttribute("action"), CallForms.with(CallForms.call(callSid, canary), "QueueResult", "bridged",
                "QueueTime", "12", "QueueSid", queueSid)), canary);
        assertEquals(List.of("Hangup"), verbs(after));
        assertEquals("survivor", maria.await("ended").getString("reason"));
        assertEquals(204, webhook(CallUrls.STATUS, CallForms.with(CallForms.call(callSid, canary), "CallStatus", "completed")).statusCode());
        assertEquals(204, webhook(ring.statusCallback(), CallForms.with(legForm, "CallStatus", "completed")).statusCode());

        for (int i = 0; i < 50 && live().containsText(canary.substring(2)); i++) pause(20);
        assertFalse(live().containsText(canary.substring(2)), "the number is gone from the live store");
        assertFalse(live().containsText(callSid), "and so is the call's SID");
        awaitCounter("phone.answered", 1);
        for (int i = 0; i < 50 && twilio.deletedQueues().isEmpty(); i++) pause(20);
        assertEquals(List.of(queueSid), twilio.deletedQueues(), "the call's own Twilio queue is deleted, empty, after it");
        assertEquals(1, counter("phone.lang.es"));
        assertEquals(1, counter("contacts.phone"));
        hub.close();
        hub = null;
        String digits = canary.substring(2);
        DataFiles.read(hubs.dataDir()).forEach((f, content) -> assertFalse(content.contains(digits), "the number is in " + f));
        assertFalse(logs.all().contains(digits), "the number is in the logs");
        assertTrue(logs.all().contains("Voice hotline is on"), "the log says the hotline is on");
    }

    @Test
    void anUnansweredRingPutsTheCallBackAtTheHeadAndMarksTheAdvocateUntilTheyAct() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        String caller = CallForms.newNumber();
        String conversation = queryParam(only(callAndChoose(CallForms.newCallSid(), caller, "1"), "Enqueue").getAttribute("waitUrl"), "c");
        String later = queryParam(only(callAndChoose(CallForms.newCallSid(), CallForms.newNumber(), "1"), "Enqueue").getAttribute("waitUrl"), "c");

        CallRequest ring = acceptAndAwaitRing(maria, conversation);
        Map<String, String> legForm = CallForms.with(CallForms.call(ring.newSid(), HOTLINE), "To", MARIA_PHONE);
        // A voicemail answers: the whisper plays, nothing is pressed, Twilio hangs up.
        Element whisper = twiml(webhook(ring.url(), legForm), null);
        assertEquals(List.of("Gather", "Say", "Hangup"), verbs(whisper));
        assertEquals(204, webhook(ring.statusCallback(), CallForms.with(legForm, "CallStatus", "completed")).statusCode());

        JsonObject notice = maria.awaitMatching("error", e -> conversation.equals(e.getString("conversation")));
        assertTrue(notice.getString("message").contains("did not accept the call"), notice.getString("message"));
        assertEquals(conversation, queue().get(0).id(), "the call kept its place, first in line");
        assertEquals(later, queue().get(1).id());
        // A late keypress on the old ring takes nothing.
        Element late = twiml(webhook(only(whisper, "Gather").getAttribute("action"), CallForms.with(legForm, "Digits", "1")), null);
        assertFalse(verbs(late).contains("Dial"), "an ended ring cannot bridge");

        // Marked: a new caller hears that nobody can answer, as no other advocate takes calls.
        Element third = callAndChoose(CallForms.newCallSid(), CallForms.newNumber(), "1");
        assertTrue(spoken(third).startsWith("No advocate can take this call right now."), spoken(third));

        // Acting again (accepting) clears the mark and rings again.
        CallRequest again = acceptAndAwaitRing(maria, conversation);
        assertEquals(MARIA_PHONE, again.to());
        assertNull(TestHub.await(hub.hub.liveStore().peek(CallKeys.missed("maria"))));
    }

    @Test
    void aCallerWhoHangsUpWhileQueuedLeavesTheConsoleQueueAtOnceAndStopsTheRinging() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        QueuedCall call = queuedCall(maria);
        CallRequest ring = acceptAndAwaitRing(maria, call.conversation());

        hangsUp(call);
        maria.awaitMatching("queue", q -> q.getJsonArray("items").isEmpty());
        assertTrue(queue().isEmpty());
        CallRequest stop = twilio.awaitCall(c -> ring.newSid().equals(c.callSid()));
        assertEquals("completed", stop.status(), "the advocate's ringing phone is stopped");
        assertTrue(twilio.callRequests().stream().noneMatch(c -> call.callSid().equals(c.callSid())), "the caller, gone, is not hung up again");
        awaitCounter("phone.abandoned", 1);

        // The other way Twilio says so: the caller leg's status callback alone.
        String second = CallForms.newCallSid();
        String other = CallForms.newNumber();
        callAndChoose(second, other, "1");
        assertEquals(1, queue().size());
        assertEquals(204, webhook(CallUrls.STATUS, CallForms.with(CallForms.call(second, other), "CallStatus", "completed")).statusCode());
        assertTrue(queue().isEmpty());
        awaitCounter("phone.abandoned", 2);
    }

    @Test
    void aCallerWhoHangsUpAsTheyChooseTheirLanguageLeavesNoCallInTheQueue() throws Exception {
        startHub();
        mariaOnShiftWithPhone(); // someone takes calls: otherwise no call would be queued anyway
        String caller = CallForms.newNumber();
        String callSid = CallForms.newCallSid();
        twiml(webhook(CallUrls.INBOUND, CallForms.call(callSid, caller)), caller);
        // The caller presses 2 and hangs up at once (someone came into the room). Twilio does not order its requests:
        // the status callback of the ended call is handled before the language step, which finds no caller to queue.
        assertEquals(204, webhook(CallUrls.STATUS, CallForms.with(CallForms.call(callSid, caller), "CallStatus", "completed")).statusCode());
        Element late = twiml(webhook(CallUrls.LANGUAGE, CallForms.with(CallForms.call(callSid, caller), "Digits", "2")), caller);
        assertFalse(verbs(late).contains("Enqueue"), "nobody is queued: " + verbs(late));
        assertTrue(queue().isEmpty(), "no call waits for a caller who has gone");
        // A caller still on the line is queued as ever.
        assertEquals(List.of("Say", "Enqueue"), verbs(callAndChoose(CallForms.newCallSid(), CallForms.newNumber(), "1")));
        assertEquals(1, queue().size());
    }

    @Test
    void aRingPlacedAsTheCallerHangsUpIsStoppedOnceTwiliosAnswerNamesIt() throws Exception {
        // A long client timeout: the held answer must not be given up on.
        startHub(Map.of("HEARTH_TWILIO_TIMEOUT_SECONDS", "30"));
        WsClient maria = mariaOnShiftWithPhone();
        QueuedCall call = queuedCall(maria);
        twilio.answerNextCalls(Answer.HELD);
        CallRequest ring = acceptAndAwaitRing(maria, call.conversation());

        // The caller leaves while Twilio's answer to the ring is still on its way: the hub has no SID to stop yet.
        hangsUp(call);
        maria.awaitMatching("queue", q -> q.getJsonArray("items").isEmpty());
        assertTrue(twilio.callRequests().stream().noneMatch(c -> ring.newSid().equals(c.callSid())), "nothing to stop before the answer");
        twilio.releaseHeld();

        CallRequest stop = twilio.awaitCall(c -> ring.newSid().equals(c.callSid()));
        assertEquals("completed", stop.status(), "the advocate's phone stops ringing for a caller who has gone");
        assertNull(TestHub.await(hub.hub.liveStore().peek(CallKeys.ringLeg(call.conversation()))), "and its SID is not kept");
    }

    /** A caller waiting in the queue, as the Enqueue verb left them. */
    private record QueuedCall(String callSid, String caller, Element enqueue, String conversation) {
    }

    /** A call through the greeting in English, waiting in the queue Maria's console shows. */
    private QueuedCall queuedCall(WsClient maria) throws Exception {
        String caller = CallForms.newNumber();
        String callSid = CallForms.newCallSid();
        Element enqueue = only(callAndChoose(callSid, caller, "1"), "Enqueue");
        maria.awaitMatching("queue", q -> q.getJsonArray("items").size() == 1);
        return new QueuedCall(callSid, caller, enqueue, queryParam(enqueue.getAttribute("waitUrl"), "c"));
    }

    /** The caller hangs up while queued: Twilio calls the Enqueue verb's action. */
    private void hangsUp(QueuedCall call) throws Exception {
        twiml(webhook(call.enqueue().getAttribute("action"),
                CallForms.with(CallForms.call(call.callSid(), call.caller()), "QueueResult", "hangup")), call.caller());
    }

    private record Bridged(String conversation, String callSid, String caller, CallRequest ring) {
    }

    private Bridged bridgedCall(WsClient maria) throws Exception {
        String caller = CallForms.newNumber();
        String callSid = CallForms.newCallSid();
        String conversation = queryParam(only(callAndChoose(callSid, caller, "1"), "Enqueue").getAttribute("waitUrl"), "c");
        CallRequest ring = acceptAndAwaitRing(maria, conversation);
        Map<String, String> legForm = CallForms.with(CallForms.call(ring.newSid(), HOTLINE), "To", MARIA_PHONE);
        Element gather = only(twiml(webhook(ring.url(), legForm), caller), "Gather");
        only(twiml(webhook(gather.getAttribute("action"), CallForms.with(legForm, "Digits", "1")), caller), "Dial");
        maria.await("conversation");
        return new Bridged(conversation, callSid, caller, ring);
    }

    @Test
    void safetyEndHangsUpTheCallerAtOnce() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        Bridged call = bridgedCall(maria);
        maria.send("end", "conversation", call.conversation(), "safetyExit", true);
        assertEquals("safety_exit", maria.await("ended").getString("reason"));
        CallRequest hangUp = twilio.awaitCall(c -> call.callSid().equals(c.callSid()));
        assertEquals("completed", hangUp.status(), "the caller's leg is ended through the Calls API");
        // Twilio then reports the end; it changes nothing more.
        twiml(webhook(CallUrls.LEFT + "?c=" + call.conversation(), CallForms.with(CallForms.call(call.callSid(), call.caller()), "QueueResult", "bridged")),
                call.caller());
        assertFalse(live().containsText(call.caller().substring(2)));
    }

    @Test
    void aCallTakesTheAdvocatesWholeCapacity() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        // Holding a chat: a call cannot be taken.
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        String chat = maria.awaitMatching("queue", q -> q.getJsonArray("items").size() == 1).getJsonArray("items").getJsonObject(0)
                .getString("conversation");
        maria.send("accept", "conversation", chat);
        maria.await("conversation");
        String call = queryParam(only(callAndChoose(CallForms.newCallSid(), CallForms.newNumber(), "1"), "Enqueue").getAttribute("waitUrl"), "c");
        maria.send("accept", "conversation", call);
        JsonObject full = maria.awaitMatching("error", e -> call.equals(e.getString("conversation")));
        assertEquals("forbidden", full.getString("code"));
        assertTrue(full.getString("message").startsWith("Finish or transfer your open chats"), full.getString("message"));
        assertTrue(twilio.callRequests().isEmpty(), "no phone rang");
        maria.send("end", "conversation", chat);
        maria.await("ended");

        // On a call: no chat can be taken.
        bridgedCallFor(maria, call);
        WsClient another = hub.survivor();
        another.send("start", "lang", "en");
        another.await("started");
        String next = maria.awaitMatching("queue", q -> q.getJsonArray("items").size() == 1
                && "web".equals(q.getJsonArray("items").getJsonObject(0).getString("channel"))).getJsonArray("items").getJsonObject(0)
                .getString("conversation");
        maria.send("accept", "conversation", next);
        JsonObject refused = maria.awaitMatching("error", e -> next.equals(e.getString("conversation")));
        assertTrue(refused.getString("message").contains("on a hotline call"), refused.getString("message"));
    }

    private void bridgedCallFor(WsClient maria, String conversation) throws Exception {
        CallRequest ring = acceptAndAwaitRing(maria, conversation);
        Map<String, String> legForm = CallForms.with(CallForms.call(ring.newSid(), HOTLINE), "To", MARIA_PHONE);
        Element gather = only(twiml(webhook(ring.url(), legForm), null), "Gather");
        only(twiml(webhook(gather.getAttribute("action"), CallForms.with(legForm, "Digits", "1")), null), "Dial");
        maria.awaitMatching("conversation", c -> conversation.equals(c.getString("conversation")));
    }

    @Test
    void aBlockedCallerIsRefusedAsBusyAndOnlyTheNumbersHmacIsKept() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        Bridged call = bridgedCall(maria);
        maria.send("block", "conversation", call.conversation());
        maria.await("ended");
        twilio.awaitCall(c -> call.callSid().equals(c.callSid()));
        for (int i = 0; i < 50 && live().containsText(call.caller().substring(2)); i++) pause(20);
        assertFalse(live().containsText(call.caller().substring(2)), "the block keeps only the number's HMAC");

        Element refused = twiml(webhook(CallUrls.INBOUND, CallForms.call(CallForms.newCallSid(), call.caller())), call.caller());
        assertEquals(List.of("Reject"), verbs(refused));
        assertEquals("busy", only(refused, "Reject").getAttribute("reason"));
    }

    @Test
    void twilioFailingToPlaceTheRingIsRetriedThenToldToTheAdvocateAndTheCallKeepsItsPlace() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        String conversation = queryParam(only(callAndChoose(CallForms.newCallSid(), CallForms.newNumber(), "1"), "Enqueue").getAttribute("waitUrl"), "c");
        twilio.answerNextCalls(Answer.SERVER_ERROR, Answer.SERVER_ERROR, Answer.SERVER_ERROR, Answer.SERVER_ERROR);
        maria.send("accept", "conversation", conversation);
        JsonObject notice = maria.awaitMatching("error", e -> conversation.equals(e.getString("conversation")));
        assertTrue(notice.getString("message").contains("could not be placed"), notice.getString("message"));
        assertEquals(4, twilio.callRequests().size(), "one try and three retries");
        // After the fake's pauses (FakeTwilio.RETRY_DELAYS), not production's: TwilioRetriesTest proves those.
        assertTrue(logs.lines().stream().anyMatch(l -> l.contains("Voice: Twilio did not take a ring") && l.contains("retry 3 in 1 ms")),
                logs.all());
        assertEquals(conversation, queue().get(0).id(), "the caller still waits, first in line");
        // Free to ring again at once.
        assertEquals(MARIA_PHONE, acceptAndAwaitRing(maria, conversation).to());
    }

    @Test
    void anAdvocateWithoutAProgramPhoneIsToldWhyNothingRings() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        WsClient ana = hub.advocateOnShift("ana");
        String conversation = queryParam(only(callAndChoose(CallForms.newCallSid(), CallForms.newNumber(), "1"), "Enqueue").getAttribute("waitUrl"), "c");
        ana.send("accept", "conversation", conversation);
        JsonObject notice = ana.awaitMatching("error", e -> conversation.equals(e.getString("conversation")));
        assertTrue(notice.getString("message").contains("no program phone number"), notice.getString("message"));
        assertTrue(twilio.callRequests().isEmpty());
        assertNotNull(acceptAndAwaitRing(maria, conversation), "the call is free for someone who can take it");
    }

    @Test
    void aLongQuietCallIsNotEndedForIdlenessOnlyAtTheLifetimeCap() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        Bridged call = bridgedCall(maria);
        hub.clock.advance(java.time.Duration.ofMinutes(45));
        assertEquals(0, TestHub.await(hub.hub.conversations().timeouts().sweep()), "a call has no messages, and is not idle for that");
        assertNotNull(TestHub.await(hub.hub.liveStore().conversation(call.conversation())));
        // The sweep runs every 15 s: it finds the call within a minute of its cap, while its SID is still kept.
        hub.clock.advance(java.time.Duration.ofHours(11).plusMinutes(15).plusSeconds(30));
        assertEquals(1, TestHub.await(hub.hub.conversations().timeouts().sweep()));
        assertEquals("timeout", maria.await("ended").getString("reason"));
        assertEquals("completed", twilio.awaitCall(c -> call.callSid().equals(c.callSid())).status(), "the caller is hung up");
    }

    @Test
    void messagesAndVideoCannotBeSentIntoACall() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        Bridged call = bridgedCall(maria);
        maria.send("message", "conversation", call.conversation(), "clientId", "m1", "text", "hello?");
        JsonObject refused = maria.awaitMatching("error", e -> call.conversation().equals(e.getString("conversation")));
        assertEquals("bad_request", refused.getString("code"));
        assertTrue(refused.getString("message").contains("phone call"), refused.getString("message"));
        assertTrue(TestHub.await(hub.hub.liveStore().messagesAfter(call.conversation(), 0)).isEmpty());
    }

    @Test
    void aTransferPutsTheCallerOnHoldAndRingsTheOtherAdvocatesPhone() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        hub.addAccount("ana", org.hearthhub.model.Role.ADVOCATE, List.of("en"), 2);
        Account ana = TestHub.await(hub.hub.settingsStore().account("ana")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(ana.withPhone("+15550105678")));
        WsClient anaConsole = hub.advocateOnShift("ana", List.of("en"), 2);
        Bridged call = bridgedCall(maria);

        maria.send("transfer", "conversation", call.conversation(), "to", "ana");
        maria.await("transferred");
        assertEquals("ringing", anaConsole.await("call").getString("state"));
        CallRequest hold = twilio.awaitCall(c -> call.callSid().equals(c.callSid()));
        assertEquals(hub.publicUrl() + CallUrls.HOLD + "?c=" + call.conversation(), hold.url(), "the caller is moved on hold");
        Element onHold = twiml(webhook(hold.url(), CallForms.call(call.callSid(), call.caller())), call.caller());
        assertEquals(List.of("Say", "Enqueue"), verbs(onHold));
        assertEquals("hearth-" + call.conversation(), only(onHold, "Enqueue").getTextContent());
        CallRequest ring = twilio.awaitCall(c -> c.placesCall() && "+15550105678".equals(c.to()));
        assertEquals(HOTLINE, ring.from());

        // Maria's leg ends as the caller leaves her: that ends nothing now.
        assertEquals(204, webhook(call.ring().statusCallback(), CallForms.with(CallForms.call(call.ring().newSid(), HOTLINE), "CallStatus", "completed"))
                .statusCode());
        // The old Enqueue reports the redirect: nothing changes either.
        assertEquals(List.of(), verbs(twiml(webhook(CallUrls.LEFT + "?c=" + call.conversation(),
                CallForms.with(CallForms.call(call.callSid(), call.caller()), "QueueResult", "redirected", "QueueSid",
                "QU" + "00000000000000000000000000000001")), call.caller())));
        assertTrue(twilio.deletedQueues().isEmpty(), "a redirected caller comes back to the same queue: it stays");
        assertNotNull(TestHub.await(hub.hub.liveStore().conversation(call.conversation())));

        Map<String, String> legForm = CallForms.with(CallForms.call(ring.newSid(), HOTLINE), "To", "+15550105678");
        Element gather = only(twiml(webhook(ring.url(), legForm), call.caller()), "Gather");
        Element bridge = twiml(webhook(gather.getAttribute("action"), CallForms.with(legForm, "Digits", "1")), call.caller());
        assertEquals("hearth-" + call.conversation(), only(bridge, "Queue").getTextContent(), "ana's phone takes the caller");
        assertEquals("ana", TestHub.await(hub.hub.liveStore().conversation(call.conversation())).advocate());
    }

    @Test
    void ringingMyPhoneAgainDuringACallKeepsTheCallerOnHoldInsteadOfEndingTheCall() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        Bridged call = bridgedCall(maria);

        // The console shows "Ring my phone again" on a call the advocate is on; a press moves the caller on hold.
        CallRequest ring = acceptAndAwaitRing(maria, call.conversation());
        CallRequest hold = twilio.awaitCall(c -> call.callSid().equals(c.callSid()));
        assertEquals(hub.publicUrl() + CallUrls.HOLD + "?c=" + call.conversation(), hold.url());
        // Her first leg ends as the caller leaves it: the caller is waiting for her phone, the call goes on.
        assertEquals(204, webhook(call.ring().statusCallback(), CallForms.with(CallForms.call(call.ring().newSid(), HOTLINE),
                "To", MARIA_PHONE, "CallStatus", "completed")).statusCode());
        pause(200);
        assertTrue(maria.drain("ended").isEmpty(), "the call was not ended");
        assertNotNull(TestHub.await(hub.hub.liveStore().conversation(call.conversation())));
        assertTrue(twilio.callRequests().stream().filter(c -> call.callSid().equals(c.callSid())).allMatch(c -> c.status() == null),
                "the caller was not hung up");

        // She answers the new ring and talks on; when she hangs up that leg, the call ends as before.
        Map<String, String> legForm = CallForms.with(CallForms.call(ring.newSid(), HOTLINE), "To", MARIA_PHONE);
        Element gather = only(twiml(webhook(ring.url(), legForm), call.caller()), "Gather");
        only(twiml(webhook(gather.getAttribute("action"), CallForms.with(legForm, "Digits", "1")), call.caller()), "Dial");
        assertEquals(204, webhook(ring.statusCallback(), CallForms.with(legForm, "CallStatus", "completed")).statusCode());
        assertEquals("advocate", maria.await("ended").getString("reason"));
    }

    @Test
    void onRedisEachRingAndHangUpIsPlacedByOneNodeThoughEveryNodeHearsEveryEvent() throws Exception {
        redis.flushAll();
        startHub(Map.of("HEARTH_LIVE_REDIS_URL", redis.url()));
        // A second "node": its own relay and Calls API client on the same live store, hearing the same events.
        TwilioCalls otherCalls = new TwilioCalls(vertx, hub.hub.config().twilio(), hub.hub.config().voice());
        CallRelay otherNode = new CallRelay(hub.hub.liveStore(), hub.hub.conversations(), hub.hub.settingsStore(),
                new org.hearthhub.settings.CurrentSettings(hub.hub.settingsStore()), otherCalls, new CallUrls(hub.publicUrl(), null), vertx,
                java.time.Duration.ZERO, () -> HOTLINE, new CallerHolds(hub.hub.liveStore(), 10));
        hub.hub.liveStore().subscribe(otherNode::onEvent);
        try {
            WsClient maria = mariaOnShiftWithPhone();
            Bridged call = bridgedCall(maria);
            assertEquals(Channel.PHONE, TestHub.await(hub.hub.liveStore().conversation(call.conversation())).channel());
            maria.send("end", "conversation", call.conversation(), "safetyExit", true);
            maria.await("ended");
            twilio.awaitCall(c -> call.callSid().equals(c.callSid()));
            // A fixed wait, unlike texts' "a later text to the same number": calls have no order to lean on. Each
            // node has its own TwilioCalls (two workers, unordered, no lane per call), and nothing says when the
            // node that lost a claim is done with the event, so a second hang-up could reach the fake after any
            // later request.
            pause(500);
            assertEquals(1, twilio.callRequests().stream().filter(CallRequest::placesCall).count(), "the phone rang once");
            assertEquals(1, twilio.callRequests().stream().filter(c -> call.callSid().equals(c.callSid())).count(), "one hang-up");
            assertNull(TestHub.await(hub.hub.liveStore().peek(CallKeys.callerLeg(call.conversation()))));
        } finally {
            TestHub.await(otherCalls.close());
        }
    }

    @Test
    void aWithheldNumberIsQueuedWithoutContactAndBlockingItBlocksNoOneElse() throws Exception {
        startHub();
        WsClient maria = mariaOnShiftWithPhone();
        for (String withheld : List.of("anonymous", "+266696687", "")) {
            String callSid = CallForms.newCallSid();
            String conversation = queryParam(only(callAndChoose(callSid, withheld, "1"), "Enqueue").getAttribute("waitUrl"), "c");
            assertNull(TestHub.await(hub.hub.liveStore().conversation(conversation)).contact(), "nothing to mask: " + withheld);
            maria.send("block", "conversation", conversation);
            for (int i = 0; i < 50 && queue().stream().anyMatch(q -> q.id().equals(conversation)); i++) pause(20);
            assertTrue(queue().stream().noneMatch(q -> q.id().equals(conversation)), "blocked while waiting: it leaves the queue");
            assertEquals("completed", twilio.awaitCall(c -> callSid.equals(c.callSid())).status(), "and the caller is hung up");
        }
        // Another caller who withholds their number still gets through.
        Element again = callAndChoose(CallForms.newCallSid(), "+266696687", "1");
        assertEquals(List.of("Say", "Enqueue"), verbs(again));
        assertFalse(live().containsText("sms:blocked:null"));
    }

    @Test
    void badOrMissingParametersGetAClearAnswerAndChangeNothing() throws Exception {
        startHub();
        mariaOnShiftWithPhone();
        String caller = CallForms.newNumber();
        Map<String, String> noSid = CallForms.call("", caller);
        Element trouble = twiml(webhook(CallUrls.LANGUAGE, CallForms.with(noSid, "Digits", "1")), caller);
        assertEquals(List.of("Say", "Hangup"), verbs(trouble), "no call SID: an apology, not a queued call");
        assertTrue(queue().isEmpty());
        // No conversation named; a ring without its attempt: the hub's error answer, repeating nothing of the call.
        HubErrors.assertAnswer(webhook(CallUrls.WAITING, CallForms.call(CallForms.newCallSid(), caller)), 400, "bad_request",
                caller.substring(2));
        HubErrors.assertAnswer(webhook(CallUrls.WHISPER + "?c=x&a=maria", CallForms.call(CallForms.newCallSid(), caller)), 400,
                "bad_request", caller.substring(2), "maria");
        assertEquals(List.of("Hangup"), verbs(twiml(webhook(CallUrls.WAITING + "?c=nosuchconversation", CallForms.call(CallForms.newCallSid(),
                caller)), caller)), "a wait for a call that is not live hangs up");
        Element gone = twiml(webhook(CallUrls.PICKUP + "?c=nosuch&a=maria&t=guess", CallForms.with(CallForms.call(CallForms.newCallSid(),
                HOTLINE), "Digits", "1")), null);
        assertFalse(verbs(gone).contains("Dial"), "a guessed ring bridges nothing");
        // A body over the webhook limits is refused (the form field's 8 KiB, the body's 64 KiB) before any check.
        Map<String, String> huge = CallForms.with(CallForms.call(CallForms.newCallSid(), caller), "SpeechResult", "x".repeat(70_000));
        HubErrors.assertAnswer(webhook(CallUrls.LANGUAGE, huge), 400, "bad_request", caller.substring(2));
        Map<String, String> many = CallForms.call(CallForms.newCallSid(), caller);
        for (int i = 0; i < 140; i++) many.put("Extra" + i, "x".repeat(500));
        HubErrors.assertAnswer(webhook(CallUrls.LANGUAGE, many), 413, "too_large", caller.substring(2));
        assertTrue(queue().isEmpty());
        assertTrue(twilio.callRequests().isEmpty());
    }

    @Test
    void aFinishedCallsRecordsAreDeletedFromTwiliosLogEvenWhenTwilioAsksToWait() throws Exception {
        startHub(Map.of("HEARTH_VOICE_FORGET_CALLS_SECONDS", "1"));
        twilio.refuseNextCallDeletions(1);
        WsClient maria = mariaOnShiftWithPhone();
        Bridged call = bridgedCall(maria);
        maria.send("end", "conversation", call.conversation());
        maria.await("ended");
        // Twilio reports the end of Maria's leg, as it does for every leg the hub placed.
        assertEquals(204, webhook(call.ring().statusCallback(), CallForms.with(CallForms.call(call.ring().newSid(), HOTLINE),
                "To", MARIA_PHONE, "CallStatus", "completed")).statusCode());
        long deadline = System.currentTimeMillis() + 8000;
        while (twilio.deletedCalls().size() < 2 && System.currentTimeMillis() < deadline) pause(50);
        assertTrue(twilio.deletedCalls().containsAll(List.of(call.callSid(), call.ring().newSid())),
                "both legs leave Twilio's call log: " + twilio.deletedCalls());
    }

    @Test
    void theAdvocatesLegOfACallLongerThanTwoMinutesLeavesTwiliosLogToo() throws Exception {
        startHub(Map.of("HEARTH_VOICE_FORGET_CALLS_SECONDS", "1"));
        WsClient maria = mariaOnShiftWithPhone();
        Bridged call = bridgedCall(maria);
        hub.clock.advance(java.time.Duration.ofMinutes(20));
        maria.send("end", "conversation", call.conversation());
        maria.await("ended");
        // The caller is hung up, the bridge ends, and Twilio reports the end of Maria's leg, as it always does.
        assertEquals(204, webhook(call.ring().statusCallback(), CallForms.with(CallForms.call(call.ring().newSid(), HOTLINE),
                "To", MARIA_PHONE, "CallStatus", "completed")).statusCode());
        long deadline = System.currentTimeMillis() + 8000;
        while (twilio.deletedCalls().size() < 2 && System.currentTimeMillis() < deadline) pause(50);
        assertTrue(twilio.deletedCalls().containsAll(List.of(call.callSid(), call.ring().newSid())),
                "both legs leave Twilio's call log: " + twilio.deletedCalls());
        pause(300);
        assertEquals(2, twilio.deletedCalls().size(), "each once: " + twilio.deletedCalls());
    }
}
