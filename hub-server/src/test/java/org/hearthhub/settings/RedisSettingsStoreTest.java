package org.hearthhub.settings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditHash;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.audit.ChainCheck;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.*;

/** The Redis settings store on a real redis-server, written by two nodes at once. */
@ExtendWith(VertxExtension.class)
class RedisSettingsStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    static Path redisDir;
    static RedisServer redis;

    RedisSettingsStore nodeA;
    RedisSettingsStore nodeB;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start(redisDir, "--appendonly", "yes");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void connect(Vertx vertx) throws Exception {
        redis.flushAll();
        nodeA = await(RedisSettingsStore.connect(vertx, redis.url(), "main", CLOCK));
        nodeB = await(RedisSettingsStore.connect(vertx, redis.url(), "main", CLOCK));
    }

    @AfterEach
    void close() throws Exception {
        await(nodeA.close());
        await(nodeB.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    private static Account account(String username) {
        return new Account(username, "Name " + username, Role.ADVOCATE, "$argon2id$hash", null, false, 2,
                List.of("en", "es"), "es", Instant.parse("2026-11-23T10:15:30.123456Z"));
    }

    private static AuditRecord record(Instant at, String detail) {
        return new AuditRecord(at, "maria", "settings.save", "hours", detail);
    }

    @Test
    void accountsAreSharedReplacedAndSorted() throws Exception {
        Account a = account("maria").withDisabled(true);
        await(nodeA.saveAccount(a));
        assertEquals(a, await(nodeB.account("maria")).orElseThrow());
        assertTrue(await(nodeB.account("nobody")).isEmpty());
        await(nodeB.saveAccount(account("ana")));
        await(nodeA.saveAccount(account("maria").withPasswordHash("new")));
        List<Account> all = await(nodeA.accounts());
        assertEquals(List.of("ana", "maria"), all.stream().map(Account::username).toList());
        assertEquals("new", all.get(1).passwordHash());
        assertInstanceOf(IllegalArgumentException.class, nodeA.saveAccount(account(" ")).cause());
    }

    @Test
    void settingsStartFromTheDefaultsWithReferralsAndRoundTrip() throws Exception {
        ProgramSettings defaults = await(nodeA.programSettings());
        assertNull(defaults.weeklyHours());
        assertEquals("911", defaults.referrals().get("es").get(2).phone());

        ProgramSettings settings = new ProgramSettings(
                "America/Chicago",
                List.of(new ProgramSettings.WeeklySlot(5, LocalTime.of(22, 0), LocalTime.of(2, 0))),
                List.of(new ProgramSettings.Holiday(LocalDate.parse("2026-12-25"), "Christmas")),
                Map.of("en", List.of(new Referral("Shelter", "555-0100", "Call us", null))),
                Map.of("es", List.of(new ProgramSettings.CannedResponse("Hola", "¿Cómo puedo ayudarte?"))),
                new ProgramSettings.WidgetLook(Map.of("en", "Chat"), Map.of(), "#123456", "left", "https://example.org"),
                new ProgramSettings.Retention(20, 6, 30));
        await(nodeA.saveProgramSettings(settings));
        assertEquals(settings, await(nodeB.programSettings()));
    }

    @Test
    void twoNodesAppendingAtOnceKeepOneUnbrokenChain() throws Exception {
        List<Future<AuditEntry>> appends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            appends.add(nodeA.appendAudit(record(NOW, "a" + i)));
            appends.add(nodeB.appendAudit(record(NOW, "b" + i)));
        }
        await(Future.all(appends));
        List<AuditEntry> entries = await(nodeA.auditEntries(0, 1000));
        assertEquals(LongStream.rangeClosed(1, 200).boxed().toList(), entries.stream().map(AuditEntry::seq).toList());
        assertEquals(AuditHash.GENESIS, entries.get(0).prevHash());
        assertEquals(ChainCheck.INTACT, AuditLog.verify(entries));
        for (Future<AuditEntry> f : appends) assertEquals(f.result(), entries.get((int) f.result().seq() - 1));
    }

    @Test
    void entriesArePagedBySeq() throws Exception {
        for (int i = 0; i < 10; i++) await(nodeA.appendAudit(record(NOW, "d" + i)));
        assertEquals(List.of(4L, 5L, 6L), await(nodeB.auditEntries(4, 3)).stream().map(AuditEntry::seq).toList());
        assertEquals(List.of(9L, 10L), await(nodeB.auditEntries(9, 100)).stream().map(AuditEntry::seq).toList());
        assertTrue(await(nodeB.auditEntries(11, 100)).isEmpty());
        assertTrue(await(nodeB.auditEntries(1, 0)).isEmpty());
    }

    @Test
    void pruningDropsOldEntriesKeepsTheNewestAndTheChainContinues() throws Exception {
        for (int daysAgo : List.of(400, 200, 40, 10, 0)) await(nodeA.appendAudit(record(NOW.minus(Duration.ofDays(daysAgo)), null)));
        assertEquals(3, await(nodeB.pruneAudit(30)));
        List<AuditEntry> kept = await(nodeA.auditEntries(0, 100));
        assertEquals(List.of(4L, 5L), kept.stream().map(AuditEntry::seq).toList());
        assertEquals(ChainCheck.INTACT, AuditLog.verify(kept));
        assertEquals(List.of(5L), await(nodeA.auditEntries(5, 100)).stream().map(AuditEntry::seq).toList());

        // nodeA still believes in the tail it wrote; nodeB appends first, so nodeA must chain again
        await(nodeB.appendAudit(record(NOW, "from b")));
        assertEquals(7, await(nodeA.appendAudit(record(NOW, "from a"))).seq());
        assertEquals(ChainCheck.INTACT, AuditLog.verify(await(nodeA.auditEntries(0, 100))));

        await(nodeA.appendAudit(record(NOW.minus(Duration.ofDays(90)), "late clock")));
        assertEquals(0, await(nodeA.pruneAudit(1000)));
        assertInstanceOf(IllegalArgumentException.class, nodeA.pruneAudit(0).cause());
    }

    @Test
    void pruningFromBothNodesAtOnceDropsEachEntryOnce() throws Exception {
        for (int i = 0; i < 1200; i++) await(nodeA.appendAudit(record(NOW.minus(Duration.ofDays(100)), null)));
        await(nodeA.appendAudit(record(NOW, null)));
        Future<Integer> a = nodeA.pruneAudit(30);
        Future<Integer> b = nodeB.pruneAudit(30);
        await(Future.join(a, b));
        assertEquals(1200, a.result() + b.result());
        assertEquals(List.of(1201L), await(nodeA.auditEntries(0, 10)).stream().map(AuditEntry::seq).toList());
    }

    @Test
    void dailyCountersFromTwoNodesAllAddUpWithinTheRange() throws Exception {
        LocalDate day = LocalDate.parse("2026-11-23");
        List<Future<Void>> adds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            adds.add((i % 2 == 0 ? nodeA : nodeB).addDailyCounters(day, Map.of("contacts.web", 1L, "lang.en", 2L)));
        }
        await(Future.all(adds));
        await(nodeA.addDailyCounters(day.minusDays(1), Map.of("contacts.sms", 1L)));
        await(nodeA.addDailyCounters(day.plusDays(2), Map.of("contacts.sms", 1L)));
        Map<LocalDate, Map<String, Long>> days = await(nodeB.dailyCounters(day.minusDays(1), day.plusDays(1)));
        assertEquals(List.of(day.minusDays(1), day), List.copyOf(days.keySet()));
        assertEquals(Map.of("contacts.web", 100L, "lang.en", 200L), days.get(day));
    }

    @Test
    void aProgramIdThatIsNotASlugIsRefused(Vertx vertx) {
        Future<RedisSettingsStore> f = RedisSettingsStore.connect(vertx, redis.url(), "{other}", CLOCK);
        assertTrue(f.failed());
        assertTrue(f.cause().getMessage().contains("program id"));
    }
}
