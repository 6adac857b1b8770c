package org.hearthhub.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.actor.Actor;
import org.hearthhub.config.HubConfig;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.testing.GeneratedAuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

@ExtendWith(VertxExtension.class)
class AuditLogTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    private FileSettingsStore store(Vertx vertx) {
        return new FileSettingsStore(vertx, dataDir, "main", CLOCK);
    }

    private void recordFive(Vertx vertx) throws Exception {
        AuditLog log = new AuditLog(store(vertx), CLOCK);
        for (int i = 1; i <= 5; i++) await(log.record(Actor.staff("maria"), "settings.save", "hours", "detail-" + i));
    }

    private List<AuditEntry> readAll(Vertx vertx) throws Exception {
        return await(store(vertx).auditEntries(0, 1000));
    }

    private Path logFile() {
        return dataDir.resolve("programs/main/audit/audit-2026-11.jsonl");
    }

    @Test
    void entriesChainFromGenesisAndVerify(Vertx vertx) throws Exception {
        recordFive(vertx);
        List<AuditEntry> entries = readAll(vertx);

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), entries.stream().map(AuditEntry::seq).toList());
        assertEquals(AuditHash.GENESIS, entries.get(0).prevHash());
        assertEquals("detail-3", entries.get(2).record().detail());
        assertEquals(ChainCheck.INTACT, AuditLog.verify(entries));
        assertEquals(List.of(3L, 4L), await(store(vertx).auditEntries(3, 2)).stream().map(AuditEntry::seq).toList());
    }

    @Test
    void entryEditedOnDiskBreaksTheChainAtThatEntry(Vertx vertx) throws Exception {
        recordFive(vertx);
        Files.writeString(logFile(), Files.readString(logFile()).replace("detail-3", "detail-X"));

        assertEquals(ChainCheck.brokenAt(3), AuditLog.verify(readAll(vertx)));
    }

    @Test
    void entryDeletedFromTheMiddleBreaksTheChainAfterTheGap(Vertx vertx) throws Exception {
        recordFive(vertx);
        List<String> lines = new ArrayList<>(Files.readAllLines(logFile()));
        lines.remove(2);
        Files.write(logFile(), lines);

        assertEquals(ChainCheck.brokenAt(4), AuditLog.verify(readAll(vertx)));
    }

    @Test
    void firstEntryMustStartFromGenesis(Vertx vertx) throws Exception {
        recordFive(vertx);
        AuditEntry first = readAll(vertx).get(0);
        AuditEntry forged = new AuditEntry(1, first.record(), "f".repeat(64), AuditHash.of("f".repeat(64), 1, first.record()));
        assertEquals(ChainCheck.brokenAt(1), AuditLog.verify(List.of(forged)));
    }

    @Test
    void anEntryByAStaffMemberIsNeverTakenForTheSystemsAndOldEntriesStillReadAndVerify(Vertx vertx) throws Exception {
        FileSettingsStore store = store(vertx);
        // Entries as the hub wrote them before actors had types: plain strings, the system as "system".
        await(store.appendAudit(new AuditRecord(NOW, "system", "signin.failed", null, "unknown-username,count=3")));
        await(store.appendAudit(new AuditRecord(NOW, "maria", "signin", "maria", null)));
        String before = Files.readString(logFile());
        assertTrue(before.contains("\"actor\":\"system\"") && before.contains("\"actor\":\"maria\""), before);

        AuditLog log = new AuditLog(store, CLOCK);
        // An account named "system" from before the name was reserved, and the system itself.
        await(log.record(Actor.staff("system"), "settings.update", "hours", null));
        await(log.record(Actor.Party.SYSTEM, "signin.failed", null, "unknown-username,count=1"));
        await(log.record(Actor.staff("maria"), "signout", "maria", null));

        List<AuditEntry> entries = readAll(vertx);
        assertEquals(ChainCheck.INTACT, AuditLog.verify(entries), "old and new entries chain as one log");
        assertEquals(List.of("system", "maria", "staff:system", "system", "maria"), entries.stream().map(e -> e.record().actor()).toList());
        assertEquals(List.of(Actor.Party.SYSTEM, Actor.staff("maria"), Actor.staff("system"), Actor.Party.SYSTEM, Actor.staff("maria")),
                entries.stream().map(e -> Actor.decode(e.record().actor())).toList());
    }

    @Test
    void tornLastLineIsIgnoredAndTheChainContinues(Vertx vertx) throws Exception {
        recordFive(vertx);
        Files.writeString(logFile(), "{\"seq\":6,\"record\":{\"at\":\"2026-11-", StandardOpenOption.APPEND);

        assertEquals(5, readAll(vertx).size());
        AuditEntry next = await(new AuditLog(store(vertx), CLOCK).record(Actor.staff("maria"), "login", "maria", null));
        assertEquals(6, next.seq());
        List<AuditEntry> entries = readAll(vertx);
        assertEquals(6, entries.size());
        assertEquals(ChainCheck.INTACT, AuditLog.verify(entries));
    }

    @Test
    void lastLineTornInsideAMultiByteCharacterIsIgnored(Vertx vertx) throws Exception {
        recordFive(vertx);
        byte[] torn = "{\"seq\":6,\"record\":{\"detail\":\"se\u00f1".getBytes(StandardCharsets.UTF_8);
        Files.write(logFile(), java.util.Arrays.copyOf(torn, torn.length - 1), StandardOpenOption.APPEND);

        assertEquals(ChainCheck.INTACT, AuditLog.verify(readAll(vertx)));
        assertEquals(5, readAll(vertx).size());
    }

    @Test
    void pruningDropsOldEntriesAndTheRestStillVerifies(Vertx vertx) throws Exception {
        FileSettingsStore store = store(vertx);
        for (int daysAgo : List.of(400, 200, 40, 10, 0)) {
            await(store.appendAudit(new AuditRecord(NOW.minus(Duration.ofDays(daysAgo)), "system", "tick", null, null)));
        }

        assertEquals(3, await(store.pruneAudit(30, AuditCap.NONE)));

        List<AuditEntry> kept = readAll(vertx);
        assertEquals(List.of(4L, 5L), kept.stream().map(AuditEntry::seq).toList());
        assertNotEquals(AuditHash.GENESIS, kept.get(0).prevHash());
        assertEquals(ChainCheck.INTACT, AuditLog.verify(kept));
        try (Stream<Path> files = Files.list(dataDir.resolve("programs/main/audit"))) {
            assertEquals(List.of("audit-2026-11.jsonl"), files.map(p -> p.getFileName().toString()).toList());
        }
        // a restarted hub continues the same chain
        AuditEntry next = await(new AuditLog(store(vertx), CLOCK).record(Actor.staff("maria"), "login", "maria", null));
        assertEquals(6, next.seq());
        assertEquals(ChainCheck.INTACT, AuditLog.verify(readAll(vertx)));
    }

    @Test
    void pruningKeepsTheNewestEntrySoTheChainCanContinue(Vertx vertx) throws Exception {
        FileSettingsStore store = store(vertx);
        await(store.appendAudit(new AuditRecord(NOW.minus(Duration.ofDays(100)), "system", "tick", null, null)));
        await(store.appendAudit(new AuditRecord(NOW.minus(Duration.ofDays(90)), "system", "tick", null, null)));

        assertEquals(1, await(store.pruneAudit(30, AuditCap.NONE)));
        assertEquals(List.of(2L), readAll(vertx).stream().map(AuditEntry::seq).toList());
    }

    @Test
    void anEntryNeedsAnActorAndAnAction(Vertx vertx) {
        AuditLog log = new AuditLog(store(vertx), CLOCK);
        assertThrows(IllegalArgumentException.class, () -> await(log.record(Actor.staff(" "), "login", null, null)));
        assertThrows(IllegalArgumentException.class, () -> await(log.record(Actor.staff("maria"), null, null, null)));
    }

    @Test
    void logFileIsJsonLinesWithoutContentFields(Vertx vertx) throws Exception {
        recordFive(vertx);
        List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).startsWith("{\"seq\":1,"), lines.get(0));
    }

    @Test
    void pagesStartAtTheirSeqWhicheverMonthFileHoldsIt(Vertx vertx) throws Exception {
        // 3000 entries 4 hours apart: 500 days, so 17 monthly files
        GeneratedAuditLog.intoDataDir(dataDir, 3000, NOW.minus(Duration.ofDays(500)), Duration.ofHours(4));
        FileSettingsStore store = store(vertx);
        for (long from : List.of(0L, 1L, 2L, 181L, 1500L, 2999L)) {
            List<Long> expected = LongStream.range(Math.max(1, from), Math.min(3001, Math.max(1, from) + 10)).boxed().toList();
            assertEquals(expected, await(store.auditEntries(from, 10)).stream().map(AuditEntry::seq).toList(), "from " + from);
        }
        assertTrue(await(store.auditEntries(3001, 10)).isEmpty());
        assertEquals(3000, await(store.auditEntries(0, 5000)).size(), "a page may span every file");
    }

    @Test
    void unreadableLinesAreSkippedWhereverAPageStarts(Vertx vertx) throws Exception {
        GeneratedAuditLog.intoDataDir(dataDir, 2000, NOW.minus(Duration.ofDays(10)), Duration.ofMinutes(1));
        Path file = dataDir.resolve("programs/main/audit/audit-2026-11.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(900, "{\"seq\":");
        lines.add(901, "x".repeat(200_000)); // longer than any entry: skipped without being held whole
        Files.write(file, lines);

        FileSettingsStore store = store(vertx);
        assertEquals(LongStream.rangeClosed(895, 905).boxed().toList(),
                await(store.auditEntries(895, 11)).stream().map(AuditEntry::seq).toList());
        assertEquals(ChainCheck.INTACT, await(new AuditLog(store, CLOCK).verify()));
    }

    @Test
    void anEntryRemovedAtAPageBoundaryBreaksTheChainThere(Vertx vertx) throws Exception {
        GeneratedAuditLog.intoDataDir(dataDir, 2500, NOW.minus(Duration.ofDays(3)), Duration.ofMinutes(1));
        Path file = dataDir.resolve("programs/main/audit/audit-2026-11.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(AuditScan.PAGE); // seq PAGE + 1: the first entry of the second page
        Files.write(file, lines);

        assertEquals(ChainCheck.brokenAt(AuditScan.PAGE + 2), await(new AuditLog(store(vertx), CLOCK).verify()));
    }

    @Test
    void aScanOvertakenByAPruneStartsOverAndTheRestStillVerifies(Vertx vertx) throws Exception {
        GeneratedAuditLog.intoDataDir(dataDir, 5000, NOW.minus(Duration.ofDays(10)), Duration.ofMinutes(1));
        FileSettingsStore store = store(vertx);
        long bytes = await(store.auditBytes());
        AtomicBoolean pruned = new AtomicBoolean();
        /** Checks the chain; at the end of the first page, a prune to about a third of the log runs behind its back. */
        final class PruningMidway implements Consumer<AuditEntry> {
            final ChainVerifier chain = new ChainVerifier();

            @Override
            public void accept(AuditEntry e) {
                chain.accept(e);
                if (e.seq() != AuditScan.PAGE || !pruned.compareAndSet(false, true)) return;
                try {
                    store.pruneAudit(3650, new AuditCap(bytes / 3)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        List<PruningMidway> visitors = new ArrayList<>();
        PruningMidway result = await(store.scanAudit(() -> {
            PruningMidway fresh = new PruningMidway();
            visitors.add(fresh);
            return fresh;
        }));

        long firstKept = await(store.auditEntries(0, 1)).get(0).seq();
        assertTrue(firstKept > AuditScan.PAGE + 1, "the prune went past the scan: " + firstKept);
        assertEquals(2, visitors.size(), "the scan started over once");
        assertEquals(ChainCheck.INTACT, result.chain.result());
        assertEquals(5000 - firstKept + 1, result.chain.entries(), "the fresh visitor saw exactly what is left");
    }

    @Test
    void pastTheCapNewEntriesPruneTheOldestWithoutWaitingForTheDailyPrune(Vertx vertx) throws Exception {
        // Entries from the last day, 8 KB short of a 1 MB cap: within it for now.
        long count = GeneratedAuditLog.intoDataDirUpTo(dataDir, AuditCap.MEGABYTE - 8 * 1024, NOW.minus(Duration.ofDays(1)),
                Duration.ofSeconds(10)).seq();
        FileSettingsStore store = store(vertx);
        assertTrue(await(store.auditBytes()) < AuditCap.MEGABYTE, "starts under the cap");
        AuditLog log = new AuditLog(store, CLOCK, new HubConfig.Retention(12, 30, 365, 60, 1));

        for (int i = 0; i < AuditLog.SIZE_CHECK_EVERY * 2; i++) await(log.record(Actor.staff("lena"), "settings.update", "hours", null));

        long deadline = System.currentTimeMillis() + 10_000;
        while (await(store.auditEntries(0, 1)).get(0).seq() == 1 && System.currentTimeMillis() < deadline) Thread.sleep(20);
        long firstKept = await(store.auditEntries(0, 1)).get(0).seq();
        assertTrue(firstKept > 1, "the oldest entries went");
        long bytes = await(store.auditBytes());
        assertTrue(bytes <= AuditCap.MEGABYTE && bytes > AuditCap.MEGABYTE * 8 / 10, "back to 90 % of the cap: " + bytes);
        assertEquals(ChainCheck.INTACT, await(log.verify()));
        assertEquals(AuditLog.SIZE_CHECK_EVERY * 2, await(store.auditEntries(count + 1, 1000)).size(), "the newest entries are all kept");
    }

    @Test
    void entriesAreKeptToTheMinuteAndStaffActionsOnAConversationNameItsChannelOnly(Vertx vertx) throws Exception {
        Clock odd = Clock.fixed(NOW.plusSeconds(37).plusNanos(123_456_789), ZoneOffset.UTC);
        AuditLog log = new AuditLog(store(vertx), odd);
        AuditEntry accept = await(log.record(Actor.staff("maria"), "conversation.accept", "web", null));
        AuditEntry careless = await(log.record(Actor.staff("maria"), "conversation.end", "Xk3q9-Zt_4wP0aLmN2bV7c", "advocate"));
        AuditEntry video = await(log.record(Actor.staff("maria"), "video.offer", "sms", null));
        AuditEntry settings = await(log.record(Actor.staff("lena"), "settings.update", "hours", null));

        for (AuditEntry e : List.of(accept, careless, video, settings)) assertEquals(NOW, e.record().at(), e.record().action());
        assertEquals("web", accept.record().target());
        assertNull(careless.record().target(), "a conversation id is never kept, whoever passes one");
        assertEquals("advocate", careless.record().detail());
        assertEquals("sms", video.record().target());
        assertFalse(Files.readString(logFile()).contains("Xk3q9"));
        assertEquals(ChainCheck.INTACT, await(log.verify()));
    }
}
