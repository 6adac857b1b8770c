package org.hearthhub.privacy;

import io.vertx.core.json.JsonObject;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LoopConfined;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.DataFiles;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/privacy.md: once a chat ends, nothing of what was said, and not its resume token, is left in the
 * live store, in any file under the data directory, or in the log output, however the chat ended.
 */
class CanaryPurgeTest {
    /** Ends that a staff member chose, the only ones the audit log records. */
    private static final List<String> STAFF_ENDS = List.of("advocate", "blocked", "safety_exit");

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    TestHub hub;
    private final LogCapture log = capture();
    private Level rootLevel;

    @BeforeEach
    void start() throws Exception {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(log);
        hub = hubs.start(); // after the log capture, so it hears the start too
    }

    @AfterEach
    void stop() throws Exception {
        try {
            hub.close();
        } finally {
            Logger root = Logger.getLogger("");
            root.removeHandler(log);
            root.setLevel(rootLevel);
        }
    }

    private InMemoryLiveStore live() {
        return (InMemoryLiveStore) LoopConfined.target(hub.hub.liveStore());
    }

    /** A chat in which both sides said something unique, seen in the live store before it ends. */
    private record Chat(WsClient survivor, WsClient advocate, String id, String token, String canary) {
    }

    private Chat chatWithCanaries(boolean accepted) throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started");
        String id = started.getString("conversation");
        String token = started.getString("token");

        survivor.send("message", "clientId", "s1", "text", "I live at " + canary + ", please don't call");
        survivor.await("ack");
        if (accepted) {
            advocate.send("accept", "conversation", id);
            advocate.await("conversation");
            survivor.await("assigned");
            advocate.send("message", "conversation", id, "clientId", "a1", "text", "Understood, I won't call " + canary);
            advocate.await("ack");
            assertTrue(survivor.await("message").getString("text").contains(canary));
        }

        // The checks below can fail: while the chat lives, its text and token hash are in the store.
        assertTrue(live().containsText(canary), "the live store holds the chat's text while it lasts");
        assertTrue(live().containsText(Ids.sha256Hex(token)), "the live store holds the token's hash while it lasts");
        assertFalse(live().containsText(token), "only the hash of the token is kept, even while the chat lives");
        return new Chat(survivor, advocate, id, token, canary);
    }

    private void assertNoTraceAfterEnd(Chat chat, String reason) throws Exception {
        assertEquals(reason, chat.survivor().await("ended").getString("reason"));
        assertNull(TestHub.await(hub.hub.liveStore().conversation(chat.id())));
        assertTrue(TestHub.await(hub.hub.liveStore().messagesAfter(chat.id(), 0)).isEmpty());
        for (String secret : secrets(chat)) {
            assertFalse(live().containsText(secret), "live store still holds " + secret);
        }

        // Statistics, and the audit entry of a staff member's end, are written after the end: wait, then
        // read every file. Not even the conversation's id may be there.
        if (STAFF_ENDS.contains(reason)) awaitTrue(() -> auditHasEnd(reason), "the end is audited");
        awaitTrue(() -> endCounted(reason), "the end is counted");
        Map<Path, String> files = DataFiles.read(hub.dataDir);
        assertFalse(files.isEmpty(), "the data directory has accounts, audit and statistics files to search");
        List<String> secretsAndId = new ArrayList<>(secrets(chat));
        secretsAndId.add(chat.id());
        files.forEach((file, content) -> {
            for (String secret : secretsAndId) {
                assertFalse(content.contains(secret), file + " contains " + secret);
            }
        });

        String logged = log.all();
        assertTrue(logged.contains("org.hearthhub"), "the log capture sees the hub's own records");
        for (String secret : secrets(chat)) {
            assertFalse(logged.contains(secret), "the log output contains " + secret);
        }

        WsClient again = hub.survivor();
        again.send("resume", "token", chat.token(), "lastSeq", 0);
        assertEquals("unknown_token", again.await("error").getString("code"), "the token no longer resumes anything");
    }

    private static List<String> secrets(Chat chat) {
        return List.of(chat.canary(), chat.token(), Ids.sha256Hex(chat.token()));
    }

    private boolean auditHasEnd(String reason) {
        try {
            List<AuditEntry> entries = TestHub.await(hub.hub.settingsStore().auditEntries(0, 10_000));
            return entries.stream().anyMatch(e -> e.record().action().equals("conversation.end") && reason.equals(e.record().detail()));
        } catch (Exception e) {
            return false;
        }
    }

    private boolean endCounted(String reason) {
        try {
            LocalDate today = hub.clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
            Map<LocalDate, Map<String, Long>> days = TestHub.await(hub.hub.settingsStore()
                    .dailyCounters(today.minusDays(1), today.plusDays(1)));
            return days.values().stream().anyMatch(counters -> counters.containsKey("end." + reason));
        } catch (Exception e) {
            return false;
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) fail("timed out waiting until " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void chatEndedBySurvivorLeavesNoTrace() throws Exception {
        Chat chat = chatWithCanaries(true);
        chat.survivor().send("end");
        assertNoTraceAfterEnd(chat, "survivor");
    }

    @Test
    void chatEndedByAdvocateLeavesNoTrace() throws Exception {
        Chat chat = chatWithCanaries(true);
        chat.advocate().send("end", "conversation", chat.id());
        assertNoTraceAfterEnd(chat, "advocate");
    }

    @Test
    void chatEndedByTimeoutLeavesNoTrace() throws Exception {
        Chat chat = chatWithCanaries(true);
        hub.clock.advance(hub.hub.conversations().timeouts().idleTimeout().plus(Duration.ofMinutes(1)));
        assertEquals(1, TestHub.await(hub.hub.conversations().timeouts().sweep()));
        assertNoTraceAfterEnd(chat, "timeout");
    }

    @Test
    void chatEndedByQuickExitLeavesNoTrace() throws Exception {
        Chat chat = chatWithCanaries(true);
        chat.survivor().send("exit");
        assertNoTraceAfterEnd(chat, "quick_exit");
    }

    @Test
    void queuedChatLeftByQuickExitLeavesNoTrace() throws Exception {
        Chat chat = chatWithCanaries(false);
        chat.survivor().send("exit");
        assertNoTraceAfterEnd(chat, "quick_exit");
    }

    @Test
    void chatEndedByBlockLeavesNoTrace() throws Exception {
        Chat chat = chatWithCanaries(true);
        chat.advocate().send("block", "conversation", chat.id());
        assertNoTraceAfterEnd(chat, "blocked");
    }

    /** Every record at every level, formatted as production formats it; attached to the root logger by the test. */
    private static LogCapture capture() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        return capture;
    }
}
