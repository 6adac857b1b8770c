package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.settings.Partner;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.TwilioSigner;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.hearthhub.testing.FakeTwilio.newNumber;
import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/sms.md, "Warm referrals": a texter is offered a partner program by text (the Twilio SDK against the fake
 * Twilio API), answers YES, SHARE or NO, and after a move keeps texting the number they texted: their texts reach
 * the chat in the partner program, and its answers leave from that number.
 */
class SmsWarmReferralTest {
    private static final String RIVERSIDE_NUMBER = "+15550000002";

    @RegisterExtension
    // A long client timeout: a held answer must not be given up on.
    final TestHubExtension hubs = TestHubExtension.startedByTest().fakeTwilio().env("HEARTH_TWILIO_TIMEOUT_SECONDS", "30");
    FakeTwilio twilio;
    TestHub hub;
    HostedProgram riverside;
    WsClient maria;
    WsClient rosa;

    /** The live store in memory here; {@link RedisSmsWarmReferralTest} keeps it in Redis. */
    Map<String, String> liveEnv() {
        return Map.of();
    }

    @BeforeEach
    void start() throws Exception {
        hubs.start(liveEnv());
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

    private void offerRiverside(String id) {
        maria.send("referral.propose", "conversation", id, "partner", "p-river", "reason", "They have a bed tonight.");
        maria.awaitMatching("referral", f -> "offered".equals(f.getString("state")));
    }

    /** Checks, where the store can be read from outside, that the number is only ever beside a live chat. */
    void assertNumberOnlyBesideItsChat(String number) {
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
        assertNumberOnlyBesideItsChat(texter);

        for (HostedProgram p : List.of(hub.hub.programs().defaultProgram(), riverside)) {
            List<SharingEntry> entries = await(p.register().month(YearMonth.of(2026, 11)));
            assertEquals(List.of("transfer transcript maria"), entries.stream().map(e -> e.kind() + " " + e.categories() + " " + e.advocate()).toList());
            assertFalse(entries.toString().contains(texter.substring(2)), "no number in the register");
        }
    }

    @Test
    void aMovedChatTakenBeforeItsTextLeavesIsToldTheAgencyButNoPlaceInLine() throws Exception {
        String texter = newNumber();
        String id = accepted(texter, "I need a safe place");
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("is with you now"));
        // Twilio holds its answer to the offer, so the text after the move waits behind it in the number's outbox lane
        // while rosa accepts the moved chat: as if Twilio were slow, or rosa very quick.
        twilio.answerNext(FakeTwilio.Answer.HELD);
        offerRiverside(id);
        twilio.awaitReceived(s -> s.to().equals(texter) && s.body().contains("They have a bed tonight."));
        Future<HttpResponse<Buffer>> yes = textWithoutWaiting(texter, FakeTwilio.FROM, "YES");
        String moved = rosa.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty())
                .getJsonArray("items").getJsonObject(0).getString("conversation");
        rosa.send("accept", "conversation", moved);
        rosa.awaitMatching("conversation", c -> moved.equals(c.getString("conversation")));
        twilio.releaseHeld();
        assertEquals(200, await(yes).statusCode());

        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("is with you now"), 2);
        rosa.send("message", "conversation", moved, "clientId", "r1", "text", "Rosa here, at Riverside.");
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().equals("Rosa here, at Riverside."));
        List<String> bodies = twilio.deliveredTo(texter).stream().map(FakeTwilio.Sent::body).toList();
        int offer = 0;
        while (!bodies.get(offer).contains("They have a bed tonight.")) offer++;
        List<String> afterOffer = bodies.subList(offer + 1, bodies.size());
        assertTrue(afterOffer.stream().noneMatch(b -> b.contains("in line")), "no place in line once rosa has the chat: " + afterOffer);
        assertEquals(List.of("You are now connected with Riverside Shelter. Keep texting this number: they will answer you here."),
                afterOffer.stream().filter(b -> b.contains("Riverside Shelter")).toList(), "the agency is named once: " + afterOffer);
        assertEquals(3, afterOffer.size(), "the agency, rosa's greeting and her text, once each: " + afterOffer);
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
}
