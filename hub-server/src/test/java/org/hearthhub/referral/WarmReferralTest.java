package org.hearthhub.referral;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.Partner;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.testing.Eventually;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/coalition.md, "Warm referrals": an advocate at the default program ("main") proposes Riverside, a partner
 * program on the same hub; the survivor is told and chooses; only a consented move happens, carrying only what
 * they chose, recorded in both sharing registers and nowhere else.
 */
class WarmReferralTest {
    static final ProgramId RIVERSIDE = ProgramId.of("riverside");

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().redisStores(this::redisStores);
    TestHub hub;
    Vertx vertx;
    HostedProgram main;
    HostedProgram riverside;
    WsClient maria;

    /** In memory and files here; {@link RedisWarmReferralTest} runs every test on Redis. */
    RedisStores redisStores() {
        return null;
    }

    record Chat(WsClient survivor, String id, String token) {
    }

    @BeforeEach
    void programs() throws Exception {
        main = hub.hub.programs().defaultProgram();
        riverside = await(hub.hub.programs().create(RIVERSIDE, "Riverside Shelter"));
        Partner river = new Partner("p-river", "Riverside Shelter", List.of("shelter", "legal aid"), List.of("English", "Spanish"),
                "555-0100", null, null, null, "riverside", null);
        Partner outside = new Partner("p-out", "Legal Aid North", List.of("legal aid"), List.of("English"), "555-0101", null, null,
                null, null, null);
        Partner self = new Partner("p-self", "Ourselves", List.of(), List.of(), null, null, null, null, "main", null);
        Partner gone = new Partner("p-gone", "Gone Program", List.of(), List.of(), null, null, null, null, "nowhere", null);
        await(main.settings().save(main.settings().get().withPartners(List.of(river, outside, self, gone))));
        maria = hub.advocateOnShift("maria");
    }

    WsClient riversideAdvocate(String username, boolean onShift) throws Exception {
        hub.addAccountIn(username, Role.ADVOCATE, Map.of("riverside", Role.ADVOCATE));
        WsClient ws = WsClient.connect(vertx, hub.port(), "/ws/advocate?program=riverside", hub.publicUrl(), hub.login(username));
        ws.await("shift");
        if (onShift) {
            ws.send("shift.start", "capacity", 2);
            ws.awaitMatching("shift", f -> f.getBoolean("onShift"));
        }
        return ws;
    }

    /** A chat at main that maria holds, in which the survivor wrote {@code words}. */
    Chat chat(String lang, String words) throws Exception {
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", lang);
        JsonObject started = survivor.await("started");
        String id = started.getString("conversation");
        survivor.send("message", "clientId", "s1", "text", words);
        survivor.await("ack");
        maria.send("accept", "conversation", id);
        maria.awaitMatching("conversation", c -> c.getString("conversation").equals(id));
        survivor.await("assigned");
        return new Chat(survivor, id, started.getString("token"));
    }

    void propose(Chat chat, String partner, String reason) {
        maria.send("referral.propose", "conversation", chat.id(), "partner", partner, "reason", reason);
    }

    JsonObject offered(Chat chat) {
        propose(chat, "p-river", "They have a shelter bed and legal aid in your county.");
        JsonObject offer = chat.survivor().await("referral.offer");
        JsonObject told = maria.awaitMatching("referral", f -> "offered".equals(f.getString("state")));
        assertEquals(chat.id(), told.getString("conversation"));
        assertEquals("p-river", told.getString("partner"));
        return offer;
    }

    void answer(Chat chat, String offer, boolean accept, String share) {
        JsonObject frame = new JsonObject().put("type", "referral.answer").put("offer", offer).put("accept", accept);
        if (share != null) frame.put("share", share);
        chat.survivor().send(frame);
    }

    WsClient resumeAt(String program, String token) throws Exception {
        WsClient ws = WsClient.connect(vertx, hub.port(), "/ws/survivor?program=" + program, null, null);
        ws.send("resume", "token", token, "lastSeq", 0);
        return ws;
    }

    @Test
    void aPartnerAdoptedFromTheCoalitionsDirectoryCanBeProposedAndOneNotAdoptedCannot() throws Exception {
        riversideAdvocate("rosa", true);
        await(hub.hub.settingsStore().addCoalitionPartner(new Partner("c-river", "Riverside (coalition entry)", List.of("shelter"),
                List.of("English"), "555-0102", null, null, null, "riverside", "coalition")));
        await(hub.hub.settingsStore().addCoalitionPartner(new Partner("c-other", "Not adopted", List.of(), List.of(), null, null,
                null, null, "riverside", "coalition")));
        await(main.settings().save(main.settings().get().withAdoptedPartners(List.of("c-river"))));
        Chat chat = chat("en", "hello");

        propose(chat, "c-other", "They can help.");
        assertEquals("not_found", maria.await("error").getString("code"), "the coalition's entry is not this program's until adopted");
        propose(chat, "c-river", "They can help.");
        JsonObject offer = chat.survivor().await("referral.offer");
        assertEquals("Riverside (coalition entry)", offer.getString("agency"));
        answer(chat, offer.getString("offer"), true, "none");
        assertEquals("riverside", chat.survivor().await("moved").getString("program"));
    }

    @Test
    void aConsentedTransferWithTheTranscriptReachesThePartnersQueueWithTheConversationSoFar() throws Exception {
        WsClient rosa = riversideAdvocate("rosa", true);
        String canary = "canary-" + UUID.randomUUID();
        Chat chat = chat("en", "I need somewhere safe tonight " + canary);
        JsonObject offer = offered(chat);
        assertEquals("Riverside Shelter", offer.getString("agency"));
        assertEquals(List.of("shelter", "legal aid"), offer.getJsonArray("services").getList());
        assertEquals("They have a shelter bed and legal aid in your county.", offer.getString("reason"));
        assertTrue(offer.getBoolean("open") && offer.getBoolean("staffed"), offer.encode());
        assertTrue(offer.getString("offer").length() >= 32, "an unguessable id");

        answer(chat, offer.getString("offer"), true, "transcript");
        JsonObject moved = chat.survivor().await("moved");
        assertEquals("riverside", moved.getString("program"));
        assertEquals("Riverside Shelter", moved.getString("agency"));
        assertEquals(1, moved.getInteger("position"));
        assertTrue(moved.getBoolean("staffed"));
        chat.survivor().expectNone("ended", 300);
        assertEquals("referred", maria.awaitMatching("ended", e -> e.getString("conversation").equals(chat.id())).getString("reason"));
        assertEquals("accepted", maria.awaitMatching("referral", f -> !"offered".equals(f.getString("state"))).getString("state"));
        assertNull(await(main.live().conversation(chat.id())), "the first chat is purged like any ended chat");

        JsonObject queue = rosa.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        JsonObject item = queue.getJsonArray("items").getJsonObject(0);
        assertEquals(moved.getString("conversation"), item.getString("conversation"));
        assertEquals("main", item.getString("referredFrom"));
        assertEquals("transcript", item.getString("shared"));

        WsClient resumed = resumeAt("riverside", moved.getString("token"));
        JsonObject back = resumed.await("resumed");
        assertEquals("queued", back.getString("state"));
        assertEquals(1, back.getInteger("position"));
        assertTrue(resumed.await("message").getString("text").contains(canary), "the survivor's page redraws what travelled");

        rosa.send("accept", "conversation", moved.getString("conversation"));
        JsonObject conversation = rosa.await("conversation");
        assertEquals("main", conversation.getString("referredFrom"));
        assertEquals("transcript", conversation.getString("shared"));
        assertTrue(conversation.getJsonArray("messages").encode().contains(canary), conversation.encode());
        assertFalse(conversation.encode().contains(chat.id()), "nothing names the first chat");
        resumed.await("assigned");
        rosa.send("message", "conversation", moved.getString("conversation"), "clientId", "r1", "text", "I'm Rosa at Riverside.");
        assertEquals("I'm Rosa at Riverside.", resumed.await("message").getString("text"));

        // A reload after the move: the old token is gone, the new one resumes at the partner's.
        WsClient old = hub.survivor();
        old.send("resume", "token", chat.token(), "lastSeq", 0);
        assertEquals("unknown_token", old.await("error").getString("code"));
    }

    @Test
    void aTransferWithNothingSharedShowsTheReceivingAdvocateNoneOfTheFirstChat() throws Exception {
        WsClient rosa = riversideAdvocate("rosa", true);
        String canary = "canary-" + UUID.randomUUID();
        Chat chat = chat("en", "My name is " + canary);
        maria.send("message", "conversation", chat.id(), "clientId", "a1", "text", "Thank you, " + canary);
        maria.await("ack");
        JsonObject offer = offered(chat);
        answer(chat, offer.getString("offer"), true, "none");
        JsonObject moved = chat.survivor().await("moved");

        JsonObject queue = rosa.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        assertEquals("none", queue.getJsonArray("items").getJsonObject(0).getString("shared"));
        rosa.send("accept", "conversation", moved.getString("conversation"));
        JsonObject conversation = rosa.await("conversation");
        assertEquals(new JsonArray(), conversation.getJsonArray("messages"));
        assertEquals("none", conversation.getString("shared"));
        List<JsonObject> seen = new ArrayList<>(rosa.pending());
        seen.add(conversation);
        seen.add(queue);
        for (JsonObject f : seen) {
            assertFalse(f.encode().contains(canary), "the receiving advocate sees none of the first chat's words: " + f);
            assertFalse(f.encode().contains(chat.id()), f.encode());
        }
        WsClient resumed = resumeAt("riverside", moved.getString("token"));
        resumed.await("resumed");
        resumed.expectNone("message", 300);
    }

    @Test
    void aDeclinedOfferLeavesTheChatExactlyAsItWas() throws Exception {
        riversideAdvocate("rosa", true);
        Chat chat = chat("es", "hola");
        JsonObject offer = offered(chat);
        answer(chat, offer.getString("offer"), false, null);
        JsonObject closed = chat.survivor().await("referral.closed");
        assertEquals("declined", closed.getString("state"));
        assertEquals("declined", maria.awaitMatching("referral", f -> !"offered".equals(f.getString("state"))).getString("state"));

        chat.survivor().send("message", "clientId", "s2", "text", "prefiero quedarme");
        chat.survivor().await("ack");
        assertEquals("prefiero quedarme", maria.awaitMatching("message", m -> "survivor".equals(m.getString("from"))
                && m.getString("text").startsWith("prefiero")).getString("text"));
        maria.send("message", "conversation", chat.id(), "clientId", "a2", "text", "Claro, sigo aquí.");
        assertEquals("Claro, sigo aquí.", chat.survivor().await("message").getString("text"));
        assertEquals(0, await(riverside.live().counts()).queued(), "nothing reached the partner");
        assertEquals(List.of(), await(main.register().month(YearMonth.of(2026, 11))), "a decline records nothing");

        // The same answer again, after it was answered: nothing moves.
        answer(chat, offer.getString("offer"), true, "none");
        assertEquals("not_found", chat.survivor().await("error").getString("code"));
        assertEquals(0, await(riverside.live().counts()).queued());
    }

    /**
     * The advocate's safety exit lands while the consented move is under way, after the chat was looked at and before
     * it ended as referred: the chat stays ended as she ended it, and nothing of it goes on at the partner's.
     */
    @Test
    void aSafetyExitDuringTheMoveEndsTheChatAndTakesBackItsCopyAtThePartners() throws Exception {
        WsClient rosa = riversideAdvocate("rosa", true);
        Chat chat = chat("en", "the words that must not travel");
        offered(chat);
        ReferralOffer offer = new ReferralOffer("o-test", chat.id(), "riverside", "p-river", "Riverside Shelter", "maria",
                hub.clock.instant().plusSeconds(60), new JsonObject());
        List<String> undone = new ArrayList<>();
        WarmReferrals.Arrival safetyExitMeanwhile = new WarmReferrals.Arrival() {
            @Override
            public io.vertx.core.Future<Void> prepare(String program, String conversation) {
                // Maria's safety exit, as her console's end frame makes it, in the middle of the move.
                return main.conversations().endByAdvocate("maria", chat.id(), true).mapEmpty();
            }

            @Override
            public io.vertx.core.Future<Void> undo(String program, String conversation) {
                undone.add(program + "/" + conversation);
                return io.vertx.core.Future.succeededFuture();
            }
        };

        Throwable refused = await(new ReferralMove(hub.hub.programs()).accept(main, offer, org.hearthhub.model.Referred.Shared.TRANSCRIPT,
                safetyExitMeanwhile).transform(moved -> io.vertx.core.Future.succeededFuture(moved.cause())));
        assertTrue(refused instanceof org.hearthhub.error.Refusal r && r.code().wire().equals("not_found"), "the move failed: " + refused);
        assertEquals("safety_exit", chat.survivor().awaitMatching("ended", e -> true).getString("reason"), "ended as she ended it");
        assertNull(await(main.live().conversation(chat.id())));
        assertEquals(0, await(riverside.live().counts()).queued(), "no copy waits at the partner's");
        assertEquals(List.of(), await(riverside.live().liveConversations()), "nor anywhere in the partner's store");
        assertEquals(1, undone.size(), "what the channel stored there is taken back: " + undone);
        assertTrue(undone.get(0).startsWith("riverside/"), undone.toString());
        for (HostedProgram p : List.of(main, riverside)) {
            assertEquals(List.of(), await(p.register().month(YearMonth.of(2026, 11))), p.id() + ": no move is recorded");
        }
        // Rosa's queue, shown while the copy was there for a moment, is empty again.
        rosa.awaitMatching("queue", q -> q.getInteger("total", -1) == 0);
    }

    @Test
    void aClosedAndUnstaffedPartnerIsSaidSoInTheOfferAndStillQueuesTheSurvivorWhoAccepts() throws Exception {
        ProgramSettings s = riverside.settings().get();
        List<ProgramSettings.WeeklySlot> mornings = IntStream.rangeClosed(1, 7)
                .mapToObj(d -> new ProgramSettings.WeeklySlot(d, LocalTime.of(9, 0), LocalTime.of(10, 0))).toList();
        await(riverside.settings().save(s.withHours("UTC", mornings, List.of(), false)));
        Chat chat = chat("en", "hello");
        propose(chat, "p-river", "They can help tomorrow morning.");
        JsonObject offer = chat.survivor().await("referral.offer");
        assertFalse(offer.getBoolean("open"));
        assertFalse(offer.getBoolean("staffed"));
        assertEquals("2026-11-24T09:00:00Z", offer.getString("opensAt"));
        assertEquals("UTC", offer.getString("timeZone"));
        JsonObject told = maria.await("referral");
        assertFalse(told.getBoolean("open") || told.getBoolean("staffed"), "the advocate sees it too: " + told);

        answer(chat, offer.getString("offer"), true, "none");
        JsonObject moved = chat.survivor().await("moved");
        assertFalse(moved.getBoolean("staffed"));
        assertNull(moved.getValue("estimatedWaitSeconds"));
        assertEquals(1, await(riverside.live().counts()).queued(), "queued all the same: the survivor was told");
    }

    @Test
    void theTransferIsRecordedInBothRegistersWithoutContentOrConversation() throws Exception {
        riversideAdvocate("rosa", true);
        String canary = "canary-" + UUID.randomUUID();
        Chat chat = chat("en", "I live at " + canary);
        JsonObject offer = offered(chat);
        answer(chat, offer.getString("offer"), true, "transcript");
        JsonObject moved = chat.survivor().await("moved");
        maria.awaitMatching("ended", e -> e.getString("conversation").equals(chat.id()));

        for (HostedProgram p : List.of(main, riverside)) {
            List<SharingEntry> entries = await(p.register().month(YearMonth.of(2026, 11)));
            assertEquals(1, entries.size(), p.id() + ": " + entries);
            SharingEntry e = entries.get(0);
            assertEquals("transfer", e.kind());
            assertEquals("main", e.fromProgram());
            assertEquals("riverside", e.toProgram());
            assertEquals("Riverside Shelter", e.toPartner());
            assertEquals("transcript", e.categories());
            assertEquals("consent", e.basis());
            assertNull(e.reason());
            assertEquals("maria", e.advocate());
            assertEquals(0, e.at().getEpochSecond() % 60, "to the minute");
        }
        // The moved chat ends at the partner's too; then nothing on disk holds the chat, its ids or its token.
        WsClient resumed = resumeAt("riverside", moved.getString("token"));
        resumed.await("resumed");
        resumed.send("end");
        resumed.await("ended");
        List<String> secrets = List.of(canary, chat.id(), chat.token(), Ids.sha256Hex(chat.token()), moved.getString("conversation"),
                moved.getString("token"), offer.getString("offer"), "shelter bed");
        // Each end is told first and counted after (ConversationService.end records statistics best effort, once the
        // survivor and advocate know): so wait until both programs' counters show their end, then read every file.
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 23);
        Eventually.until("both programs' statistics count their end of the chat", () ->
                endsCounted(main, day, "end.referred") == 1 && endsCounted(riverside, day, "end.survivor") == 1);
        try (Stream<Path> files = Files.walk(hub.dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) assertFalse(content.contains(secret), file + " contains " + secret);
            }
        }
        if (redisStores() == null) {
            assertTrue(Files.readString(hub.dataDir.resolve("programs/riverside/sharing/sharing-2026-11.jsonl")).contains("\"transfer\""));
        }
        Map<String, Long> ends = await(main.store().dailyCounters(java.time.LocalDate.of(2026, 11, 23), java.time.LocalDate.of(2026, 11, 23)))
                .values().iterator().next();
        assertEquals(1L, ends.get("end.referred"), "the first program's statistics count the outcome: " + ends);
    }

    /** A daily counter of a program's statistics, 0 while it has none. */
    private static long endsCounted(HostedProgram program, java.time.LocalDate day, String counter) throws Exception {
        Map<String, Long> counters = await(program.store().dailyCounters(day, day)).get(day);
        return counters == null ? 0 : counters.getOrDefault(counter, 0L);
    }

    @Test
    void coalitionStatisticsCountTheTransferFromTheRegister() throws Exception {
        riversideAdvocate("rosa", true);
        Chat chat = chat("en", "hello");
        answer(chat, offered(chat).getString("offer"), true, "none");
        chat.survivor().await("moved");
        hub.addAccount("cora", Role.LEAD, List.of("en"), 1);
        Account a = await(hub.hub.accounts().account("cora")).orElseThrow();
        await(hub.hub.accounts().saveAccount(a.withCoalitionAdmin(true)));
        String cookie = hub.login("cora");
        JsonObject stats = await(hub.http().get(hub.port(), "localhost", "/api/v1/coalition/statistics?from=2026-11-23&to=2026-11-23")
                .putHeader("Cookie", cookie).send()).bodyAsJsonObject();
        assertEquals(new JsonArray().add(new JsonObject().put("kind", "transfer").put("from", "main").put("to", "riverside").put("count", 1)),
                stats.getJsonArray("sharing"), stats.encode());
    }

    @Test
    void referredSurvivorsWaitAheadOfThoseWhoStartedEarlierAndAfterEarlierReferredOnes() throws Exception {
        WsClient early = WsClient.connect(vertx, hub.port(), "/ws/survivor?program=riverside", null, null);
        early.send("start", "lang", "en");
        String earlyId = early.await("started").getString("conversation");

        Chat first = chat("en", "one");
        answer(first, offered(first).getString("offer"), true, "none");
        JsonObject firstMoved = first.survivor().await("moved");
        assertEquals(1, firstMoved.getInteger("position"), "ahead of the survivor who started earlier");
        assertEquals(2, early.await("queue").getInteger("position"));

        Chat second = chat("en", "two");
        answer(second, offered(second).getString("offer"), true, "none");
        assertEquals(2, second.survivor().await("moved").getInteger("position"), "after the referred one before it");
        List<String> order = await(riverside.live().queue()).stream().map(q -> q.id()).toList();
        assertEquals(List.of(firstMoved.getString("conversation"), order.get(1), earlyId), order);
    }

    @Test
    void proposalsThatCannotBeMadeAreRefusedAndNothingIsOffered() throws Exception {
        Chat chat = chat("en", "hello");
        record Bad(String partner, String reason, String code) {
        }
        for (Bad bad : List.of(new Bad("p-nobody", "why", "not_found"), new Bad("p-out", "why", "bad_request"),
                new Bad("p-self", "why", "bad_request"), new Bad("p-gone", "why", "bad_request"),
                new Bad("<script>", "why", "bad_request"), new Bad(null, "why", "bad_request"),
                new Bad("p-river", "", "bad_request"), new Bad("p-river", "x".repeat(301), "bad_request"),
                new Bad("p-river", "<script>alert(1)</script>", "bad_request"), new Bad("p-river", "two\nlines", "bad_request"),
                new Bad("p-river", null, "bad_request"))) {
            propose(chat, bad.partner(), bad.reason());
            JsonObject error = maria.await("error");
            assertEquals(bad.code(), error.getString("code"), bad + ": " + error);
            assertFalse(error.getString("message").isBlank());
            assertEquals(chat.id(), error.getString("conversation"));
            if ("p-out".equals(bad.partner())) {
                assertEquals("That partner is not a program on this hub: send their card instead.", error.getString("message"));
            }
        }
        maria.send(new JsonObject().put("type", "referral.propose").put("conversation", chat.id()).put("partner", 7).put("reason", "x"));
        assertEquals("bad_request", maria.await("error").getString("code"));

        // Not the advocate's chat: a colleague cannot offer it away.
        WsClient ana = hub.advocateOnShift("ana");
        ana.send("referral.propose", "conversation", chat.id(), "partner", "p-river", "reason", "why");
        assertEquals("forbidden", ana.await("error").getString("code"));
        maria.send("referral.propose", "conversation", "no-such-chat", "partner", "p-river", "reason", "why");
        assertEquals("not_found", maria.await("error").getString("code"));
        chat.survivor().expectNone("referral.offer", 300);

        // One pending offer per chat; and declining must end the asking.
        offered(chat);
        propose(chat, "p-river", "again");
        assertEquals("conflict", maria.await("error").getString("code"));
        chat.survivor().expectNone("referral.offer", 200);
    }

    @Test
    void aFloodOfProposalsIsRateLimited() throws Exception {
        Chat chat = chat("en", "hello");
        for (int i = 0; i < WarmReferrals.PROPOSALS_PER_WINDOW; i++) {
            JsonObject offer = offered(chat);
            answer(chat, offer.getString("offer"), false, null);
            chat.survivor().await("referral.closed");
        }
        propose(chat, "p-river", "once more");
        assertEquals("rate_limited", maria.await("error").getString("code"));
        chat.survivor().expectNone("referral.offer", 300);
    }

    @Test
    void answersThatAreNotTheSurvivorsOwnOrMalformedMoveNothing() throws Exception {
        Chat chat = chat("en", "hello");
        String offer = offered(chat).getString("offer");

        // Another survivor, with the right offer id: it is not their chat's.
        WsClient other = hub.survivor();
        other.send("start", "lang", "en");
        other.await("started");
        other.send(new JsonObject().put("type", "referral.answer").put("offer", offer).put("accept", true).put("share", "transcript"));
        assertEquals("not_found", other.await("error").getString("code"));
        // A socket in no chat at all.
        WsClient idle = hub.survivor();
        idle.send(new JsonObject().put("type", "referral.answer").put("offer", offer).put("accept", true).put("share", "none"));
        assertEquals("bad_request", idle.await("error").getString("code"));
        idle.close();

        List<JsonObject> malformed = List.of(
                new JsonObject().put("offer", Ids.random(24)).put("accept", true).put("share", "none"),
                new JsonObject().put("offer", offer).put("accept", "yes").put("share", "none"),
                new JsonObject().put("offer", offer).put("accept", true),
                new JsonObject().put("offer", offer).put("accept", true).put("share", "everything"),
                new JsonObject().put("offer", 12345).put("accept", true).put("share", "none"),
                new JsonObject().put("offer", "x".repeat(5000)).put("accept", true).put("share", "none"),
                new JsonObject().put("offer", "<script>").put("accept", true).put("share", "none"),
                new JsonObject().put("accept", true).put("share", "none"));
        List<String> codes = List.of("not_found", "bad_request", "bad_request", "bad_request", "bad_request", "bad_request",
                "bad_request", "bad_request");
        for (int i = 0; i < malformed.size(); i++) {
            chat.survivor().send(malformed.get(i).copy().put("type", "referral.answer"));
            JsonObject error = chat.survivor().await("error");
            assertEquals(codes.get(i), error.getString("code"), "answer " + i);
            assertFalse(error.getString("message").isBlank());
        }
        assertEquals(0, await(riverside.live().counts()).queued());
        assertTrue(await(main.live().conversation(chat.id())).isActive(), "nothing moved");

        // The real answer still works after all that.
        answer(chat, offer, false, null);
        assertEquals("declined", chat.survivor().await("referral.closed").getString("state"));
    }

    @Test
    void anOfferExpiresAfterTenMinutesAndWhenTheChatEndsAndTheAdvocateIsTold() throws Exception {
        Chat chat = chat("en", "hello");
        String offer = offered(chat).getString("offer");
        hub.clock.advance(WarmReferrals.OFFER_LIFETIME.plusSeconds(1));
        answer(chat, offer, true, "none");
        assertEquals("not_found", chat.survivor().await("error").getString("code"));
        assertEquals(0, await(riverside.live().counts()).queued());
        assertTrue(await(main.live().conversation(chat.id())).isActive());

        Chat second = chat("en", "hello again");
        String another = offered(second).getString("offer");
        maria.send("end", "conversation", second.id());
        second.survivor().await("ended");
        assertEquals("withdrawn", maria.awaitMatching("referral", f -> second.id().equals(f.getString("conversation"))
                && !"offered".equals(f.getString("state"))).getString("state"));
        assertNull(await(main.live().peek(WarmReferrals.offerKey(another))), "the offer went with the chat");
        assertNotEquals(offer, another);
    }

    @Test
    void aReloadOnTheConsentScreenIsAskedAgain() throws Exception {
        Chat chat = chat("en", "hello");
        JsonObject offer = offered(chat);
        chat.survivor().close();
        WsClient again = hub.survivor();
        again.send("resume", "token", chat.token(), "lastSeq", 0);
        again.await("resumed");
        assertEquals(offer.getString("offer"), again.await("referral.offer").getString("offer"));
    }
}
