package org.hearthhub.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.settings.FileSettingsStore;
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
        for (int i = 1; i <= 5; i++) await(log.record("maria", "settings.save", "hours", "detail-" + i));
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
    void tornLastLineIsIgnoredAndTheChainContinues(Vertx vertx) throws Exception {
        recordFive(vertx);
        Files.writeString(logFile(), "{\"seq\":6,\"record\":{\"at\":\"2026-11-", StandardOpenOption.APPEND);

        assertEquals(5, readAll(vertx).size());
        AuditEntry next = await(new AuditLog(store(vertx), CLOCK).record("maria", "login", "maria", null));
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
        AuditEntry next = await(new AuditLog(store(vertx), CLOCK).record("maria", "login", "maria", null));
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
        assertThrows(IllegalArgumentException.class, () -> await(log.record(" ", "login", null, null)));
        assertThrows(IllegalArgumentException.class, () -> await(log.record("maria", null, null, null)));
    }

    @Test
    void logFileIsJsonLinesWithoutContentFields(Vertx vertx) throws Exception {
        recordFive(vertx);
        List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).startsWith("{\"seq\":1,"), lines.get(0));
    }
}
