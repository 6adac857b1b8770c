package org.hearthhub.privacy;

import io.vertx.core.json.JsonObject;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What survivors do leaves nothing on the hub's disk but the day's counters: however many anonymous chats
 * start and end (by the survivor, by quick exit, by timeout), the data directory does not grow with them
 * and holds no conversation id. Staff actions on a chat are audited, to the minute and by channel only.
 */
class AnonymousChatsTest {
    // A one-minute idle timeout, and no hub-wide start limit in the way of a hundred chats in a row.
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().env("HEARTH_RETENTION_IDLE_TIMEOUT_MINUTES", "1")
            .env("HEARTH_LIMITS_STARTS_PER_MINUTE", "1000000");
    TestHub hub;

    @Test
    void aHundredAnonymousChatsLeaveOnlyTheDailyCounters() throws Exception {
        Map<Path, Long> before = filesAndSizes();
        List<String> ids = new ArrayList<>();

        for (int i = 0; i < 10; i++) ids.add(anonymousChat(i));
        awaitContactsCounted(10);
        Map<Path, Long> afterTen = filesAndSizes();
        for (int i = 10; i < 100; i++) ids.add(anonymousChat(i));
        awaitContactsCounted(100);
        Map<Path, Long> afterHundred = filesAndSizes();

        List<Path> added = afterHundred.keySet().stream().filter(p -> !before.containsKey(p)).toList();
        assertFalse(added.isEmpty(), "the day's counters were written");
        for (Path p : added) assertTrue(p.startsWith(Path.of("programs", "main", "stats")), "only daily counters are new: " + added);
        assertEquals(afterTen.keySet(), afterHundred.keySet(), "no file appeared between ten and a hundred chats");
        long growth = total(afterHundred) - total(afterTen);
        assertTrue(growth < 64, "ninety more chats grew the data directory by " + growth + " bytes (counters gaining a digit at most)");
        assertNoFileContains(ids);
    }

    /** One anonymous chat, never answered, ended in turn by each way a survivor's chat can end without staff. */
    private String anonymousChat(int i) throws Exception {
        try (WsClient survivor = hub.survivor()) {
            survivor.send("start", "lang", "en");
            String id = survivor.await("started").getString("conversation");
            if (i % 5 != 2) {
                survivor.send("message", "clientId", "m" + i, "text", "is anyone there?");
                survivor.await("ack");
            }
            switch (i % 5) {
                case 0, 4 -> {
                    survivor.send("end");
                    assertEquals("survivor", survivor.await("ended").getString("reason"));
                }
                case 1, 2 -> {
                    survivor.send("exit");
                    assertEquals("quick_exit", survivor.await("ended").getString("reason"));
                }
                default -> {
                    hub.clock.advance(hub.hub.conversations().timeouts().idleTimeout().plus(Duration.ofMinutes(1)));
                    assertEquals(1, TestHub.await(hub.hub.conversations().timeouts().sweep()));
                    assertEquals("timeout", survivor.await("ended").getString("reason"));
                }
            }
            return id;
        }
    }

    @Test
    void staffAcceptAndEndAreAuditedToTheMinuteWithoutTheConversation() throws Exception {
        hub.clock.advance(Duration.ofSeconds(37).plusNanos(123_456_789));
        WsClient maria = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started");
        String id = started.getString("conversation");
        maria.send("accept", "conversation", id);
        maria.await("conversation");
        maria.send("end", "conversation", id);
        maria.await("ended");
        awaitContactsCounted(1);
        List<AuditEntry> conversationEvents = awaitConversationEvents(2);
        assertEquals(List.of("conversation.accept", "conversation.end"), conversationEvents.stream().map(e -> e.record().action()).toList());
        for (AuditEntry e : conversationEvents) {
            assertEquals("maria", e.record().actor());
            assertEquals(hub.clock.instant().truncatedTo(ChronoUnit.MINUTES), e.record().at(), "to the minute: " + e);
            assertEquals("web", e.record().target(), "the channel, not the conversation");
        }
        assertEquals("advocate", conversationEvents.get(1).record().detail(), "why it ended");
        assertNoFileContains(List.of(id, started.getString("token")));
        maria.close();
        survivor.close();
    }

    /** The end's entry is written after the end, beside its statistics: wait for it. */
    private List<AuditEntry> awaitConversationEvents(int count) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            List<AuditEntry> events = TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000)).stream()
                    .filter(e -> e.record().action().startsWith("conversation.")).toList();
            if (events.size() >= count || System.currentTimeMillis() > deadline) return events;
            Thread.sleep(20);
        }
    }

    /** Statistics are written after each end: wait until the day counts them all, so every write has landed. */
    private void awaitContactsCounted(long contacts) throws Exception {
        LocalDate today = LocalDate.ofInstant(hub.clock.instant(), ZoneOffset.UTC);
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Map<String, Long> counters = TestHub.await(hub.hub.settingsStore().dailyCounters(today, today)).getOrDefault(today, Map.of());
            if (counters.getOrDefault("contacts.web", 0L) == contacts) return;
            Thread.sleep(20);
        }
        fail("the day never counted " + contacts + " contacts");
    }

    private Map<Path, Long> filesAndSizes() throws IOException {
        Map<Path, Long> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(hub.dataDir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) out.put(hub.dataDir.relativize(p), Files.size(p));
        }
        return out;
    }

    private static long total(Map<Path, Long> files) {
        return files.values().stream().mapToLong(Long::longValue).sum();
    }

    private void assertNoFileContains(List<String> secrets) throws IOException {
        for (Path file : filesAndSizes().keySet()) {
            String content = new String(Files.readAllBytes(hub.dataDir.resolve(file)), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) assertFalse(content.contains(secret), file + " contains " + secret);
        }
    }
}
