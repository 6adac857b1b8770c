package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LiveCounts;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LoopConfined;
import org.hearthhub.settings.Partner;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.TwilioSigner;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.hearthhub.testing.FakeTwilio.newNumber;
import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/sms.md, "Warm referrals": a texter is offered a partner program by text (the Twilio SDK against the fake
 * Twilio API), answers YES, SHARE or NO, and after a move keeps texting the number they texted: their texts reach
 * the chat in the partner program, and its answers leave from that number.
 */
class SmsWarmReferralTest {
    private static final String RIVERSIDE_NUMBER = "+15550000002";
    private static final String LAKESIDE_NUMBER = "+15550000003";

    @RegisterExtension
    // A long client timeout: a held answer must not be given up on.
    final TestHubExtension hubs = TestHubExtension.startedByTest().fakeTwilio().env("HEARTH_TWILIO_TIMEOUT_SECONDS", "30");
    FakeTwilio twilio;
    TestHub hub;
    Vertx vertx;
    HostedProgram riverside;
    WsClient maria;
    WsClient rosa;

    /** The live store in memory here; {@link RedisSmsWarmReferralTest} keeps it in Redis. */
    Map<String, String> liveEnv() {
        return Map.of();
    }

    /** The test needs riverside's queue full with one chat: each program's queue holds one. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface QueueOfOne {
    }

    @BeforeEach
    void start(TestInfo test) throws Exception {
        Map<String, String> env = new HashMap<>(liveEnv());
        if (test.getTestMethod().map(m -> m.isAnnotationPresent(QueueOfOne.class)).orElse(false)) env.put("HEARTH_QUEUE_MAX_LENGTH", "1");
        hubs.start(env);
        riverside = hub.addProgramWithNumbers("riverside", "Riverside", RIVERSIDE_NUMBER, null);
        HostedProgram main = hub.hub.programs().defaultProgram();
        await(main.settings().save(main.settings().get().withPartners(List.of(new Partner("p-river", "Riverside Shelter",
                List.of("shelter"), List.of("English", "Spanish"), null, null, null, null, "riverside", null)))));
        maria = hub.advocateOnShift("maria");
        rosa = hub.advocateOnShiftIn("riverside", "rosa");
    }

    private void text(String from, String to, String body) throws Exception {
        assertEquals(200, hub.twilioWebhook("/sms/twilio", FakeTwilio.inboundText(from, to, body)).statusCode());
    }

    /** The same, not waiting for the hub's answer to the webhook. */
    private Future<HttpResponse<Buffer>> textWithoutWaiting(String from, String to, String body) {
        Map<String, String> form = FakeTwilio.inboundText(from, to, body);
        return hub.postForm("/sms/twilio", form, TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, hub.publicUrl() + "/sms/twilio", form));
    }

    /** A texter at main whose chat maria holds, offered Riverside; returns the chat's id. */
    private String offered(String texter, String first) throws Exception {
        String id = accepted(texter, first);
        offerRiverside(id);
        return id;
    }

    /** A texter at main whose chat maria holds; returns the chat's id. */
    private String accepted(String texter, String first) throws Exception {
        text(texter, FakeTwilio.FROM, first);
        JsonObject queue = maria.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        String id = queue.getJsonArray("items").getJsonObject(0).getString("conversation");
        maria.send("accept", "conversation", id);
        maria.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        return id;
    }

    /** A texter at main whose chat maria holds, offered Riverside, the offer texted to them; returns the chat's id. */
    private String offerTexted(String texter) throws Exception {
        String id = offered(texter, "I need a safe place");
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("They have a bed tonight."));
        return id;
    }

    /** The same, with riverside's queue of one already taken by another texter, so the move cannot happen. */
    private String offeredWithRiversideFull(String texter) throws Exception {
        text(newNumber(), RIVERSIDE_NUMBER, "hello, is anyone there?");
        rosa.awaitMatching("queue", q -> q.getJsonArray("items").size() == 1);
        return offerTexted(texter);
    }

    private void offerRiverside(String id) {
        maria.send("referral.propose", "conversation", id, "partner", "p-river", "reason", "They have a bed tonight.");
        maria.awaitMatching("referral", f -> "offered".equals(f.getString("state")));
    }

    /**
     * Checks, where the store can be read from outside, that the number is only ever beside a live chat, in
     * {@code program}'s store (where the chat now is), and that the only moved mark is main's.
     */
    void assertNumberOnlyBesideItsChat(String number, String program) {
    }

    /** Checks that riverside's live store holds nothing of a texter whose chat did not move there. */
    void assertNothingOfTheTexterAtRiverside(String number) {
        InMemoryLiveStore store = (InMemoryLiveStore) LoopConfined.target(riverside.live());
        assertFalse(store.containsText(number.substring(2)), "the number is not left in riverside's live store");
    }

    @Test
    void shareMovesTheTexterWithTheConversationAndTheyKeepTextingTheSameNumber() throws Exception {
        String texter = newNumber();
        String id = offered(texter, "I need a safe place");
        FakeTwilio.Sent offer = twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("Riverside Shelter"));
        assertTrue(offer.body().contains("They have a bed tonight.") && offer.body().contains("SHARE"), offer.body());
        assertEquals(FakeTwilio.FROM, offer.from());

        text(texter, FakeTwilio.FROM, "Share");
        assertEquals("referred", maria.awaitMatching("ended", e -> id.equals(e.getString("conversation"))).getString("reason"));
        FakeTwilio.Sent moved = twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("in line at Riverside Shelter"));
        assertEquals(FakeTwilio.FROM, moved.from(), "answered from the number they texted");

        JsonObject item = rosa.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty()).getJsonArray("items").getJsonObject(0);
        assertEquals("transcript", item.getString("shared"));
        assertEquals("sms", item.getString("channel"));
        rosa.send("accept", "conversation", item.getString("conversation"));
        JsonObject conversation = rosa.await("conversation");
        assertTrue(conversation.getJsonArray("messages").encode().contains("I need a safe place"), conversation.encode());
        assertEquals("SMS •••• " + texter.substring(texter.length() - 2), conversation.getString("contact"));

        // The same number, the same first program's number: the chat now at riverside gets it.
        text(texter, FakeTwilio.FROM, "are you there?");
        assertEquals(item.getString("conversation"), rosa.awaitMatching("message", m -> "are you there?".equals(m.getString("text")))
                .getString("conversation"));
        maria.expectNone("conversation", 200);
        rosa.send("message", "conversation", item.getString("conversation"), "clientId", "r1", "text", "Rosa here, at Riverside.");
        FakeTwilio.Sent reply = twilio.awaitDelivered(s -> s.body().equals("Rosa here, at Riverside."));
        assertEquals(texter, reply.to());
        assertEquals(FakeTwilio.FROM, reply.from(), "answers leave from the number the texter texted, not riverside's");
        assertNumberOnlyBesideItsChat(texter, "riverside");

        for (HostedProgram p : List.of(hub.hub.programs().defaultProgram(), riverside)) {
            List<SharingEntry> entries = await(p.register().month(YearMonth.of(2026, 11)));
            assertEquals(List.of("transfer transcript maria"), entries.stream().map(e -> e.kind() + " " + e.categories() + " " + e.advocate()).toList());
            assertFalse(entries.toString().contains(texter.substring(2)), "no number in the register");
        }
    }

    /**
     * A moved chat rosa took at once: its id there, and the mark of the number it answers from as riverside's store
     * held it when the chat was first seen queued there.
     */
    private record TakenAtOnce(String conversation, String viaWhenSeen) {
    }

    /**
     * A texter at main whose chat maria holds answers YES to Riverside, and rosa accepts the moved chat the moment it
     * is in her queue, then writes to them. Twilio holds its answer to the offer, so the text after the move waits
     * behind it in the number's outbox lane while rosa accepts: as if Twilio were slow, or rosa very quick.
     * <p>
     * The via mark is read as soon as the chat's arrival in riverside's queue is published, before any console hears
     * of it (queue pushes are coalesced) and, in practice, before the rest of the move has run: what the quickest
     * advocate could find there. It used to be stored only after the move, so this read found none (in
     * memory and on Redis, in each of three runs).
     */
    private TakenAtOnce takenAtOnce(String texter) throws Exception {
        String id = accepted(texter, "I need a safe place");
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("is with you now"));
        twilio.answerNext(FakeTwilio.Answer.HELD);
        offerRiverside(id);
        twilio.awaitReceived(s -> s.to().equals(texter) && s.body().contains("They have a bed tonight."));
        CompletableFuture<String> viaWhenSeen = new CompletableFuture<>();
        riverside.live().subscribe(event -> {
            if (!(event instanceof LiveEvent.QueueChanged) || viaWhenSeen.isDone()) return;
            riverside.live().queue().compose(queued -> queued.isEmpty() ? Future.succeededFuture(null)
                    : riverside.live().peek(SmsKeys.via(queued.get(0).id())).map(via -> {
                        viaWhenSeen.complete(String.valueOf(via));
                        return null;
                    })).onFailure(viaWhenSeen::completeExceptionally);
        });
        Future<HttpResponse<Buffer>> yes = textWithoutWaiting(texter, FakeTwilio.FROM, "YES");
        String moved = rosa.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty())
                .getJsonArray("items").getJsonObject(0).getString("conversation");
        String via = viaWhenSeen.get(5, TimeUnit.SECONDS);
        rosa.send("accept", "conversation", moved);
        rosa.awaitMatching("conversation", c -> moved.equals(c.getString("conversation")));
        twilio.releaseHeld();
        assertEquals(200, await(yes).statusCode());

        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("is with you now"), 2);
        rosa.send("message", "conversation", moved, "clientId", "r1", "text", "Rosa here, at Riverside.");
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().equals("Rosa here, at Riverside."));
        return new TakenAtOnce(moved, via);
    }

    /** What was delivered to the texter after the warm-referral offer, oldest first. */
    private List<FakeTwilio.Sent> afterTheOffer(String texter) {
        List<FakeTwilio.Sent> sent = twilio.deliveredTo(texter);
        int offer = 0;
        while (!sent.get(offer).body().contains("They have a bed tonight.")) offer++;
        return sent.subList(offer + 1, sent.size());
    }

    @Test
    void aMovedChatTakenBeforeItsTextLeavesIsToldTheAgencyButNoPlaceInLine() throws Exception {
        String texter = newNumber();
        takenAtOnce(texter);
        List<String> afterOffer = afterTheOffer(texter).stream().map(FakeTwilio.Sent::body).toList();
        assertTrue(afterOffer.stream().noneMatch(b -> b.contains("in line")), "no place in line once rosa has the chat: " + afterOffer);
        assertEquals(List.of("You are now connected with Riverside Shelter. Keep texting this number: they will answer you here."),
                afterOffer.stream().filter(b -> b.contains("Riverside Shelter")).toList(), "the agency is named once: " + afterOffer);
        assertEquals(3, afterOffer.size(), "the agency, rosa's greeting and her text, once each: " + afterOffer);
    }

    @Test
    void everythingAMovedChatTakenAtOnceTextsLeavesFromTheNumberTheTexterTexted() throws Exception {
        String texter = newNumber();
        TakenAtOnce taken = takenAtOnce(texter);
        List<FakeTwilio.Sent> afterOffer = afterTheOffer(texter);
        assertEquals(3, afterOffer.size(), "the agency, rosa's greeting and her text: " + afterOffer);
        assertTrue(afterOffer.stream().anyMatch(s -> s.body().contains("is with you now")), "rosa's greeting: " + afterOffer);
        for (FakeTwilio.Sent sent : afterOffer) {
            assertEquals(FakeTwilio.FROM, sent.from(), "never from riverside's own number, which the texter never texted: " + sent);
        }
        assertFalse(twilio.received().stream().anyMatch(s -> RIVERSIDE_NUMBER.equals(s.from())), "nothing left riverside's number");
        assertEquals(hub.hub.programs().defaultProgram().id().value(), taken.viaWhenSeen(),
                "the number the moved chat answers from is stored before it can be seen in riverside's queue");
    }

    @Test
    @QueueOfOne
    void aMoveThatFailsLeavesNothingOfTheTexterAtThePartner() throws Exception {
        String texter = newNumber();
        String id = offeredWithRiversideFull(texter);

        // Riverside's queue is full: the chat cannot move, after its marks were stored there for it.
        await(textWithoutWaiting(texter, FakeTwilio.FROM, "YES"));
        assertEquals("failed", maria.awaitMatching("referral", f -> !"offered".equals(f.getString("state"))).getString("state"));
        assertEquals(1, await(riverside.live().counts()).queued());
        assertNotNull(await(hub.hub.programs().defaultProgram().live().conversation(id)), "the chat stays with maria");
        assertNothingOfTheTexterAtRiverside(texter);
    }

    /**
     * The same failed move, as the texter and maria live it: the webhook is answered as usual (it used to fail, 503, with
     * nothing texted), the texter is told from the number they texted that they were not connected and are still here,
     * maria's console hears that the move failed, and the texter's next text reaches maria's chat.
     */
    @Test
    @QueueOfOne
    void aTexterWhoseMoveFailsIsToldTheyStayAndTheirNextTextReachesTheSameChat() throws Exception {
        String texter = newNumber();
        String id = offeredWithRiversideFull(texter);

        text(texter, FakeTwilio.FROM, "SHARE");
        JsonObject news = maria.awaitMatching("referral", f -> !"offered".equals(f.getString("state")));
        assertEquals("failed", news.getString("state"));
        assertEquals(id, news.getString("conversation"));
        assertEquals("Riverside Shelter", news.getString("agency"));
        FakeTwilio.Sent told = twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("could not connect"));
        assertEquals("We could not connect you with Riverside Shelter. You are still in this conversation here: keep texting this number.",
                told.body());
        assertEquals(FakeTwilio.FROM, told.from(), "from the number they texted");

        text(texter, FakeTwilio.FROM, "thank you");
        assertEquals(id, maria.awaitMatching("message", m -> "thank you".equals(m.getString("text"))).getString("conversation"),
                "the chat stays with maria and the next text reaches it");
        assertEquals(List.of(told.body()), afterTheOffer(texter).stream().map(FakeTwilio.Sent::body).toList(), "told once, nothing else");
        assertEquals(1, await(riverside.live().counts()).queued(), "nothing of the texter in riverside's queue");
        assertNothingOfTheTexterAtRiverside(texter);
    }

    /**
     * A texter of main's number whose chat is at riverside (referred once) answers YES to lakeside, whose queue is full:
     * they are told from main's number, the one they texted, not riverside's; rosa hears of the failure, and their next
     * text to main's number reaches rosa's chat.
     */
    @Test
    @QueueOfOne
    void aTexterReferredOnceWhoseSecondMoveFailsIsToldFromTheNumberTheyTexted() throws Exception {
        lakesideWithLena();
        String texter = newNumber();
        String atRiverside = atRiversideWithRosa(texter);
        text(newNumber(), LAKESIDE_NUMBER, "hello, anyone at lakeside?");
        rosaOffers(texter, atRiverside, "p-lake", "Lakeside Legal Aid", "They can help with a protective order.");

        text(texter, FakeTwilio.FROM, "YES");
        JsonObject news = rosa.awaitMatching("referral", f -> !"offered".equals(f.getString("state")));
        assertEquals("failed", news.getString("state"));
        assertEquals(atRiverside, news.getString("conversation"));
        FakeTwilio.Sent told = twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("could not connect"));
        assertEquals("We could not connect you with Lakeside Legal Aid. You are still in this conversation here: keep texting this number.",
                told.body());
        assertEquals(FakeTwilio.FROM, told.from(), "from main's number, which the texter texted, not riverside's");

        text(texter, FakeTwilio.FROM, "thank you");
        assertEquals(atRiverside, rosa.awaitMatching("message", m -> "thank you".equals(m.getString("text"))).getString("conversation"));
        for (FakeTwilio.Sent sent : twilio.deliveredTo(texter)) assertEquals(FakeTwilio.FROM, sent.from(), sent.toString());
        assertEquals(new LiveCounts(0, 0), await(hub.hub.programs().defaultProgram().live().counts()), "no new chat at main");
    }

    @Test
    void yesMovesWithNothingSharedAndSiIsYesInSpanish() throws Exception {
        String texter = newNumber();
        offered(texter, "hola necesito ayuda por favor");
        FakeTwilio.Sent offer = twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("Riverside Shelter"));
        assertTrue(offer.body().contains("COMPARTIR"), "the offer speaks the texter's language: " + offer.body());
        text(texter, FakeTwilio.FROM, "¡Sí!");
        JsonObject item = rosa.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty()).getJsonArray("items").getJsonObject(0);
        assertEquals("none", item.getString("shared"));
        rosa.send("accept", "conversation", item.getString("conversation"));
        JsonObject conversation = rosa.await("conversation");
        assertFalse(conversation.encode().contains("necesito"), "nothing of the first chat: " + conversation.encode());
    }

    @Test
    void noKeepsTheChatAndTheSameWordsAreOrdinaryWithoutAnOffer() throws Exception {
        String texter = newNumber();
        String id = offered(texter, "hello");
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("Riverside Shelter"));
        text(texter, FakeTwilio.FROM, "NO");
        assertEquals("declined", maria.awaitMatching("referral", f -> !"offered".equals(f.getString("state"))).getString("state"));
        text(texter, FakeTwilio.FROM, "yes");
        assertEquals(id, maria.awaitMatching("message", m -> "yes".equals(m.getString("text"))).getString("conversation"),
                "with no offer waiting, YES is an ordinary answer");
        assertEquals(0, await(riverside.live().counts()).queued());
    }

    /**
     * Lakeside, a third program with its own number, and riverside's partners: lakeside, and main (a chat may be
     * referred back to the program whose number the texter texted). Lena is on shift at lakeside.
     */
    private WsClient lakesideWithLena() throws Exception {
        hub.addProgramWithNumbers("lakeside", "Lakeside", LAKESIDE_NUMBER, null);
        String main = hub.hub.programs().defaultProgram().id().value();
        await(riverside.settings().save(riverside.settings().get().withPartners(List.of(
                new Partner("p-lake", "Lakeside Legal Aid", List.of("legal"), List.of("English", "Spanish"), null, null, null, null, "lakeside", null),
                new Partner("p-main", "Main Street Hotline", List.of("hotline"), List.of("English", "Spanish"), null, null, null, null, main, null)))));
        return hub.advocateOnShiftIn("lakeside", "lena");
    }

    /** A texter at main referred to riverside (YES), whose chat there rosa holds; returns its id at riverside. */
    private String atRiversideWithRosa(String texter) throws Exception {
        String first = offerTexted(texter);
        text(texter, FakeTwilio.FROM, "YES");
        assertEquals("referred", maria.awaitMatching("ended", e -> first.equals(e.getString("conversation"))).getString("reason"));
        String id = rosa.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty())
                .getJsonArray("items").getJsonObject(0).getString("conversation");
        rosa.send("accept", "conversation", id);
        rosa.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("is with you now"), 2);
        return id;
    }

    /** Rosa offers the texter's chat at riverside to a partner of riverside's; the offer as texted. */
    private FakeTwilio.Sent rosaOffers(String texter, String atRiverside, String partner, String agency, String reason) {
        rosa.send("referral.propose", "conversation", atRiverside, "partner", partner, "reason", reason);
        rosa.awaitMatching("referral", f -> "offered".equals(f.getString("state")));
        return twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains(agency));
    }

    /** The texter's number's keyed hash, as the hub computes it. */
    private String contactKey(String number) throws Exception {
        return await(ContactKeys.load(vertx, null, hubs.dataDir())).of(number);
    }

    /** Waits (2 s at most) for a value in a live store to be gone: an ended chat's marks are taken as its end is relayed. */
    private static String goneSoon(HostedProgram program, String key) throws Exception {
        String value = await(program.live().peek(key));
        for (int i = 0; i < 100 && value != null; i++) {
            Thread.sleep(20);
            value = await(program.live().peek(key));
        }
        return value;
    }

    @Test
    void aTexterReferredOnAgainKeepsTextingTheNumberTheyTextedAndIsAnsweredFromIt() throws Exception {
        WsClient lena = lakesideWithLena();
        HostedProgram main = hub.hub.programs().defaultProgram();
        HostedProgram lakeside = hub.hub.programs().named("lakeside").orElseThrow();
        String texter = newNumber();
        String atRiverside = atRiversideWithRosa(texter);

        // The second offer, by rosa at riverside, comes from the number the texter texted, in the same words.
        FakeTwilio.Sent offer = rosaOffers(texter, atRiverside, "p-lake", "Lakeside Legal Aid", "They can help with a protective order.");
        assertEquals(FakeTwilio.FROM, offer.from(), "the second offer leaves from the number the texter texted");
        assertEquals("Your advocate suggests continuing this conversation with Lakeside Legal Aid, because: They can help with a"
                + " protective order.\nReply YES to go (nothing else goes with you), SHARE to go and take this conversation so far,"
                + " or NO to stay here.", offer.body());

        // The answer, texted to main's number, reaches the chat at riverside and moves it on.
        text(texter, FakeTwilio.FROM, "SHARE");
        assertEquals("referred", rosa.awaitMatching("ended", e -> atRiverside.equals(e.getString("conversation"))).getString("reason"));
        FakeTwilio.Sent moved = twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("in line at Lakeside Legal Aid"));
        assertEquals(FakeTwilio.FROM, moved.from(), "told where they are now from the number they texted, not riverside's");

        JsonObject item = lena.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty()).getJsonArray("items").getJsonObject(0);
        String atLakeside = item.getString("conversation");
        assertEquals("transcript", item.getString("shared"));
        assertEquals(main.id().value(), await(lakeside.live().peek(SmsKeys.via(atLakeside))),
                "the chat at lakeside answers from main's number, the one the texter texted");
        lena.send("accept", "conversation", atLakeside);
        lena.awaitMatching("conversation", c -> atLakeside.equals(c.getString("conversation")));
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("is with you now"), 3);

        // Their next text to main's number reaches lena, and nobody else.
        text(texter, FakeTwilio.FROM, "is this the lawyer?");
        assertEquals(atLakeside, lena.awaitMatching("message", m -> "is this the lawyer?".equals(m.getString("text"))).getString("conversation"));
        assertEquals(new LiveCounts(0, 0), await(main.live().counts()), "no new chat at main");
        assertEquals(new LiveCounts(0, 0), await(riverside.live().counts()), "nothing left at riverside");
        lena.send("message", "conversation", atLakeside, "clientId", "l1", "text", "Lena here, at Lakeside.");
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().equals("Lena here, at Lakeside."));

        for (FakeTwilio.Sent sent : twilio.deliveredTo(texter)) {
            assertEquals(FakeTwilio.FROM, sent.from(), "every text to the texter leaves from the number they texted: " + sent);
        }
        assertFalse(twilio.received().stream().anyMatch(s -> RIVERSIDE_NUMBER.equals(s.from()) || LAKESIDE_NUMBER.equals(s.from())),
                "nothing left riverside's or lakeside's number");

        // The marks: main's points at lakeside, riverside keeps none of the texter (its chat ended).
        String key = contactKey(texter);
        assertEquals("lakeside", await(main.live().peek(SmsKeys.moved(key))), "main's mark points where the chat is now");
        assertNull(await(riverside.live().peek(SmsKeys.moved(key))), "no mark at riverside, whose number the texter never texted");
        assertNull(await(riverside.live().conversationByContactKey(key)));
        assertNull(goneSoon(riverside, SmsKeys.via(atRiverside)), "the ended chat's mark at riverside is gone");
        assertNull(goneSoon(riverside, SmsKeys.contact(atRiverside)));
        assertNumberOnlyBesideItsChat(texter, "lakeside");
    }

    /** The bodies texted to the texter after the first one that starts with {@code start}, oldest first. */
    private List<String> deliveredAfter(String texter, String start) {
        List<String> bodies = twilio.deliveredTo(texter).stream().map(FakeTwilio.Sent::body).toList();
        int i = 0;
        while (!bodies.get(i).startsWith(start)) i++;
        return bodies.subList(i + 1, bodies.size());
    }

    /**
     * A texter whose chat moved to riverside texts PARAR to main's number, the one they text. The opt-out is main's
     * number's: kept in main's store and confirmed from main's number, and the chat at riverside ends, silently. Its
     * mark used to be kept at riverside and its confirmation to leave from riverside's number, so once the chat had
     * ended, the next text to main's number opened a new chat at main and was answered.
     */
    @Test
    void anOptOutAfterAMoveIsKeptByTheNumberTextedAndConfirmedFromIt() throws Exception {
        HostedProgram main = hub.hub.programs().defaultProgram();
        String texter = newNumber();
        String atRiverside = atRiversideWithRosa(texter);

        text(texter, FakeTwilio.FROM, "PARAR");
        assertEquals("survivor", rosa.awaitMatching("ended", e -> atRiverside.equals(e.getString("conversation"))).getString("reason"));
        FakeTwilio.Sent confirmed = twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().startsWith("Ya no recibirá"));
        assertEquals(FakeTwilio.FROM, confirmed.from(), "confirmed from the number they texted, not riverside's");
        String key = contactKey(texter);
        assertNotNull(await(main.live().peek(SmsKeys.optedOut(key))), "kept by main, whose number was texted");
        assertNull(await(riverside.live().peek(SmsKeys.optedOut(key))), "not by riverside, whose number they never texted");

        // Nothing is opened or sent until an opt-in word; texts to one number leave in order, so anything texted
        // in reply to these would have come before the opt-in's confirmation.
        text(texter, FakeTwilio.FROM, "hello again");
        text(texter, FakeTwilio.FROM, "AYUDA");
        assertEquals(new LiveCounts(0, 0), await(main.live().counts()), "no new chat at main");
        assertEquals(new LiveCounts(0, 0), await(riverside.live().counts()), "none at riverside");
        text(texter, FakeTwilio.FROM, "COMENZAR");
        FakeTwilio.Sent optedIn = twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().startsWith("Puede volver"));
        assertEquals(FakeTwilio.FROM, optedIn.from(), "the opt-in too is confirmed from the number texted");
        assertEquals(List.of(optedIn.body()), deliveredAfter(texter, "Ya no recibirá"), "nothing between the two confirmations");
        assertNull(await(main.live().peek(SmsKeys.optedOut(key))), "lifted where it was kept");

        text(texter, FakeTwilio.FROM, "I am back");
        FakeTwilio.Sent queued = twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("number 1 in line"));
        assertEquals(FakeTwilio.FROM, queued.from());
        assertEquals(1, await(main.live().counts()).queued(), "after the opt-in a text opens a chat at main again");
        assertFalse(twilio.received().stream().anyMatch(s -> RIVERSIDE_NUMBER.equals(s.from())), "nothing left riverside's number");
    }

    /**
     * The moment between an opt-out word kept by main (whose number the texter texts) and the end of the moved chat at
     * riverside: rosa's reply there would leave from main's number. It does not: riverside's relay looks at main's mark
     * too, and tells rosa the texter opted out. (The mark is written here as InboundTexts writes it, with the chat
     * still live, so the moment lasts.)
     */
    @Test
    void aReplyFromThePartnerAfterTheTexterOptedOutOfTheNumberTheyTextedLeavesNothing() throws Exception {
        HostedProgram main = hub.hub.programs().defaultProgram();
        String texter = newNumber();
        String atRiverside = atRiversideWithRosa(texter);
        int before = twilio.deliveredTo(texter).size();

        await(main.live().putExpiring(SmsKeys.optedOut(contactKey(texter)), "1", SmsRelay.OPT_OUT_MEMORY));
        rosa.send("message", "conversation", atRiverside, "clientId", "r1", "text", "Are you safe to talk?");
        JsonObject told = rosa.awaitMatching("error", e -> atRiverside.equals(e.getString("conversation")));
        assertEquals("The texter has opted out of texts (STOP). Nothing more can be sent to them.", told.getString("message"));
        assertEquals(before, twilio.deliveredTo(texter).size(), "nothing left main's number, nor riverside's");
        assertTrue(twilio.received().stream().noneMatch(s -> s.body().contains("Are you safe to talk?")), "the reply was not sent");
    }

    /** A keyword Twilio's opt-out handling matched and answered: its webhook carries {@code OptOutType}. */
    private void textAnsweredByTwilio(String from, String to, String body, String optOutType) throws Exception {
        Map<String, String> form = FakeTwilio.inboundText(from, to, body);
        form.put("OptOutType", optOutType);
        assertEquals(200, hub.twilioWebhook("/sms/twilio", form).statusCode());
    }

    /**
     * Twilio refuses rosa's reply to a moved texter (21610: they opted out of main's number at the carrier), so the chat
     * at riverside stops taking their texts in; START to main's number, the one Twilio blocked, lets it hear them again.
     */
    @Test
    void anOptInAfterAMoveLiftsTheOptOutARefusedReplyLeftAtThePartner() throws Exception {
        String texter = newNumber();
        String atRiverside = atRiversideWithRosa(texter);
        twilio.answerNext(FakeTwilio.Answer.UNSUBSCRIBED);
        rosa.send("message", "conversation", atRiverside, "clientId", "r1", "text", "How are you doing?");
        assertEquals("The texter has opted out of texts (STOP). Nothing more can be sent to them.",
                rosa.await("error", 5000).getString("message"));
        text(texter, FakeTwilio.FROM, "he is back");
        assertTrue(rosa.await("error", 5000).getString("message").startsWith("The texter wrote again"));

        textAnsweredByTwilio(texter, FakeTwilio.FROM, "START", "START");
        text(texter, FakeTwilio.FROM, "he left, I can talk");
        assertEquals(atRiverside, rosa.awaitMatching("message", m -> "he left, I can talk".equals(m.getString("text")))
                .getString("conversation"));
        rosa.send("message", "conversation", atRiverside, "clientId", "r2", "text", "I'm glad you're safe.");
        assertEquals(FakeTwilio.FROM, twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().equals("I'm glad you're safe.")).from());
    }

    @Test
    void aTexterReferredBackToTheProgramTheyTextedIsAnsweredThereAndNoMarkIsLeft() throws Exception {
        lakesideWithLena();
        HostedProgram main = hub.hub.programs().defaultProgram();
        String texter = newNumber();
        String atRiverside = atRiversideWithRosa(texter);
        FakeTwilio.Sent offer = rosaOffers(texter, atRiverside, "p-main", "Main Street Hotline", "They know your case.");
        assertEquals(FakeTwilio.FROM, offer.from());

        text(texter, FakeTwilio.FROM, "YES");
        assertEquals("referred", rosa.awaitMatching("ended", e -> atRiverside.equals(e.getString("conversation"))).getString("reason"));
        FakeTwilio.Sent moved = twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("in line at Main Street Hotline"));
        assertEquals(FakeTwilio.FROM, moved.from());
        String back = maria.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty())
                .getJsonArray("items").getJsonObject(0).getString("conversation");
        maria.send("accept", "conversation", back);
        maria.awaitMatching("conversation", c -> back.equals(c.getString("conversation")));

        // Texts to main's number reach the chat back at main: no mark sends them anywhere else.
        String key = contactKey(texter);
        assertNull(await(main.live().peek(SmsKeys.moved(key))), "back where they texted: no mark of a move");
        assertNull(await(main.live().peek(SmsKeys.via(back))), "answered from main's own number, with no via mark");
        text(texter, FakeTwilio.FROM, "thank you");
        assertEquals(back, maria.awaitMatching("message", m -> "thank you".equals(m.getString("text"))).getString("conversation"));
        maria.send("message", "conversation", back, "clientId", "m2", "text", "Maria again.");
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().equals("Maria again."));
        for (FakeTwilio.Sent sent : twilio.deliveredTo(texter)) assertEquals(FakeTwilio.FROM, sent.from(), sent.toString());
        assertFalse(twilio.received().stream().anyMatch(s -> RIVERSIDE_NUMBER.equals(s.from())), "nothing left riverside's number");
        assertNull(await(riverside.live().peek(SmsKeys.moved(key))));
        assertNull(goneSoon(riverside, SmsKeys.via(atRiverside)), "the ended chat's mark at riverside is gone");
    }
}
