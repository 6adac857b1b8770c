package org.hearthhub.settings;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditHash;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.audit.ChainCheck;
import org.hearthhub.audit.ChainVerifier;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Role;
import org.hearthhub.redis.RedisUnavailableException;
import org.hearthhub.testing.FlakyNetwork;
import org.hearthhub.testing.GeneratedAuditLog;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        StarterCannedResponsesCheck.assertStarterSet(defaults);

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
        assertAllInOneChain(appends);
    }

    /**
     * A node nearer Redis, working down a burst, wins nearly every race against one whose link is slower:
     * the far node's append misses for as long as the burst lasts, hundreds of times (a cap of 50 attempts
     * lost it), and then lands.
     */
    @Test
    void aFartherNodeLosesNoEntryWhileANearerOneBursts(Vertx vertx) throws Exception {
        try (FlakyNetwork slowLink = FlakyNetwork.startSlow(vertx, 1)) {
            slowLink.forwardTo(redis.port());
            RedisSettingsStore farNode = await(RedisSettingsStore.connect(vertx, "redis://127.0.0.1:" + slowLink.port(), "main", CLOCK));
            try {
                await(nodeA.appendAudit(record(NOW, "warm-up"))); // the burst below starts at once, not after a read of the tail
                List<Future<AuditEntry>> appends = new ArrayList<>();
                for (int i = 0; i < 1000; i++) appends.add(nodeA.appendAudit(record(NOW, "near " + i)));
                for (int i = 0; i < 5; i++) appends.add(farNode.appendAudit(record(NOW, "far " + i)));
                Future.all(appends).await(60, TimeUnit.SECONDS);
                List<AuditEntry> entries = await(nodeA.auditEntries(0, 10_000));
                assertEquals(1006, entries.size());
                assertEquals(ChainCheck.INTACT, AuditLog.verify(entries));
                for (Future<AuditEntry> f : appends) assertEquals(f.result(), entries.get((int) f.result().seq() - 1));
            } finally {
                await(farNode.close());
            }
        }
    }

    /** One node's appends never race each other: each runs one compare-and-set, and none misses. */
    @Test
    void aNodesOwnAppendsAtOnceEachNeedOneScriptRun() throws Exception {
        await(nodeA.appendAudit(record(NOW, "first"))); // Redis now holds the script, so no EVAL follows a NOSCRIPT
        redis.inspect(r -> r.configResetstat());
        List<Future<AuditEntry>> appends = new ArrayList<>();
        for (int i = 0; i < 300; i++) appends.add(nodeA.appendAudit(record(NOW, "a" + i)));
        await(Future.all(appends));
        assertEquals(300, scriptRunsByHash());
        assertEquals(ChainCheck.INTACT, AuditLog.verify(await(nodeA.auditEntries(0, 1000))));
        assertEquals(301, appends.get(299).result().seq());
    }

    @Test
    void anAppendThatFailsDoesNotHoldUpTheOnesBehindIt() throws Exception {
        await(nodeA.appendAudit(record(NOW, "before")));
        Future<AuditEntry> timedOut;
        Future<AuditEntry> queued;
        redis.freeze();
        try {
            timedOut = nodeA.appendAudit(record(NOW, "while frozen"));
            queued = nodeA.appendAudit(record(NOW, "queued behind it"));
            assertThrows(RedisUnavailableException.class, () -> timedOut.await(10, TimeUnit.SECONDS), "the command timeout");
            assertFalse(queued.isComplete());
        } finally {
            redis.thaw();
        }
        AuditEntry next = await(queued);
        AuditEntry fromB = await(nodeB.appendAudit(record(NOW, "then node B")));
        // The timed-out script may still run once Redis wakes (a timeout cannot tell): the chain holds either way.
        List<AuditEntry> entries = await(nodeA.auditEntries(0, 100));
        assertEquals(ChainCheck.INTACT, AuditLog.verify(entries));
        assertEquals(List.of(next, fromB), entries.subList(entries.size() - 2, entries.size()));
    }

    /** Every append succeeded, and together they are the whole log: seq 1, 2, … from the genesis hash, unbroken. */
    private void assertAllInOneChain(List<Future<AuditEntry>> appends) throws Exception {
        await(Future.all(appends));
        List<AuditEntry> entries = await(nodeA.auditEntries(0, 10_000));
        assertEquals(LongStream.rangeClosed(1, appends.size()).boxed().toList(), entries.stream().map(AuditEntry::seq).toList());
        assertEquals(AuditHash.GENESIS, entries.get(0).prevHash());
        assertEquals(ChainCheck.INTACT, AuditLog.verify(entries));
        for (Future<AuditEntry> f : appends) assertEquals(f.result(), entries.get((int) f.result().seq() - 1));
    }

    /** EVALSHA calls since the last CONFIG RESETSTAT. */
    private static long scriptRunsByHash() {
        long[] calls = new long[1];
        redis.inspect(r -> {
            Matcher m = Pattern.compile("cmdstat_evalsha:calls=(\\d+)").matcher(r.info("commandstats"));
            calls[0] = m.find() ? Long.parseLong(m.group(1)) : 0;
        });
        return calls[0];
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
        assertEquals(3, await(nodeB.pruneAudit(30, AuditCap.NONE)));
        List<AuditEntry> kept = await(nodeA.auditEntries(0, 100));
        assertEquals(List.of(4L, 5L), kept.stream().map(AuditEntry::seq).toList());
        assertEquals(ChainCheck.INTACT, AuditLog.verify(kept));
        assertEquals(List.of(5L), await(nodeA.auditEntries(5, 100)).stream().map(AuditEntry::seq).toList());

        // nodeA still believes in the tail it wrote; nodeB appends first, so nodeA must chain again
        await(nodeB.appendAudit(record(NOW, "from b")));
        assertEquals(7, await(nodeA.appendAudit(record(NOW, "from a"))).seq());
        assertEquals(ChainCheck.INTACT, AuditLog.verify(await(nodeA.auditEntries(0, 100))));

        await(nodeA.appendAudit(record(NOW.minus(Duration.ofDays(90)), "late clock")));
        assertEquals(0, await(nodeA.pruneAudit(1000, AuditCap.NONE)));
        assertInstanceOf(IllegalArgumentException.class, nodeA.pruneAudit(0, AuditCap.NONE).cause());
    }

    @Test
    void anOldLogIsMeasuredOnceThenKeptInStepAndPastTheCapItsOldestEntriesGo() throws Exception {
        // Written as a log from before the byte count existed: no count beside it.
        GeneratedAuditLog.intoRedis(redis, 3000, NOW.minus(Duration.ofDays(10)), Duration.ofMinutes(1));
        assertEquals(listedBytes(), await(nodeA.auditBytes()));

        await(nodeB.appendAudit(record(NOW, "after the count")));
        assertEquals(listedBytes(), await(nodeA.auditBytes()), "each append adds its bytes");

        long before = await(nodeA.auditBytes());
        AuditCap cap = new AuditCap(before / 2);
        int dropped = await(nodeB.pruneAudit(365, cap));
        long after = await(nodeA.auditBytes());
        assertEquals(listedBytes(), after, "a trim takes its bytes off");
        assertTrue(after <= cap.maxBytes() / 10 * 9 && after > cap.maxBytes() / 10 * 9 - 400, "back to 90 % of the cap: " + after);
        assertEquals(dropped + 1, await(nodeA.auditEntries(0, 1)).get(0).seq(), "the oldest went first");
        assertEquals(3001, await(nodeA.auditEntries(3001, 1)).get(0).seq(), "the newest stays");
        assertEquals(ChainCheck.INTACT, await(nodeA.scanAudit(ChainVerifier::new)).result());
        assertEquals(0, await(nodeA.pruneAudit(365, cap)), "back under the cap, nothing more goes");
    }

    /** The bytes of every entry in the list, as Redis holds them. */
    private static long listedBytes() {
        long[] total = new long[1];
        redis.inspect(r -> r.lrange("hearth:{main}:audit", 0, -1).forEach(l -> total[0] += l.getBytes(StandardCharsets.UTF_8).length));
        return total[0];
    }

    @Test
    void pruningFromBothNodesAtOnceDropsEachEntryOnce() throws Exception {
        for (int i = 0; i < 1200; i++) await(nodeA.appendAudit(record(NOW.minus(Duration.ofDays(100)), null)));
        await(nodeA.appendAudit(record(NOW, null)));
        Future<Integer> a = nodeA.pruneAudit(30, AuditCap.NONE);
        Future<Integer> b = nodeB.pruneAudit(30, AuditCap.NONE);
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
    void onlyTheFirstOfTwoRacingFirstAccountSavesIsKept() throws Exception {
        Future<Boolean> a = nodeA.saveFirstAccount(account("lead"));
        Future<Boolean> b = nodeB.saveFirstAccount(account("lead").withPasswordHash("other"));
        await(Future.join(a, b));
        assertEquals(1, (a.result() ? 1 : 0) + (b.result() ? 1 : 0));
        assertEquals(a.result() ? "$argon2id$hash" : "other", await(nodeA.account("lead")).orElseThrow().passwordHash());

        assertFalse(await(nodeB.saveFirstAccount(account("someone-else"))), "any existing account blocks it");
        assertEquals(1, await(nodeA.accounts()).size());
        assertInstanceOf(IllegalArgumentException.class, nodeA.saveFirstAccount(account(" ")).cause());
    }

    @Test
    void aSettingsSaveIsAnnouncedByVersionNumberWithoutItsContent() throws Exception {
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisPubSubConnection<String, String> listener = client.connectPubSub()) {
            listener.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    notices.add(channel + " " + message);
                }
            });
            listener.sync().subscribe("hearth:{main}:settings-changed");

            ProgramSettings defaults = await(nodeA.programSettings());
            await(nodeA.saveProgramSettings(defaults.withReferrals(Map.of("en", List.of(new Referral("Secret shelter", "555-0199", null, null))))));
            await(nodeB.saveProgramSettings(defaults));

            assertEquals("hearth:{main}:settings-changed 1", notices.poll(5, TimeUnit.SECONDS));
            assertEquals("hearth:{main}:settings-changed 2", notices.poll(5, TimeUnit.SECONDS));
            redis.inspect(r -> assertEquals("2", r.get("hearth:{main}:settingsVersion")));
        } finally {
            client.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void watchersHearOfChangesFromEitherNodeOnTheirOwnContext(Vertx vertx) throws Exception {
        AtomicInteger heard = new AtomicInteger();
        Context watcherContext = vertx.getOrCreateContext();
        List<Boolean> onWatcherContext = new CopyOnWriteArrayList<>();
        Promise<Void> watching = Promise.promise();
        watcherContext.runOnContext(x -> nodeB.watchProgramSettings(() -> {
            onWatcherContext.add(Vertx.currentContext() == watcherContext);
            heard.incrementAndGet();
        }).onComplete(watching));
        await(watching.future());
        awaitCount(heard, 1); // the subscription itself: a change made before it would otherwise be missed

        await(nodeA.saveProgramSettings(await(nodeA.programSettings())));
        awaitCount(heard, 2);
        await(nodeB.saveProgramSettings(await(nodeB.programSettings())));
        awaitCount(heard, 3);
        assertFalse(onWatcherContext.contains(false), "every call runs on the watcher's context");
    }

    private static void awaitCount(AtomicInteger counter, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (counter.get() < expected && System.nanoTime() < deadline) Thread.sleep(5);
        assertEquals(expected, counter.get());
    }

    @Test
    void itsLocationNamesHostAndPortOnly() {
        assertEquals("settings Redis at 127.0.0.1:" + redis.port(), nodeA.location());
    }

    @Test
    void aProgramIdThatIsNotASlugIsRefused(Vertx vertx) {
        Future<RedisSettingsStore> f = RedisSettingsStore.connect(vertx, redis.url(), "{other}", CLOCK);
        assertTrue(f.failed());
        assertTrue(f.cause().getMessage().contains("program id"));
    }
}
