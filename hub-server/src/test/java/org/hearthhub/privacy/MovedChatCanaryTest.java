package org.hearthhub.privacy;

import io.vertx.core.json.JsonObject;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LoopConfined;
import org.hearthhub.settings.Partner;
import org.hearthhub.testing.EveryHubLog;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.DataFiles;
import org.hearthhub.testing.Eventually;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/privacy.md, for chats that moved by a warm referral with their transcript: once the first chat (ended as
 * referred) and the partner program's chat have both ended, nothing that was said (before or after the move, by
 * either side), the referral's reason, the texter's number or a resume token is left in either program's live store,
 * in any file under the data directory or in the log output. {@link RedisMovedChatCanaryTest} runs it on Redis.
 */
class MovedChatCanaryTest {
    private static final String RIVERSIDE_NUMBER = "+15550000002";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().fakeTwilio().redisStores(this::redisStores);
    FakeTwilio twilio;
    TestHub hub;
    HostedProgram main;
    HostedProgram riverside;
    WsClient maria;
    WsClient rosa;
    EveryHubLog logs;
    LogCapture log;

    /** Memory and files here. */
    RedisStores redisStores() {
        return null;
    }

    @BeforeEach
    void start() throws Exception {
        logs = EveryHubLog.start();
        log = logs.capture;
        hubs.start();
        main = hub.hub.programs().defaultProgram();
        riverside = riversideAsPartnerOf(hub, main);
        maria = hub.advocateOnShift("maria");
        rosa = hub.advocateOnShiftIn("riverside", "rosa");
    }

    @AfterEach
    void stop() {
        logs.close();
    }

    /** A program Riverside with its own SMS number, in {@code main}'s directory as the partner p-river. */
    static HostedProgram riversideAsPartnerOf(TestHub hub, HostedProgram main) throws Exception {
        HostedProgram riverside = hub.addProgramWithNumbers("riverside", "Riverside", RIVERSIDE_NUMBER, null);
        await(main.settings().save(main.settings().get().withPartners(List.of(new Partner("p-river", "Riverside Shelter",
                List.of("shelter"), List.of("English", "Spanish"), null, null, null, null, "riverside", null)))));
        return riverside;
    }

    static String canary() {
        // No dashes: a parser quoting a bad token quotes it whole.
        return "canary" + UUID.randomUUID().toString().replace("-", "");
    }

    void text(String from, String body) throws Exception {
        assertEquals(200, hub.twilioWebhook("/sms/twilio", FakeTwilio.inboundText(from, FakeTwilio.FROM, body)).statusCode());
    }

    /** A texter at main whose chat maria holds, both having said {@code canary}, offered Riverside; returns the chat's id. */
    String offeredToTexter(String texter, String canary, String reason) throws Exception {
        text(texter, "I live at " + canary + ", he reads my phone");
        String id = maria.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty())
                .getJsonArray("items").getJsonObject(0).getString("conversation");
        maria.send("accept", "conversation", id);
        maria.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        maria.send("message", "conversation", id, "clientId", "m1", "text", "I won't call you at " + canary);
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains(canary));
        maria.send("referral.propose", "conversation", id, "partner", "p-river", "reason", reason);
        maria.awaitMatching("referral", f -> "offered".equals(f.getString("state")));
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains("Riverside Shelter"));
        return id;
    }

    @Test
    void aTexterMovedWithTheirTranscriptLeavesNoTraceOnceBothChatsEnd() throws Exception {
        String texter = FakeTwilio.newNumber();
        String before = canary();
        String reason = canary();
        String after = canary();
        String first = offeredToTexter(texter, before, "They have a bed near " + reason);

        text(texter, "SHARE");
        assertEquals("referred", maria.awaitMatching("ended", e -> first.equals(e.getString("conversation"))).getString("reason"));
        String moved = rosa.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty())
                .getJsonArray("items").getJsonObject(0).getString("conversation");
        rosa.send("accept", "conversation", moved);
        JsonObject shown = rosa.awaitMatching("conversation", c -> moved.equals(c.getString("conversation")));
        assertTrue(shown.getJsonArray("messages").encode().contains(before), "the transcript travelled: " + shown.encode());
        text(texter, "Now I am at " + after);
        rosa.awaitMatching("message", m -> m.getString("text").contains(after));
        rosa.send("message", "conversation", moved, "clientId", "r1", "text", "Rosa here. Noted: " + after);
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().contains(after));
        List<String> secrets = List.of(before, reason, after, texter.substring(2));
        assertTrue(liveHolds(before) && liveHolds(after) && liveHolds(texter.substring(2)), "the live store holds the chat while it lasts");

        rosa.send("end", "conversation", moved);
        rosa.awaitMatching("ended", e -> moved.equals(e.getString("conversation")));
        twilio.awaitDelivered(s -> s.to().equals(texter) && s.body().startsWith("This conversation has ended"));
        assertNoTrace(secrets, List.of(first, moved));
    }

    @Test
    void aWebChatMovedWithItsTranscriptLeavesNoTraceOnceBothChatsEnd() throws Exception {
        String before = canary();
        String reason = canary();
        String after = canary();
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started");
        String first = started.getString("conversation");
        survivor.send("message", "clientId", "s1", "text", "I live at " + before);
        survivor.await("ack");
        maria.send("accept", "conversation", first);
        maria.awaitMatching("conversation", c -> first.equals(c.getString("conversation")));
        maria.send("message", "conversation", first, "clientId", "m1", "text", "I won't call you at " + before);
        maria.await("ack");
        maria.send("referral.propose", "conversation", first, "partner", "p-river", "reason", "They have a bed near " + reason);
        String offer = survivor.await("referral.offer").getString("offer");

        survivor.send(new JsonObject().put("type", "referral.answer").put("offer", offer).put("accept", true).put("share", "transcript"));
        JsonObject moved = survivor.await("moved");
        String there = moved.getString("conversation");
        WsClient resumed = WsClient.connect(hub.vertx, hub.port(), "/ws/survivor?program=riverside", null, null);
        resumed.send("resume", "token", moved.getString("token"), "lastSeq", 0);
        resumed.await("resumed");
        rosa.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        rosa.send("accept", "conversation", there);
        JsonObject shown = rosa.awaitMatching("conversation", c -> there.equals(c.getString("conversation")));
        assertTrue(shown.getJsonArray("messages").encode().contains(before), "the transcript travelled: " + shown.encode());
        resumed.await("assigned");
        resumed.send("message", "clientId", "s2", "text", "Now I am at " + after);
        rosa.awaitMatching("message", m -> m.getString("text").contains(after));
        rosa.send("message", "conversation", there, "clientId", "r1", "text", "Rosa here. Noted: " + after);
        resumed.awaitMatching("message", m -> m.getString("text").contains("Rosa here"));
        String token = moved.getString("token");
        String firstToken = started.getString("token");
        List<String> secrets = List.of(before, reason, after, token, Ids.sha256Hex(token), firstToken, Ids.sha256Hex(firstToken));
        assertTrue(liveHolds(before) && liveHolds(after) && liveHolds(Ids.sha256Hex(token)), "the live store holds the chat while it lasts");

        rosa.send("end", "conversation", there);
        assertEquals("advocate", resumed.await("ended").getString("reason"));
        assertNoTrace(secrets, List.of(first, there));
    }

    /** Whether either program's live store holds the text. */
    boolean liveHolds(String text) {
        return List.of(main, riverside).stream()
                .anyMatch(p -> ((InMemoryLiveStore) LoopConfined.target(p.live())).containsText(text));
    }

    /** Whether a settings store outside the data directory (none here) holds the text. */
    boolean settingsHold(String text) {
        return false;
    }

    void assertNoTrace(List<String> secrets, List<String> ids) throws Exception {
        // Marks beside an ended chat are taken as its end is relayed, and the end is counted and audited after it.
        for (String secret : secrets) Eventually.until("the live store lets go of " + secret, () -> !liveHolds(secret));
        Eventually.until("rosa's end is audited", () -> await(riverside.store().auditEntries(0, 100)).stream()
                .map(AuditEntry::record).anyMatch(r -> r.action().equals("conversation.end")));
        List<String> idsToo = new ArrayList<>(secrets);
        idsToo.addAll(ids);
        DataFiles.read(hub.dataDir).forEach((file, content) -> {
            for (String secret : idsToo) assertFalse(content.contains(secret), file + " contains " + secret);
        });
        for (String secret : idsToo) assertFalse(settingsHold(secret), "the settings store holds " + secret);
        String logged = log.all();
        assertTrue(logged.contains("org.hearthhub"), "the capture hears the hub");
        for (String secret : secrets) assertFalse(logged.contains(secret), "the log output contains " + secret);
    }

}
