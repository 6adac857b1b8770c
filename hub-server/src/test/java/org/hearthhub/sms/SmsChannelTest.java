package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LoopConfined;
import org.hearthhub.model.Channel;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.DataFiles;
import org.hearthhub.testing.Eventually;
import org.hearthhub.config.HubConfig;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.FakeTwilio.Answer;
import org.hearthhub.testing.FakeTwilio.Sent;
import org.hearthhub.testing.HubErrors;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.TwilioSigner;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.hearthhub.testing.FakeTwilio.newNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The SMS channel end to end: signed webhooks into a real hub, the real Twilio SDK out to a local
 * fake of Twilio's Messages API, and advocates on real console sockets.
 */
class SmsChannelTest {
    private static final String INBOUND = "/sms/twilio";
    private static final String STATUS = "/sms/twilio/status";

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().fakeTwilio().captureLogs();
    Vertx vertx;
    FakeTwilio twilio;
    TestHub hub;
    LogCapture logs;

    private TestHub startHub() throws Exception {
        return startHub(Map.of());
    }

    private TestHub startHub(Map<String, String> extraEnv) throws Exception {
        return hubs.start(extraEnv);
    }

    /** A hub whose live store is the class's Redis, emptied first: another test's chats must not be in its queue. */
    private TestHub startHubOnRedis() throws Exception {
        redis.flushAll();
        return startHub(Map.of("HEARTH_LIVE_REDIS_URL", redis.url()));
    }

    // ---------------------------------------------------------------- webhook helpers

    private int text(String from, String body) throws Exception {
        return text(from, body, 0);
    }

    /** Sends a text as Twilio's webhook would, signed with the account's auth token. */
    private int text(String from, String body, int numMedia) throws Exception {
        return TestHub.await(textInBackground(from, body, numMedia)).statusCode();
    }

    /** The same, without waiting for the webhook's answer. */
    private Future<HttpResponse<Buffer>> textInBackground(String from, String body, int numMedia) {
        Map<String, String> form = inboundForm(from, body, numMedia);
        return send(INBOUND, form, TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, hub.publicUrl() + INBOUND, form));
    }

    /** A keyword Twilio's Advanced Opt-Out matched and answered: its webhook carries {@code OptOutType}. */
    private int textAnsweredByTwilio(String from, String body, String optOutType) throws Exception {
        Map<String, String> form = inboundForm(from, body, 0);
        form.put("OptOutType", optOutType);
        return hub.twilioWebhook(INBOUND, form).statusCode();
    }

    private static Map<String, String> inboundForm(String from, String body, int numMedia) {
        Map<String, String> form = FakeTwilio.inboundText(from, FakeTwilio.FROM, body);
        form.put("SmsMessageSid", form.get("MessageSid"));
        form.put("NumMedia", String.valueOf(numMedia));
        form.put("NumSegments", "1");
        form.put("SmsStatus", "received");
        form.put("ApiVersion", "2010-04-01");
        form.put("FromCountry", "US");
        for (int i = 0; i < numMedia; i++) {
            form.put("MediaUrl" + i, "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME" + i);
            form.put("MediaContentType" + i, "image/jpeg");
        }
        return form;
    }

    private HttpResponse<Buffer> post(String path, Map<String, String> form, String signature) throws Exception {
        return TestHub.await(send(path, form, signature));
    }

    private Future<HttpResponse<Buffer>> send(String path, Map<String, String> form, String signature) {
        return hub.postForm(path, form, signature);
    }

    private InMemoryLiveStore live() {
        return (InMemoryLiveStore) LoopConfined.target(hub.hub.liveStore());
    }

    private List<QueuedConversation> queue() throws Exception {
        return TestHub.await(hub.hub.liveStore().queue());
    }

    private QueuedConversation onlyQueued() throws Exception {
        List<QueuedConversation> q = queue();
        assertEquals(1, q.size(), "one conversation waits");
        return q.get(0);
    }

    /** Accepts the one waiting conversation and returns the console's {@code conversation} frame. */
    /** Accepts the first queued texter and waits until the "is with you now" text went out; returns the conversation. */
    private String acceptAndAwaitGreeting(WsClient advocate) {
        String id = acceptFirst(advocate).getString("conversation");
        twilio.awaitDelivered(s -> s.body().contains("is with you now"));
        return id;
    }

    private static JsonObject acceptFirst(WsClient advocate) {
        JsonObject queue = advocate.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        advocate.send("accept", "conversation", queue.getJsonArray("items").getJsonObject(0).getString("conversation"));
        return advocate.await("conversation");
    }

    private static void pause(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    /**
     * The advocate replies and the test waits until Twilio has the text. Texts to one number leave the hub one
     * after another, in the order they were handed to the outbox ({@link SmsOutbox}): whatever was to be texted to
     * this texter before (a reply to an earlier text, a retry) has reached Twilio by then, so what is not there
     * now was never sent. The same holds for any text the hub sends the texter, e.g. a reply to a later text.
     */
    private Sent replyAndAwaitTexted(WsClient advocate, String conversation, String text) {
        advocate.send("message", "conversation", conversation, "clientId", "later-" + text.length(), "text", text);
        return twilio.awaitDelivered(s -> text.equals(s.body()));
    }

    // ---------------------------------------------------------------- behaviour

    @Test
    void newTexterIsQueuedAndToldTheirPlaceInLine() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String first = newNumber();
        String second = newNumber();

        assertEquals(200, text(first, "I need to talk to someone"));
        QueuedConversation c = onlyQueued();
        assertEquals(Channel.SMS, c.channel());
        assertEquals("en", c.lang());
        JsonObject item = advocate.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty()).getJsonArray("items").getJsonObject(0);
        assertEquals("sms", item.getString("channel"));

        Sent reply = twilio.awaitDelivered(s -> first.equals(s.to()));
        assertEquals(FakeTwilio.FROM, reply.from());
        assertEquals(FakeTwilio.ACCOUNT_SID, reply.accountSid());
        assertTrue(reply.body().contains("You are number 1 in line"), reply.body());
        assertTrue(reply.body().contains("Our texts stay on your phone"), "the first reply explains that texts stay on the phone");
        assertTrue(reply.body().contains("delete this conversation"), "and how to delete them");
        assertEquals(hub.publicUrl() + STATUS, reply.statusCallback());

        assertEquals(200, text(second, "hello?"));
        assertTrue(twilio.awaitDelivered(s -> second.equals(s.to())).body().contains("You are number 2 in line"));
        assertEquals(2, queue().size());
    }

    @Test
    void advocateSeesMaskedNumberAndTheirReplyIsTexted() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "is anyone there");
        twilio.awaitDelivered(s -> s.body().contains("in line"));

        JsonObject conversation = acceptFirst(advocate);
        String id = conversation.getString("conversation");
        assertEquals("sms", conversation.getString("channel"));
        assertEquals("SMS •••• " + number.substring(number.length() - 2), conversation.getString("contact"));
        assertFalse(conversation.encode().contains(number.substring(2)), "the console never sees the number");
        assertEquals("is anyone there", conversation.getJsonArray("messages").getJsonObject(0).getString("text"));
        assertEquals("Advocate maria, an advocate, is with you now.",
                twilio.awaitDelivered(s -> s.body().contains("is with you now")).body());

        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Hi, I'm Maria. Are you safe to text right now?");
        advocate.await("ack");
        Sent reply = twilio.awaitDelivered(s -> s.body().startsWith("Hi, I'm Maria"));
        assertEquals(number, reply.to());
        assertEquals("Hi, I'm Maria. Are you safe to text right now?", reply.body());
    }

    @Test
    void referralReachesATexterAsPlainText() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "where can I go tonight");
        twilio.awaitDelivered(s -> s.body().contains("in line"));
        String id = acceptFirst(advocate).getString("conversation");
        twilio.awaitDelivered(s -> s.body().contains("is with you now"));

        advocate.send(new JsonObject().put("type", "message").put("conversation", id).put("clientId", "r1")
                .put("referrals", new io.vertx.core.json.JsonArray().add(new JsonObject().put("name", "City Shelter")
                        .put("phone", "(555) 010-2000").put("sms", "88788").put("url", "https://shelter.example.org"))));
        advocate.await("ack");
        assertEquals("City Shelter: (555) 010-2000 (text 88788) https://shelter.example.org",
                twilio.awaitDelivered(s -> s.body().startsWith("City Shelter")).body());
    }

    @Test
    void secondTextJoinsTheSameConversation() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "hello");
        twilio.awaitDelivered(s -> s.body().contains("in line"));
        assertEquals(200, text(number, "are you there?"));

        QueuedConversation c = onlyQueued();
        List<String> texts = TestHub.await(hub.hub.liveStore().messagesAfter(c.id(), 0)).stream().map(m -> m.text()).toList();
        assertEquals(List.of("hello", "are you there?"), texts);

        JsonObject conversation = acceptFirst(advocate);
        assertEquals(2, conversation.getJsonArray("messages").size());
        text(number, "thank you");
        assertEquals("thank you", advocate.awaitMatching("message", m -> m.getLong("seq") == 3).getString("text"));
        replyAndAwaitTexted(advocate, conversation.getString("conversation"), "You're welcome.");
        assertEquals(1, twilio.deliveredTo(number).stream().filter(s -> s.body().contains("in line")).count(),
                "only the first text is answered with a place in line");
    }

    @Test
    void afterHoursTextGetsReferralsAndOpensNothing() throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, hubs.dataDir(), "main");
        ProgramSettings defaults = TestHub.await(store.programSettings());
        // The test clock says Monday 15:00 UTC; open only Tuesday mornings.
        ProgramSettings closed = new ProgramSettings("UTC", List.of(new ProgramSettings.WeeklySlot(2, LocalTime.of(9, 0),
                LocalTime.of(10, 0))), List.of(), defaults.referrals(), defaults.cannedResponses(), defaults.widget(), defaults.retention());
        TestHub.await(store.saveProgramSettings(closed));
        TestHub.await(store.close());
        startHub();

        String english = newNumber();
        assertEquals(200, text(english, "I need help tonight"));
        String reply = twilio.awaitDelivered(s -> english.equals(s.to())).body();
        assertTrue(reply.startsWith("We are closed right now"), reply);
        assertTrue(reply.contains("National Domestic Violence Hotline: 1-800-799-7233"), reply);
        assertTrue(reply.contains("Our texts stay on your phone"), reply);

        String spanish = newNumber();
        text(spanish, "Hola, necesito ayuda por favor");
        String respuesta = twilio.awaitDelivered(s -> spanish.equals(s.to())).body();
        assertTrue(respuesta.startsWith("En este momento estamos cerrados"), respuesta);
        assertTrue(respuesta.contains("Línea Nacional de Violencia Doméstica"), respuesta);

        text(english, "hello?");
        // HELP is answered even while closed; its answer leaves after anything the text before it set off.
        text(english, "HELP");
        Sent help = twilio.awaitDelivered(s -> english.equals(s.to()) && s.body().startsWith("This is a confidential text line"));
        assertEquals(List.of(reply, help.body()), twilio.deliveredTo(english).stream().map(Sent::body).toList(),
                "the after-hours reply is not repeated for every text");
        assertTrue(TestHub.await(hub.hub.liveStore().liveConversations()).isEmpty(), "nothing is opened while closed");
    }

    @Test
    void withClosedWhenNobodyIsOnShiftAFirstTextWhileUnstaffedGetsTheClosedReply() throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, hubs.dataDir(), "main");
        ProgramSettings defaults = TestHub.await(store.programSettings());
        // Open at all hours, but the lead shows the program as closed while nobody is on shift.
        TestHub.await(store.saveProgramSettings(defaults.withHours("UTC", null, List.of(), true)));
        TestHub.await(store.close());
        startHub();

        String english = newNumber();
        assertEquals(200, text(english, "I need help tonight"));
        String reply = twilio.awaitDelivered(s -> english.equals(s.to())).body();
        assertTrue(reply.startsWith("We are closed right now"), reply);
        assertTrue(reply.contains("National Domestic Violence Hotline: 1-800-799-7233"), reply);
        String spanish = newNumber();
        text(spanish, "Hola, necesito ayuda por favor");
        String respuesta = twilio.awaitDelivered(s -> spanish.equals(s.to())).body();
        assertTrue(respuesta.startsWith("En este momento estamos cerrados"), respuesta);
        assertTrue(respuesta.contains("Línea Nacional de Violencia Doméstica"), respuesta);
        assertTrue(TestHub.await(hub.hub.liveStore().liveConversations()).isEmpty(), "nothing is queued for nobody to read");

        // Once someone is on shift the same texter is queued: the closed reply's quiet window holds back
        // only the repeated referrals, not the chat.
        WsClient advocate = hub.advocateOnShift("maria");
        assertEquals(200, text(english, "hello? anyone now?"));
        twilio.awaitDelivered(s -> english.equals(s.to()) && s.body().contains("You are number 1 in line"));
        assertEquals(List.of("hello? anyone now?"), TestHub.await(hub.hub.liveStore().messagesAfter(onlyQueued().id(), 0))
                .stream().map(m -> m.text()).toList(), "the text from while nobody was on shift was not kept");
        advocate.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
    }

    @Test
    void wrongOrMissingSignatureIsRefusedAndCreatesNothing() throws Exception {
        startHub();
        String number = newNumber();
        Map<String, String> form = inboundForm(number, "hello", 0);
        String url = hub.publicUrl() + INBOUND;

        assertEquals(403, post(INBOUND, form, null).statusCode(), "missing signature");
        assertEquals(403, post(INBOUND, form, "").statusCode(), "empty signature");
        assertEquals(403, post(INBOUND, form, TwilioSigner.sign("another-accounts-token-0123456789", url, form)).statusCode(),
                "signed with another token");
        assertEquals(403, post(INBOUND, form, TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, "https://elsewhere.example" + INBOUND, form))
                .statusCode(), "signed for another URL");
        String signature = TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, url, form);
        Map<String, String> tampered = new HashMap<>(form);
        tampered.put("Body", "hello, changed on the way");
        // The hub's one error answer, which Twilio's debugger shows: nothing of the request in it.
        HubErrors.assertAnswer(post(INBOUND, tampered, signature), 403, "forbidden", number.substring(2), "changed on the way");
        Map<String, String> status = Map.of("MessageSid", "SM123", "MessageStatus", "failed", "ErrorCode", "30003");
        assertEquals(403, post(STATUS, status, TwilioSigner.sign("wrong-token-0123456789abcdef", hub.publicUrl() + STATUS, status))
                .statusCode(), "status callbacks are checked too");

        assertTrue(TestHub.await(hub.hub.liveStore().liveConversations()).isEmpty());
        assertEquals(200, post(INBOUND, form, signature).statusCode(), "the same form, correctly signed, is accepted");
        // A refused request is answered before anything is handed on, and texts to one number leave in order: anything
        // texted for the refused requests would have come before this reply.
        Sent reply = twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("in line"));
        assertEquals(List.of(reply), twilio.received(), "nothing was texted for the refused requests");
    }

    @Test
    void aMalformedTextWebhookGetsTheHubsErrorAnswerAndNothingOfItIsRepeatedOrLogged() throws Exception {
        startHub();
        String number = newNumber();
        Map<String, String> noSender = inboundForm(number, "a private sentence", 0);
        noSender.remove("From");
        HubErrors.assertAnswer(hub.twilioWebhook(INBOUND, noSender), 400, "bad_request", "private sentence");
        // Over a form field's limit (8 KiB), or the webhook body's (64 KiB): refused before the signature is even read.
        Map<String, String> longField = inboundForm(number, "a private sentence " + "x".repeat(10_000), 0);
        HubErrors.assertAnswer(hub.twilioWebhook(INBOUND, longField), 400, "bad_request", number.substring(2), "private sentence");
        Map<String, String> huge = inboundForm(number, "a private sentence", 0);
        for (int i = 0; i < 140; i++) huge.put("Extra" + i, "x".repeat(500));
        HubErrors.assertAnswer(hub.twilioWebhook(INBOUND, huge), 413, "too_large", number.substring(2), "private sentence");
        pause(200);
        assertTrue(queue().isEmpty(), "nothing was queued");
        assertTrue(twilio.received().isEmpty(), "nothing was texted");
        assertFalse(logs.all().contains(number.substring(2)), "the number is not logged");
        assertFalse(logs.all().contains("private sentence"), "the text is not logged");
    }

    @Test
    void twilioServerErrorIsRetriedAndTheReplyArrivesExactlyOnce() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "hello");
        String id = acceptAndAwaitGreeting(advocate);

        twilio.answerNext(Answer.SERVER_ERROR);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "I'm here for you.");
        twilio.awaitDelivered(s -> s.body().equals("I'm here for you."));
        replyAndAwaitTexted(advocate, id, "Take your time.");
        List<Sent> attempts = twilio.received().stream().filter(s -> s.body().equals("I'm here for you.")).toList();
        assertEquals(List.of(500, 201), attempts.stream().map(Sent::answeredWith).toList());
        assertEquals(1, twilio.deliveredTo(number).stream().filter(s -> s.body().equals("I'm here for you.")).count());
        advocate.expectNone("error", 100);
    }

    @Test
    void aTextersNumberOutlivesNoMoreThanTheConversationsCapPlusAMinute() throws Exception {
        startHub();
        String number = newNumber();
        text(number, "hello");
        String key = SmsKeys.contact(onlyQueued().id());
        java.time.Duration cap = hub.hub.conversations().timeouts().maxLifetime();

        hub.clock.advance(cap.plusSeconds(30));
        assertNotNull(TestHub.await(hub.hub.liveStore().peek(key)), "kept while the sweep may still end it at its cap");
        hub.clock.advance(java.time.Duration.ofSeconds(31));
        assertNull(TestHub.await(hub.hub.liveStore().peek(key)), "gone one minute past the cap (was an hour)");
    }

    /**
     * ESPAÑOL rewrites the stored contact (number and language). It used to be stored again for a whole new cap, so a
     * switch late in a conversation let the number outlive the cap by almost another lifetime if the end's clean-up
     * failed; the countdown runs from the conversation's creation.
     */
    @Test
    void aLanguageSwitchDoesNotRestartTheCountdownOnTheTextersNumber() throws Exception {
        startHub();
        String number = newNumber();
        text(number, "hello");
        String key = SmsKeys.contact(onlyQueued().id());
        java.time.Duration cap = hub.hub.conversations().timeouts().maxLifetime();

        hub.clock.advance(cap.minusMinutes(10));
        assertEquals(200, text(number, "ESPAÑOL"));
        twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().startsWith("De acuerdo"));
        assertEquals("es", SmsContact.decode(TestHub.await(hub.hub.liveStore().peek(key))).lang(), "the switch is stored");
        hub.clock.advance(java.time.Duration.ofMinutes(10).plusSeconds(30));
        assertNotNull(TestHub.await(hub.hub.liveStore().peek(key)), "kept while the sweep may still end it at its cap");
        hub.clock.advance(java.time.Duration.ofSeconds(31));
        assertNull(TestHub.await(hub.hub.liveStore().peek(key)), "gone one minute past the cap, switch or not");
    }

    /** The same on Redis, where the number's remaining life is the key's own TTL (PTTL), counted in real time. */
    @Test
    void onRedisALanguageSwitchKeepsOnlyTheTimeLeftOnTheTextersNumber() throws Exception {
        startHubOnRedis();
        String number = newNumber();
        text(number, "hello");
        String id = onlyQueued().id();
        java.time.Duration cap = hub.hub.conversations().timeouts().maxLifetime();
        java.time.Duration left = cap.plus(SmsRelay.CONTACT_END_MARGIN).minusHours(2);

        hub.clock.advance(java.time.Duration.ofHours(2));
        assertEquals(200, text(number, "ESPAÑOL"));
        long[] pttl = new long[1];
        redis.inspect(r -> {
            List<String> contacts = r.keys("*" + SmsKeys.contact(id));
            assertEquals(1, contacts.size(), contacts.toString());
            assertTrue(r.get(contacts.get(0)).startsWith("es|"), "the switch is stored");
            pttl[0] = r.pttl(contacts.get(0));
        });
        assertTrue(pttl[0] <= left.toMillis() && pttl[0] > left.minusSeconds(30).toMillis(),
                "the two hours already lived are not given back: " + pttl[0] + " ms left, expected " + left.toMillis());
    }

    @Test
    void aServerErrorWithoutJsonFromAProxyIsRetriedToo() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "hello");
        String id = acceptAndAwaitGreeting(advocate);

        twilio.answerNext(Answer.BAD_GATEWAY_HTML, Answer.UNAVAILABLE_EMPTY);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Still here.");
        twilio.awaitDelivered(s -> s.body().equals("Still here."));
        replyAndAwaitTexted(advocate, id, "Take your time.");
        List<Sent> attempts = twilio.received().stream().filter(s -> s.body().equals("Still here.")).toList();
        assertEquals(List.of(502, 503, 201), attempts.stream().map(Sent::answeredWith).toList());
        advocate.expectNone("error", 100);
    }

    @Test
    void twilioRateLimitingIsRetriedAsDocsSmsPromises() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "hello");
        String id = acceptAndAwaitGreeting(advocate);

        twilio.answerNext(Answer.TOO_MANY_REQUESTS);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "One moment.");
        twilio.awaitDelivered(s -> s.body().equals("One moment."));
        replyAndAwaitTexted(advocate, id, "Take your time.");
        List<Sent> attempts = twilio.received().stream().filter(s -> s.body().equals("One moment.")).toList();
        assertEquals(List.of(429, 201), attempts.stream().map(Sent::answeredWith).toList());
        assertEquals(1, twilio.deliveredTo(number).stream().filter(s -> s.body().equals("One moment.")).count());
        advocate.expectNone("error", 100);
    }

    @Test
    void twilioThatKeepsFailingShowsAnErrorOnTheConversation() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        text(newNumber(), "hello");
        String id = acceptAndAwaitGreeting(advocate);

        twilio.answerNext(Answer.SERVER_ERROR, Answer.SERVER_ERROR, Answer.SERVER_ERROR, Answer.SERVER_ERROR);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Are you still there?");
        JsonObject error = advocate.await("error", 10_000);
        assertEquals("unavailable", error.getString("code"));
        assertEquals(id, error.getString("conversation"));
        assertEquals("This text could not be sent to the texter. Please try again in a moment.", error.getString("message"));
        assertEquals(1 + org.hearthhub.config.HubConfig.Twilio.RETRY_DELAYS_MILLIS.size(),
                twilio.received().stream().filter(s -> s.body().equals("Are you still there?")).count(), "as many retries as in production");
        // The fake's pauses (FakeTwilio.RETRY_DELAYS), not production's: TwilioRetriesTest proves those.
        assertTrue(logs.lines().stream().anyMatch(l -> l.contains("SMS: Twilio did not take a text") && l.contains("retry 3 in 1 ms")),
                logs.all());
    }

    @Test
    void refusedTextIsNotRetriedAndTheAdvocateIsTold() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        text(newNumber(), "hello");
        String id = acceptAndAwaitGreeting(advocate);

        twilio.answerNext(Answer.INVALID_NUMBER);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Hello?");
        assertEquals(id, advocate.await("error").getString("conversation"));
        assertEquals(1, twilio.received().stream().filter(s -> "Hello?".equals(s.body())).count());
    }

    @Test
    void anOptedOutTexterWhoWritesAgainDuringTheChatIsNotedButNotShownOrKept() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "hello");
        String id = acceptAndAwaitGreeting(advocate);

        // The carrier-level STOP: Twilio refuses the reply (21610) while the chat stays live.
        twilio.answerNext(Answer.UNSUBSCRIBED);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "How are you doing?");
        assertEquals("The texter has opted out of texts (STOP). Nothing more can be sent to them.",
                advocate.await("error", 5000).getString("message"));
        long before = TestHub.await(hub.hub.liveStore().messagesAfter(id, 0)).size();

        assertEquals(200, text(number, "he is back, I have to go"));
        JsonObject note = advocate.await("error", 5000);
        assertEquals(id, note.getString("conversation"));
        assertEquals("The texter wrote again, but they have opted out of texts (STOP), so they cannot be answered by text. "
                + "What they wrote is not shown or kept. If they text START, they can be answered again.", note.getString("message"));
        assertEquals(200, text(number, "please"));
        // The advocate's next reply cannot be texted either, and the error saying so comes the way the note did:
        // a second note, or the words, would have reached the console before it.
        advocate.send("message", "conversation", id, "clientId", "a2", "text", "Are you there?");
        assertEquals("The texter has opted out of texts (STOP). Nothing more can be sent to them.",
                advocate.await("error", 5000).getString("message"), "a burst is one note");
        assertTrue(advocate.drain("error").isEmpty(), "a burst is one note");
        assertTrue(advocate.drain("message").stream().noneMatch(m -> m.getString("text", "").contains("he is back")),
                "the words are not shown");
        List<String> kept = TestHub.await(hub.hub.liveStore().messagesAfter(id, 0)).stream().map(m -> m.text()).toList();
        assertEquals(before + 1, kept.size(), "nor kept, only the advocate's reply: " + kept);
        assertEquals("Are you there?", kept.get(kept.size() - 1));
        assertTrue(twilio.deliveredTo(number).stream().noneMatch(s -> s.body().contains("he is back")));
    }

    @Test
    void timeoutIsNotRetriedSoTheTextCannotArriveTwice() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        text(newNumber(), "hello");
        String id = acceptAndAwaitGreeting(advocate);

        twilio.answerNext(Answer.STALL);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Did this arrive?");
        JsonObject error = advocate.await("error", 5000);
        assertEquals(id, error.getString("conversation"));
        assertTrue(error.getString("message").contains("may or may not have arrived"), error.getString("message"));
        replyAndAwaitTexted(advocate, id, "Let me know when you can.");
        assertEquals(1, twilio.received().stream().filter(s -> "Did this arrive?".equals(s.body())).count(),
                "a request Twilio may have accepted is never sent again");
    }

    @Test
    void stopEndsTheConversationAndNothingMoreIsSent() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "hello");
        // The count below must hold everything sent before STOP: the first reply too, which leaves in the background.
        twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("in line"));
        String id = acceptAndAwaitGreeting(advocate);
        int before = twilio.deliveredTo(number).size();

        assertEquals(200, text(number, "Stop"));
        assertEquals("survivor", advocate.await("ended").getString("reason"));
        assertNull(TestHub.await(hub.hub.liveStore().conversation(id)));
        advocate.send("message", "conversation", id, "clientId", "late", "text", "wait, one more thing");
        assertEquals("not_found", advocate.await("error").getString("code"));

        assertEquals(200, text(number, "hello again"));
        assertEquals(200, text(number, "HELP"));
        assertTrue(queue().isEmpty(), "and nothing is opened");

        assertEquals(200, text(number, "START"));
        assertTrue(queue().isEmpty(), "START alone opens nothing; Twilio confirms it");
        text(number, "I'm back");
        Sent queued = twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("in line"), 2).get(1);
        // Texts to one number leave in order: anything texted to it after STOP would have come before this reply.
        List<Sent> all = twilio.deliveredTo(number);
        assertEquals(before + 1, all.size(), "after STOP nothing at all is texted: " + all);
        assertEquals(queued, all.get(all.size() - 1));
        assertEquals(1, queue().size());
    }

    @Test
    void aTexterWhoseChatIsTakenBeforeTheirFirstReplyLeavesIsNotToldTheyAreInLine() throws Exception {
        // A long client timeout: the held answer must not be given up on.
        startHub(Map.of("HEARTH_TWILIO_TIMEOUT_SECONDS", "30"));
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        // HELP is answered before the conversation opens. Twilio holds that answer, so the first reply waits behind
        // it in the number's outbox lane while the advocate accepts: as if Twilio were slow, or the advocate very quick.
        twilio.answerNext(Answer.HELD);
        assertEquals(200, text(number, "help"));
        twilio.awaitReceived(s -> number.equals(s.to()) && s.body().startsWith("This is a confidential text line"));
        String id = acceptFirst(advocate).getString("conversation");
        twilio.releaseHeld();

        twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("is with you now"));
        replyAndAwaitTexted(advocate, id, "Hi, I'm Maria.");
        List<String> bodies = twilio.deliveredTo(number).stream().map(Sent::body).toList();
        assertTrue(bodies.stream().noneMatch(b -> b.contains("in line")), "no place in line once an advocate has the chat: " + bodies);
        assertEquals(4, bodies.size(), "help, the first reply, the greeting and the advocate's text, once each: " + bodies);
        assertTrue(bodies.stream().anyMatch(b -> b.startsWith("Our texts stay on your phone")), "the first reply keeps the privacy note: " + bodies);
    }

    @Test
    void helpGetsTheHelpTextAndStillReachesTheQueue() throws Exception {
        startHub();
        String number = newNumber();
        text(number, "help");
        String help = twilio.awaitDelivered(s -> s.body().startsWith("This is a confidential text line")).body();
        assertTrue(help.contains("STOP") && help.contains("START"), help);
        twilio.awaitDelivered(s -> s.body().contains("You are number 1 in line"));
        assertEquals(1, queue().size());
    }

    /**
     * Every automatic reply costs the program money, and a texter decides how many texts come in: one number texting
     * HELP (each answered with the help text, and going on to the queue) in a loop gets no more than its hourly cap of
     * automatic replies, while its texts still reach the chat; another number is still answered.
     */
    @Test
    void oneNumberTextingHelpOverAndOverGetsNoMoreThanItsCapOfAutomaticReplies() throws Exception {
        startHub();
        String texter = newNumber();
        int cap = HubConfig.AutoReplyCaps.DEFAULT.perNumberHour();
        for (int i = 0; i < cap * 3; i++) assertEquals(200, text(texter, "HELP"));
        twilio.awaitDelivered(s -> texter.equals(s.to()), cap);
        String other = newNumber();
        text(other, "hello");
        twilio.awaitDelivered(s -> other.equals(s.to()));
        // Nothing comes after the cap's last reply to wait for: a short wait is all there is.
        pause(300);
        assertEquals(cap, twilio.deliveredTo(texter).size(), "automatic replies to one number");
        assertTrue(logs.all().contains("a number reached its cap of automatic replies"), "the operator's log says the cap bit");
        assertFalse(logs.all().contains(texter.substring(2)), "and names no number");
        assertEquals(2, queue().size(), "both texters still reach the queue");
    }

    /** The caps are configuration, and each reply a cap refuses is counted by the cap that refused it. */
    @Test
    void theAutomaticReplyCapsAreTheConfiguredOnesAndEveryRefusalIsCounted() throws Exception {
        startHub(Map.of("HEARTH_SMS_AUTO_REPLIES_PER_NUMBER_HOUR", "3", "HEARTH_METRICS_TOKEN", TestHub.METRICS_TOKEN));
        String texter = newNumber();
        for (int i = 0; i < 7; i++) assertEquals(200, text(texter, "HELP"));
        twilio.awaitDelivered(s -> texter.equals(s.to()), 3);
        pause(300);
        assertEquals(3, twilio.deliveredTo(texter).size(), "automatic replies to one number: the configured cap");
        // Eight automatic replies for seven HELPs (the first also opens the chat, with its place in line): five refused.
        assertEquals(5.0, TestHub.metric(hub.metrics(), "hearth_sms_auto_replies_refused_total{cap=\"number_hour\"}"));
        assertEquals(0.0, TestHub.metric(hub.metrics(), "hearth_sms_auto_replies_refused_total{cap=\"number_day\"}"));
        assertEquals(0.0, TestHub.metric(hub.metrics(), "hearth_sms_auto_replies_refused_total{cap=\"hub_hour\"}"));
        assertFalse(hub.metrics().contains(texter.substring(2)), "counts only, naming no number");
    }

    @Test
    void longReplyIsSplitIntoOrderedParts() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "hello");
        String id = acceptAndAwaitGreeting(advocate);

        StringBuilder long2000 = new StringBuilder();
        for (int i = 0; long2000.length() < 2000; i++) long2000.append("word").append(i).append(' ');
        String reply = long2000.substring(0, 2000);
        advocate.send("message", "conversation", id, "clientId", "long", "text", reply);
        twilio.awaitDelivered(s -> s.body().startsWith("(2/2) "));
        List<Sent> parts = twilio.deliveredTo(number).stream().filter(s -> s.body().matches("(?s)^\\(\\d/2\\) .*")).toList();
        assertEquals(2, parts.size());
        assertTrue(parts.get(0).body().startsWith("(1/2) "), "parts leave in order");
        assertTrue(parts.stream().allMatch(p -> p.body().length() <= 1600));
        assertEquals(reply, parts.get(0).body().substring(6) + parts.get(1).body().substring(6));
    }

    @Test
    void mediaGetsAPoliteTextOnlyReply() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        assertEquals(200, text(number, "", 1));
        assertTrue(twilio.awaitDelivered(s -> number.equals(s.to())).body().startsWith("We can only receive text."));
        assertTrue(queue().isEmpty(), "a picture alone opens nothing");

        text(number, "sorry, here in words", 0);
        String id = acceptAndAwaitGreeting(advocate);
        text(number, "look at this", 2);
        assertEquals("look at this", advocate.awaitMatching("message", m -> m.getLong("seq") == 2).getString("text"));
        JsonObject notice = advocate.await("error");
        assertEquals(id, notice.getString("conversation"));
        assertTrue(notice.getString("message").contains("picture or file"));
        replyAndAwaitTexted(advocate, id, "Thanks for writing it out.");
        // The polite reply is handed to the outbox as the text is taken in, not before the console hears of it,
        // so the advocate's answer may leave first: wait for it rather than count at once (it failed once so).
        Predicate<FakeTwilio.Sent> polite = s -> number.equals(s.to()) && s.body().startsWith("We can only receive text.");
        assertEquals(2, twilio.awaitDelivered(polite, 2).size());
    }

    /**
     * A text of nothing visible (zero-width characters, a byte order mark, direction marks, no-break spaces) is an empty
     * one: as the first text it opens nothing (with a picture, the texter is asked to type), and in a chat it adds
     * nothing to the advocate's screen.
     */
    @Test
    void aTextOfNothingVisibleIsTakenAsAnEmptyOne() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String invisible = "\u200B\u200D\uFEFF\u200E\u00A0\u2060";
        String number = newNumber();
        assertEquals(200, text(number, invisible, 0));
        assertEquals(200, text(number, invisible, 1));
        assertTrue(twilio.awaitDelivered(s -> number.equals(s.to())).body().startsWith("We can only receive text."));
        assertTrue(queue().isEmpty(), "nothing to read opens nothing");
        assertEquals(1, twilio.deliveredTo(number).size(), "the empty text alone got no answer");

        text(number, "hello", 0);
        String id = acceptAndAwaitGreeting(advocate);
        assertEquals(200, text(number, invisible, 0));
        text(number, "are you there?", 0);
        JsonObject next = advocate.awaitMatching("message", m -> m.getLong("seq") == 2);
        assertEquals("are you there?", next.getString("text"), "the invisible text added no message");
        assertEquals(id, next.getString("conversation"));
    }

    @Test
    void spanishTexterIsAnsweredInSpanish() throws Exception {
        startHub();
        String hola = newNumber();
        text(hola, "Hola, necesito ayuda por favor");
        String reply = twilio.awaitDelivered(s -> hola.equals(s.to())).body();
        assertTrue(reply.startsWith("Gracias por comunicarse. Usted es el número 1 en la fila."), reply);
        assertTrue(reply.contains("Nuestros mensajes se quedan en su teléfono"), reply);
        assertEquals("es", onlyQueued().lang());

        String keyword = newNumber();
        text(keyword, "ESPAÑOL");
        assertTrue(twilio.awaitDelivered(s -> keyword.equals(s.to())).body().contains("número 2 en la fila"));

        String switcher = newNumber();
        text(switcher, "hi");
        twilio.awaitDelivered(s -> switcher.equals(s.to()) && s.body().contains("number 3 in line"));
        text(switcher, "espanol");
        assertEquals("De acuerdo, le escribiremos en español.",
                twilio.awaitDelivered(s -> switcher.equals(s.to()) && s.body().startsWith("De acuerdo")).body());
    }

    private static final String BAJA_CONFIRMADA = "Ya no recibirá más mensajes de este número. Envíe COMENZAR para volver a recibirlos.";
    private static final String ALTA_CONFIRMADA = "Puede volver a recibir mensajes de este número.";
    private static final String AYUDA = "Esta es una línea de texto confidencial";

    private long deliveredToStartingWith(String number, String start) {
        return twilio.deliveredTo(number).stream().filter(s -> s.body().startsWith(start)).count();
    }

    @Test
    void spanishStopEndsTheConversationIsConfirmedOnceInSpanishAndNothingMoreIsSent() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "Hola, necesito hablar con alguien");
        String id = acceptFirst(advocate).getString("conversation");
        twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().startsWith("Ahora le atiende"));

        assertEquals(200, text(number, "PARAR"));
        assertEquals("survivor", advocate.await("ended").getString("reason"));
        assertNull(TestHub.await(hub.hub.liveStore().conversation(id)));
        assertEquals(BAJA_CONFIRMADA, twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().startsWith("Ya no")).body());
        int afterConfirmation = twilio.deliveredTo(number).size();

        assertEquals(200, text(number, "hola otra vez"));
        assertEquals(200, text(number, "AYUDA"));
        assertEquals(200, text(number, "parar"));
        assertEquals(200, text(number, "STOP"));
        assertTrue(queue().isEmpty(), "and nothing is opened");

        assertEquals(200, text(number, "Comenzar"));
        Sent optedIn = twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().startsWith(ALTA_CONFIRMADA));
        assertTrue(optedIn.body().contains("PARAR"));
        // Texts to one number leave in order: anything texted to it meanwhile would have come before this.
        assertEquals(List.of(optedIn), twilio.deliveredTo(number).subList(afterConfirmation, twilio.deliveredTo(number).size()),
                "after the one confirmation nothing is texted: no help, no second confirmation");
        assertTrue(queue().isEmpty(), "an opt-in word alone opens nothing");
        text(number, "Estoy de vuelta");
        twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("número 1 en la fila"));
        assertEquals("es", onlyQueued().lang());
    }

    @Test
    void everySpanishOptOutWordInAnyCaseOrAccentingOptsOut() throws Exception {
        startHub();
        for (String word : List.of("parar", "Párar", " DETENER. ", "¡Cancelar!", "cancelár")) {
            String number = newNumber();
            text(number, "hola");
            twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("en la fila"));
            assertEquals(200, text(number, word));
            assertEquals(BAJA_CONFIRMADA, twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().startsWith("Ya no")).body(), word);
            assertTrue(queue().isEmpty(), word + " ends the waiting conversation");
        }
    }

    @Test
    void everySpanishOptInWordLiftsAnOptOutAndIsConfirmedInSpanish() throws Exception {
        startHub();
        for (String word : List.of("COMENZAR", "iniciar", "Inícíar", "¡Comenzar!")) {
            String number = newNumber();
            text(number, "Parar");
            twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().equals(BAJA_CONFIRMADA));
            assertEquals(200, text(number, word));
            twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().startsWith(ALTA_CONFIRMADA));
            assertTrue(queue().isEmpty(), word + " alone opens nothing");
            text(number, "hola");
            twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("en la fila"));
            assertEquals(1, queue().size(), "after " + word + " a text is answered and queued again");
            TestHub.await(hub.hub.conversations().end(onlyQueued().id(), org.hearthhub.model.EndReason.SURVIVOR,
                    org.hearthhub.actor.Actor.Party.SMS));
        }
    }

    @Test
    void spanishHelpIsAnsweredInSpanishAndStillReachesTheQueue() throws Exception {
        startHub();
        String first = newNumber();
        text(first, "AYÚDA");
        twilio.awaitDelivered(s -> first.equals(s.to()) && s.body().startsWith(AYUDA));
        twilio.awaitDelivered(s -> first.equals(s.to()) && s.body().contains("número 1 en la fila"));
        QueuedConversation c = onlyQueued();
        assertEquals("es", c.lang(), "a conversation opened by a Spanish keyword is Spanish");

        // A Spanish word is answered in Spanish even in an English conversation, and still reaches the advocate.
        String english = newNumber();
        text(english, "I need to talk to someone");
        twilio.awaitDelivered(s -> english.equals(s.to()) && s.body().contains("in line"));
        text(english, "¿Ayuda?");
        twilio.awaitDelivered(s -> english.equals(s.to()) && s.body().startsWith(AYUDA));
        String englishId = queue().stream().filter(q -> q.lang().equals("en")).findFirst().orElseThrow().id();
        assertEquals(List.of("I need to talk to someone", "¿Ayuda?"),
                TestHub.await(hub.hub.liveStore().messagesAfter(englishId, 0)).stream().map(m -> m.text()).toList());
        // Asked again: texts to one number leave in order, so an English answer to the first would have come before.
        text(english, "ayuda");
        twilio.awaitDelivered(s -> english.equals(s.to()) && s.body().startsWith(AYUDA), 2);
        assertEquals(0, deliveredToStartingWith(english, "This is a confidential text line"));

        // HELP, the carriers' word the Spanish texts name, is answered in the conversation's language.
        text(first, "HELP");
        twilio.awaitDelivered(s -> first.equals(s.to()) && s.body().startsWith(AYUDA), 2);
        text(first, "ayuda"); // the same again, after anything else HELP set off
        twilio.awaitDelivered(s -> first.equals(s.to()) && s.body().startsWith(AYUDA), 3);
        assertEquals(3, deliveredToStartingWith(first, AYUDA));
        assertEquals(0, deliveredToStartingWith(first, "This is a confidential text line"));
    }

    @Test
    void aSentenceContainingASpanishKeywordIsAnOrdinaryMessage() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "no quiero parar de hablar");
        twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("número 1 en la fila"));
        assertEquals("es", onlyQueued().lang());
        String id = acceptFirst(advocate).getString("conversation");
        for (String sentence : List.of("necesito ayuda", "alto ahí", "me dieron de alta", "quiero darme de baja", "para")) {
            text(number, sentence);
            assertEquals(sentence, advocate.awaitMatching("message", m -> sentence.equals(m.getString("text"))).getString("text"));
        }
        replyAndAwaitTexted(advocate, id, "Sigo aquí.");
        assertEquals(1, TestHub.await(hub.hub.liveStore().liveConversations()).size(), "the conversation goes on");
        assertEquals(0, deliveredToStartingWith(number, "Ya no") + deliveredToStartingWith(number, AYUDA)
                + deliveredToStartingWith(number, ALTA_CONFIRMADA), "no keyword reply");
    }

    @Test
    void aSpanishKeywordTwilioAlreadyAnsweredIsNotConfirmedTwice() throws Exception {
        startHub();
        String number = newNumber();
        text(number, "hola");
        twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("en la fila"));
        int before = twilio.deliveredTo(number).size();

        assertEquals(200, textAnsweredByTwilio(number, "PARAR", "STOP"));
        assertEquals(200, text(number, "hola?"));
        assertEquals(200, textAnsweredByTwilio(number, "COMENZAR", "START"));
        assertTrue(queue().isEmpty(), "the opt-out still ended the conversation and opened nothing");
        // Texts to one number leave in order: a confirmation by the hub would have come before the answer to a new text.
        text(number, "hola de nuevo");
        List<Sent> queued = twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("en la fila"), 2);
        assertEquals(queued.subList(1, 2), twilio.deliveredTo(number).subList(before, twilio.deliveredTo(number).size()),
                "Twilio's Advanced Opt-Out confirmed both");
    }

    @Test
    void spanishOptInCannotLiftTwiliosOwnStop() throws Exception {
        startHub();
        String number = newNumber();
        text(number, "STOP");
        // Twilio still refuses the number (21610): only START or UNSTOP lifts its own block.
        twilio.answerNext(Answer.UNSUBSCRIBED);
        assertEquals(200, text(number, "COMENZAR"));
        twilio.awaitReceived(s -> number.equals(s.to()) && s.answeredWith() == 400);
        for (int i = 0; i < 50 && TestHub.await(hub.hub.liveStore().peek(SmsKeys.optedOut(hubKey(number)))) == null; i++) pause(20);
        text(number, "hola");
        assertTrue(queue().isEmpty(), "the refused confirmation put the opt-out back, so nothing is opened");
        // Twilio's own START lifts its block; the answer to the next text is then the first text to arrive, as texts to
        // one number leave in order.
        assertEquals(200, textAnsweredByTwilio(number, "START", "START"));
        text(number, "hola otra vez");
        Sent queued = twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("en la fila"));
        assertEquals(List.of(queued), twilio.deliveredTo(number), "nothing was texted while the number was opted out");
    }

    @Test
    void aWordOnlyTwiliosAdvancedOptOutKnowsIsFollowedAsItsOptOutTypeSays() throws Exception {
        // docs/sms.md: ALTO and ALTA are not the hub's keywords, but a program may add them to Twilio's Advanced Opt-Out.
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String number = newNumber();
        text(number, "hola, necesito ayuda");
        String id = acceptFirst(advocate).getString("conversation");
        twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().startsWith("Ahora le atiende"));

        // Twilio has blocked the number: the chat ends as for PARAR, silently, and "Alto" is no message.
        assertEquals(200, textAnsweredByTwilio(number, "Alto", "STOP"));
        assertEquals("survivor", advocate.await("ended").getString("reason"));
        assertNull(TestHub.await(hub.hub.liveStore().conversation(id)));
        assertNotNull(TestHub.await(hub.hub.liveStore().peek(SmsKeys.optedOut(hubKey(number)))), "the hub keeps the opt-out too");

        // Twilio has lifted its block: so does the hub, and the next text is answered and queued.
        assertEquals(200, textAnsweredByTwilio(number, "Alta", "START"));
        assertNull(TestHub.await(hub.hub.liveStore().peek(SmsKeys.optedOut(hubKey(number)))), "the opt-out is lifted");
        assertTrue(queue().isEmpty(), "an opt-in alone opens nothing");
        text(number, "hola otra vez");
        twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("número 1 en la fila"));
        assertEquals(1, queue().size());
    }

    @Test
    void stopThatLandsWhileTheFirstTextIsBeingOpenedWinsOnRedis() throws Exception {
        startHubOnRedis();
        String number = newNumber();
        String key = hubKey(number);
        // As if another node were opening this number's conversation: the first text, past its opt-out
        // check, waits for that (up to three seconds) before it opens one itself — the race, held open.
        TestHub.await(hub.hub.liveStore().increment(SmsKeys.opening(key), Duration.ofSeconds(30)));
        Future<HttpResponse<Buffer>> firstText = textInBackground(number, "hello, is anyone there?", 0);
        awaitOpeningCount(key, 2);

        assertEquals(200, text(number, "STOP"));
        assertEquals(200, TestHub.await(firstText).statusCode());
        assertTrue(queue().isEmpty(), "the STOP wins: nothing stays open for a number that opted out");
        assertNull(TestHub.await(hub.hub.liveStore().conversationByContactKey(key)));
        // The other node's opening attempt ends; Twilio's START lifts the opt-out; the answer to the next text is
        // then the first text to reach the number, as texts to one number leave in order.
        TestHub.await(hub.hub.liveStore().resetCounter(SmsKeys.opening(key)));
        assertEquals(200, textAnsweredByTwilio(number, "START", "START"));
        text(number, "hello again");
        Sent queued = twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("in line"));
        assertEquals(List.of(queued), twilio.deliveredTo(number), "and nothing is texted to it");
    }

    /** Waits until the opening claim of this number has been taken {@code count} times, read straight from Redis. */
    private void awaitOpeningCount(String key, int count) throws InterruptedException {
        String[] seen = new String[1];
        for (int i = 0; i < 100; i++) {
            redis.inspect(r -> seen[0] = r.keys("*counter:" + SmsKeys.opening(key)).stream().map(r::get).findFirst().orElse(null));
            if (String.valueOf(count).equals(seen[0])) return;
            pause(20);
        }
        fail("the first text never reached its opening claim; the counter reads " + seen[0]);
    }

    private String hubKey(String number) throws Exception {
        return TestHub.await(ContactKeys.load(vertx, null, hubs.dataDir())).of(number);
    }

    @Test
    void failedDeliveryReportShowsAnErrorOnTheConversation() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        text(newNumber(), "hello");
        String id = acceptFirst(advocate).getString("conversation");
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Can you talk?");
        Sent sent = twilio.awaitDelivered(s -> "Can you talk?".equals(s.body()));
        // Twilio reports a fate seconds later; here the report must not overtake the hub reading the 201.
        for (int i = 0; i < 100 && TestHub.await(hub.hub.liveStore().peek(SmsKeys.sid(sent.sid()))) == null; i++) pause(10);

        Map<String, String> report = Map.of("MessageSid", sent.sid(), "MessageStatus", "undelivered", "ErrorCode", "30003",
                "AccountSid", FakeTwilio.ACCOUNT_SID, "To", sent.to(), "From", FakeTwilio.FROM);
        assertEquals(204, hub.twilioWebhook(STATUS, report).statusCode());
        JsonObject error = advocate.await("error");
        assertEquals(id, error.getString("conversation"));
        assertEquals("A text you sent did not reach the texter's phone.", error.getString("message"));
    }

    @Test
    void aFailureReportThatOvertakesTwiliosAnswerStillReachesTheAdvocate() throws Exception {
        // A long client timeout: the held answer must not be given up on and retried.
        startHub(Map.of("HEARTH_TWILIO_TIMEOUT_SECONDS", "30"));
        WsClient advocate = hub.advocateOnShift("maria");
        text(newNumber(), "hello");
        String id = acceptFirst(advocate).getString("conversation");
        twilio.awaitDelivered(s -> s.body().contains("is with you now"));
        twilio.answerNext(FakeTwilio.Answer.HELD);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Are you safe?");
        Sent sent = twilio.awaitReceived(s -> "Are you safe?".equals(s.body()));

        Map<String, String> report = Map.of("MessageSid", sent.sid(), "MessageStatus", "failed", "ErrorCode", "30006",
                "AccountSid", FakeTwilio.ACCOUNT_SID, "To", sent.to(), "From", FakeTwilio.FROM);
        assertEquals(204, hub.twilioWebhook(STATUS, report).statusCode());
        assertEquals(204, hub.twilioWebhook(STATUS, report).statusCode(), "Twilio may repeat a callback");
        assertTrue(advocate.drain("error").isEmpty(), "nothing to tell before the hub knows whose text it was");
        twilio.releaseHeld();

        JsonObject error = advocate.await("error");
        assertEquals(id, error.getString("conversation"));
        assertEquals("A text you sent did not reach the texter's phone.", error.getString("message"));
        // Told once; the SID's key is gone once both sides met. The reply proves the advocate's socket moved on.
        advocate.send("message", "conversation", id, "clientId", "a2", "text", "marker");
        twilio.awaitDelivered(s -> "marker".equals(s.body()));
        advocate.awaitMatching("ack", a -> "a2".equals(a.getString("clientId")));
        assertTrue(advocate.drain("error").isEmpty(), "the advocate is told once");
        assertNull(TestHub.await(hub.hub.liveStore().peek(SmsKeys.sid(sent.sid()))));
    }

    /**
     * A Twilio SID beside a conversation's id links the chat to the texter's number (Twilio's log ties the two), so an
     * ended chat's SIDs go at its end, and a text whose answer Twilio gives only after the end is forgotten as it comes.
     */
    @Test
    void aTextTwilioAnswersOnlyAfterItsChatEndedLeavesNoSidBehind() throws Exception {
        startHub(Map.of("HEARTH_TWILIO_TIMEOUT_SECONDS", "30"));
        textAnsweredOnlyAfterTheEndLeavesNoSid();
    }

    @Test
    void onRedisATextTwilioAnswersOnlyAfterItsChatEndedLeavesNoSidBehind() throws Exception {
        redis.flushAll();
        startHub(Map.of("HEARTH_TWILIO_TIMEOUT_SECONDS", "30", "HEARTH_LIVE_REDIS_URL", redis.url()));
        textAnsweredOnlyAfterTheEndLeavesNoSid();
    }

    private void textAnsweredOnlyAfterTheEndLeavesNoSid() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String texter = newNumber();
        text(texter, "hello");
        String id = acceptAndAwaitGreeting(advocate);
        Eventually.until("the greeting's SID is kept while the chat lasts", () -> !sidKeys().isEmpty());
        twilio.answerNext(Answer.HELD);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Are you safe?");
        twilio.awaitReceived(s -> "Are you safe?".equals(s.body()));

        advocate.send("end", "conversation", id);
        advocate.await("ended");
        Eventually.until("the end takes the SIDs it finds", () -> sidKeys().isEmpty());
        twilio.releaseHeld();
        twilio.awaitDelivered(s -> texter.equals(s.to()) && s.body().startsWith("This conversation has ended"));
        Eventually.until("the SID Twilio gave after the end is forgotten", () -> sidKeys().isEmpty() && sentKeys().isEmpty());
    }

    /** The live keys naming a Twilio SID, in either store. */
    private List<String> sidKeys() {
        return liveKeys().stream().filter(k -> k.startsWith("value:sms:sid:")).toList();
    }

    /** The live keys numbering a chat's SIDs, in either store. */
    private List<String> sentKeys() {
        return liveKeys().stream().filter(k -> k.contains("sms:sent:")).toList();
    }

    private List<String> liveKeys() {
        if (hub.hub.config().live().redisUrl() == null) return live().expiringKeysHeld();
        List<String> keys = new java.util.ArrayList<>();
        redis.inspect(r -> RedisServer.keys(r).forEach(k -> keys.add(k.replaceFirst("^hearth:\\{[^}]+\\}:", ""))));
        return keys;
    }

    @Test
    void blockedNumberIsIgnoredAndOnlyItsHmacIsKept() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String canary = newNumber();
        text(canary, "hello");
        twilio.awaitDelivered(s -> canary.equals(s.to()));
        String id = onlyQueued().id();
        advocate.send("block", "conversation", id);
        awaitGoneFromLiveStore(canary);
        int before = twilio.deliveredTo(canary).size();

        assertEquals(200, text(canary, "let me in"));
        // A blocked number gets nothing the hub could send after this as a later marker: a short wait is all there is.
        pause(300);
        assertTrue(queue().isEmpty(), "a blocked number opens nothing");
        assertEquals(before, twilio.deliveredTo(canary).size(), "and gets no reply");
        assertFalse(live().containsText(canary.substring(1)), "the block keeps only the number's HMAC");
    }

    @Test
    void numberIsGoneFromLiveStoreFilesAndLogsAfterTheEnd() throws Exception {
        startHub();
        WsClient advocate = hub.advocateOnShift("maria");
        String canary = newNumber();
        text(canary, "hello, it's me");
        String id = acceptFirst(advocate).getString("conversation");
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "I'm here.");
        twilio.awaitDelivered(s -> "I'm here.".equals(s.body()));
        text(canary, "thanks");
        advocate.awaitMatching("message", m -> "thanks".equals(m.getString("text")));
        assertTrue(live().containsText(canary), "while live, the number sits beside its conversation");

        advocate.send("end", "conversation", id);
        advocate.await("ended");
        assertTrue(twilio.awaitDelivered(s -> canary.equals(s.to()) && s.body().startsWith("This conversation has ended")) != null);
        awaitGoneFromLiveStore(canary);

        // Statistics and audit entries are written after the end, through temp files and renames.
        hub.close();
        hub = null;
        String digits = canary.substring(2);
        assertTrue(filesWithText(digits).isEmpty(), "the number is in the data directory");
        assertTrue(Files.exists(hubs.dataDir().resolve(ContactKeys.DEFAULT_FILE)), "the HMAC key was generated into the data directory");
        assertFalse(logs.all().contains(digits), "the number is in the logs");
        assertTrue(logs.all().contains("SMS channel is on"), "the log says SMS is on");
    }

    /** Files under the data directory that contain the text. */
    private List<Path> filesWithText(String text) throws Exception {
        Map<Path, String> all = DataFiles.read(hubs.dataDir());
        assertTrue(all.size() >= 3, "settings, audit and key files exist: " + all.keySet());
        return all.entrySet().stream().filter(e -> e.getValue().contains(text)).map(e -> hubs.dataDir().relativize(e.getKey())).toList();
    }

    private void awaitGoneFromLiveStore(String number) throws InterruptedException {
        for (int i = 0; i < 50 && live().containsText(number.substring(1)); i++) pause(20);
        assertFalse(live().containsText(number.substring(1)), "the number is still in the live store");
    }

    /** A second "node": its own relay and outbox on the same live store. */
    private SmsRelay otherNode(SmsOutbox otherOutbox) throws Exception {
        ContactKeys keys = TestHub.await(ContactKeys.load(vertx, null, hubs.dataDir()));
        return new SmsRelay(hub.hub.liveStore(), hub.hub.conversations(),
                new org.hearthhub.settings.CurrentSettings(hub.hub.settingsStore()), keys, otherOutbox, hub.clock,
                () -> new SmsSender(FakeTwilio.FROM, java.net.URI.create(hub.publicUrl() + STATUS)),
                via -> new SmsSender(FakeTwilio.FROM, java.net.URI.create(hub.publicUrl() + STATUS)),
                via -> hub.hub.programs().named(via).map(org.hearthhub.hosting.HostedProgram::live).orElse(null));
    }

    private SmsOutbox otherOutbox() {
        return new SmsOutbox(vertx, () -> new TwilioGateway(hub.hub.config().twilio()), hub.hub.config().twilio().retryDelaysMillis());
    }

    @Test
    void eachTextIsSentByOneNodeEvenThoughEveryNodeHearsEveryEvent() throws Exception {
        startHub();
        // The other node hears the same events.
        SmsOutbox otherOutbox = otherOutbox();
        SmsRelay otherNode = otherNode(otherOutbox);
        hub.hub.liveStore().subscribe(otherNode::onEvent);
        try {
            WsClient advocate = hub.advocateOnShift("maria");
            String number = newNumber();
            text(number, "hello");
            String id = acceptFirst(advocate).getString("conversation");
            for (int i = 1; i <= 5; i++) advocate.send("message", "conversation", id, "clientId", "m" + i, "text", "reply " + i);
            twilio.awaitDelivered(s -> "reply 5".equals(s.body()));
            advocate.send("end", "conversation", id);
            twilio.awaitDelivered(s -> s.body().startsWith("This conversation has ended"));
            // A duplicate would leave through the other node's outbox, in no order with this one's: a short wait.
            pause(300);
            List<String> bodies = twilio.deliveredTo(number).stream().map(Sent::body).toList();
            assertEquals(1, bodies.stream().filter(b -> b.contains("is with you now")).count(), bodies.toString());
            for (int i = 1; i <= 5; i++) {
                String reply = "reply " + i;
                assertEquals(1, bodies.stream().filter(reply::equals).count(), reply + " in " + bodies);
            }
            assertEquals(1, bodies.stream().filter(b -> b.startsWith("This conversation has ended")).count(), bodies.toString());
        } finally {
            TestHub.await(otherOutbox.close());
        }
    }

    @Test
    void aGreetingTextedByAnotherNodeIsNeverFollowedByAPlaceInLine() throws Exception {
        // A long client timeout: the held answer must not be given up on.
        startHub(Map.of("HEARTH_TWILIO_TIMEOUT_SECONDS", "30"));
        SmsOutbox otherOutbox = otherOutbox();
        SmsRelay otherNode = otherNode(otherOutbox);
        try {
            WsClient advocate = hub.advocateOnShift("maria");
            String number = newNumber();
            // As in the test above: the first reply waits behind the held HELP answer in this node's lane.
            twilio.answerNext(Answer.HELD);
            assertEquals(200, text(number, "help"));
            twilio.awaitReceived(s -> number.equals(s.to()) && s.body().startsWith("This is a confidential text line"));
            String id = onlyQueued().id();
            // The other node wins the claim on the greeting (every node hears the accept) and texts it through its
            // own outbox, in no order with this node's.
            TestHub.await(hub.hub.liveStore().increment(SmsKeys.claim(id, "assigned"), SmsRelay.CLAIM_TTL));
            acceptFirst(advocate);
            TestHub.await(otherNode.deliver(id, TestHub.await(otherNode.contactOf(id)), SmsTexts.assigned("en", "Advocate maria")));
            twilio.awaitDelivered(s -> number.equals(s.to()) && s.body().contains("is with you now"));
            twilio.releaseHeld();

            // This node's lane: the advocate's text leaves after whatever it still held for the number.
            replyAndAwaitTexted(advocate, id, "Hi, I'm Maria.");
            List<String> bodies = twilio.deliveredTo(number).stream().map(Sent::body).toList();
            int greeting = bodies.indexOf("Advocate maria, an advocate, is with you now.");
            assertTrue(greeting >= 0, bodies.toString());
            assertTrue(bodies.subList(greeting, bodies.size()).stream().noneMatch(b -> b.contains("in line")),
                    "nothing says \"in line\" after the greeting: " + bodies);
            assertTrue(bodies.stream().anyMatch(b -> b.startsWith("Our texts stay on your phone")), "the privacy note still went: " + bodies);
        } finally {
            TestHub.await(otherOutbox.close());
        }
    }

    @Test
    void withoutTwilioSettingsSmsIsOffAndSaidSoOnce() throws Exception {
        hubs.startWithoutTwilio();
        assertFalse(hub.hub.sms().enabled());
        assertNotNull(hub.hub.sms().offReason());
        Map<String, String> form = inboundForm(newNumber(), "hello", 0);
        assertEquals(404, hub.twilioWebhook(INBOUND, form).statusCode());
        assertEquals(1, logs.lines().stream().filter(l -> l.contains("SMS channel is off")).count());
        assertFalse(Files.exists(hubs.dataDir().resolve(ContactKeys.DEFAULT_FILE)), "no key is made while SMS is off");
        assertTrue(queue().isEmpty());
        String page = leadRetentionPage();
        assertTrue(page.contains("The SMS channel is off") && page.contains("Twilio is not configured"), "the lead console says so too");
    }

    @Test
    void leadConsoleSaysNothingAboutSmsWhenItIsOn() throws Exception {
        startHub();
        assertTrue(hub.hub.sms().enabled());
        assertFalse(leadRetentionPage().contains("The SMS channel is off"));
    }

    private String leadRetentionPage() throws Exception {
        hub.addAccount("lena", org.hearthhub.model.Role.LEAD, List.of("en"), 2);
        HttpResponse<Buffer> r = TestHub.await(hub.http().get(hub.port(), "localhost", "/console/lead/retention")
                .followRedirects(false).putHeader("Cookie", hub.login("lena")).send());
        assertEquals(200, r.statusCode());
        return r.bodyAsString();
    }

    @Test
    void configuredHmacKeyFileMustExist() throws Exception {
        try {
            startHub(Map.of("HEARTH_SMS_HMAC_KEY_FILE", hubs.dataDir().resolve("missing.key").toString()));
            fail("the hub started without its configured SMS key");
        } catch (Exception e) {
            assertTrue(String.valueOf(e.getCause()).contains("missing.key"), String.valueOf(e.getCause()));
        }
    }
}
