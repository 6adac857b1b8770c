package org.hearthhub.settings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.model.Role;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.util.HubJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A change to the settings or to an account is made to what is stored and saved in one step against every other
 * save: on Redis a compare-and-set (on the settings' version, on the account as read), so that another node's save
 * in between makes the change be applied again to it; on files the store's one lock. Real redis-server, real files.
 */
class SettingsStoreUpdateTest {
    private static final String SETTINGS_KEY = "hearth:{main}:settings";
    private static final String VERSION_KEY = "hearth:{main}:settingsVersion";
    private static final String ACCOUNTS_KEY = "hearth:{main}:accounts";

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();
    @TempDir
    Path dataDir;

    Vertx vertx;
    RedisSettingsStore nodeA;
    RedisSettingsStore nodeB;
    FileSettingsStore files;

    @BeforeEach
    void open() throws Exception {
        vertx = Vertx.vertx();
        redis.flushAll();
        nodeA = TestHub.await(RedisSettingsStore.connect(vertx, redis.url(), "main", Clock.systemUTC()));
        nodeB = TestHub.await(RedisSettingsStore.connect(vertx, redis.url(), "main", Clock.systemUTC()));
        files = new FileSettingsStore(vertx, dataDir, "main");
    }

    @AfterEach
    void close() throws Exception {
        TestHub.await(nodeA.close());
        TestHub.await(nodeB.close());
        TestHub.await(vertx.close());
    }

    private static UnaryOperator<ProgramSettings> addHoliday(String date) {
        return s -> {
            List<ProgramSettings.Holiday> days = new ArrayList<>(s.holidays());
            days.add(new ProgramSettings.Holiday(LocalDate.parse(date), "closed " + date));
            return s.withHours(s.timeZone(), s.weeklyHours(), days, s.closedWhenUnstaffed());
        };
    }

    private static List<String> holidays(ProgramSettings s) {
        return s.holidays().stream().map(h -> h.date().toString()).sorted().toList();
    }

    private static String version() {
        String[] v = new String[1];
        redis.inspect(r -> v[0] = r.get(VERSION_KEY));
        return v[0];
    }

    @Test
    void anotherNodesSaveBetweenTheReadAndTheWriteIsKept() throws Exception {
        ProgramSettings otherNodes = addHoliday("2026-12-25").apply(TestHub.await(nodeB.programSettings()));
        String otherJson = HubJson.mapper().writeValueAsString(otherNodes);
        AtomicInteger applied = new AtomicInteger();
        // The first time the change is applied, another node's save lands (straight into Redis, as its script
        // would write it) after node A read the settings and before it writes them.
        ProgramSettings saved = TestHub.await(nodeA.updateProgramSettings(s -> {
            if (applied.incrementAndGet() == 1) {
                redis.inspect(r -> {
                    r.set(SETTINGS_KEY, otherJson);
                    r.incr(VERSION_KEY);
                });
            }
            return addHoliday("2027-01-01").apply(s);
        }));

        assertEquals(2, applied.get(), "the change was applied again, to the other node's save");
        assertEquals(List.of("2026-12-25", "2027-01-01"), holidays(saved));
        assertEquals(List.of("2026-12-25", "2027-01-01"), holidays(TestHub.await(nodeB.programSettings())), "both kept");
        assertEquals("2", version(), "the other node's save and this one");
    }

    @Test
    void twoNodesChangingTheSettingsAtOnceLoseNoChange() throws Exception {
        List<Future<ProgramSettings>> updates = new ArrayList<>();
        for (int day = 1; day <= 25; day++) {
            updates.add(nodeA.updateProgramSettings(addHoliday(String.format("2027-01-%02d", day))));
            updates.add(nodeB.updateProgramSettings(addHoliday(String.format("2027-03-%02d", day))));
        }
        TestHub.await(Future.all(updates));
        ProgramSettings stored = TestHub.await(nodeA.programSettings());
        assertEquals(50, stored.holidays().size(), "every change of both nodes: " + holidays(stored));
        assertEquals("50", version());
    }

    @Test
    void aRefusedChangeSavesNothingOnRedis() throws Exception {
        TestHub.await(nodeA.updateProgramSettings(addHoliday("2026-12-25")));
        Refusal refusal = Refusal.badRequest("error.bad_request", "no");
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> nodeA.updateProgramSettings(s -> {
                    throw refusal;
                }).toCompletionStage().toCompletableFuture().get());
        assertSame(refusal, failed.getCause());
        assertEquals("1", version(), "no save was counted");
        assertEquals(List.of("2026-12-25"), holidays(TestHub.await(nodeB.programSettings())));
    }

    @Test
    void onFilesEveryChangeIsMadeToTheOneBeforeIt() throws Exception {
        List<Future<ProgramSettings>> updates = new ArrayList<>();
        for (int day = 1; day <= 30; day++) updates.add(files.updateProgramSettings(addHoliday(String.format("2027-01-%02d", day))));
        TestHub.await(Future.all(updates));
        assertEquals(30, TestHub.await(files.programSettings()).holidays().size());

        Refusal refusal = new Refusal(ErrorCode.CONFLICT, "error.partner.duplicate");
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> files.updateProgramSettings(s -> {
                    throw refusal;
                }).toCompletionStage().toCompletableFuture().get());
        assertSame(refusal, failed.getCause());
        assertEquals(30, TestHub.await(files.programSettings()).holidays().size(), "nothing saved");
    }

    @Test
    void theCacheServesWhatTheUpdateSaved() throws Exception {
        CurrentSettings onA = new CurrentSettings(nodeA);
        TestHub.await(nodeB.updateProgramSettings(addHoliday("2026-12-25"))); // node A has not read it
        ProgramSettings saved = TestHub.await(onA.update(addHoliday("2027-01-01")));
        assertEquals(List.of("2026-12-25", "2027-01-01"), holidays(onA.get()));
        assertTrue(onA.get() == saved);
    }

    // ---- accounts

    private static Account ana() {
        return new Account("ana", "Ana", Role.ADVOCATE, "$argon2id$hash", null, false, 1, List.of("en"), "en",
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    private static Account withCapacity(Account a, int capacity) {
        return new Account(a.username(), a.displayName(), a.role(), a.passwordHash(), a.totpSecret(), a.disabled(), capacity,
                a.languages(), a.uiLanguage(), a.createdAt(), a.mustChangePassword(), a.phone(), a.programs(), a.coalitionAdmin());
    }

    private static Function<Optional<Account>, Account> oneMoreChat() {
        return stored -> {
            Account a = stored.orElseThrow();
            return withCapacity(a, a.capacity() + 1);
        };
    }

    @Test
    void aDisableLandingBetweenTheReadAndTheWriteOfAnotherChangeStands() throws Exception {
        TestHub.await(nodeA.saveAccount(ana()));
        String disabledJson = HubJson.mapper().writeValueAsString(ana().withDisabled(true));
        AtomicInteger applied = new AtomicInteger();
        Account saved = TestHub.await(nodeA.updateAccount("ana", stored -> {
            if (applied.incrementAndGet() == 1) redis.inspect(r -> r.hset(ACCOUNTS_KEY, "ana", disabledJson)); // node B's Disable
            return withCapacity(stored.orElseThrow(), 3);
        }));
        assertEquals(2, applied.get());
        Account stored = TestHub.await(nodeB.account("ana")).orElseThrow();
        assertEquals(saved, stored);
        assertTrue(stored.disabled(), "the Disable stands");
        assertEquals(3, stored.capacity(), "and the change was made to it");
    }

    @Test
    void twoNodesChangingOneAccountAtOnceLoseNoChange() throws Exception {
        TestHub.await(nodeA.saveAccount(ana()));
        List<Future<Account>> updates = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            updates.add(nodeA.updateAccount("ana", oneMoreChat()));
            updates.add(nodeB.updateAccount("ana", oneMoreChat()));
        }
        TestHub.await(Future.all(updates));
        assertEquals(51, TestHub.await(nodeA.account("ana")).orElseThrow().capacity());
    }

    @Test
    void ofTwoNodesCreatingOneNameOneCreatesIt() throws Exception {
        Function<Optional<Account>, Account> create = stored -> {
            if (stored.isPresent()) throw new Refusal(ErrorCode.CONFLICT, "error.username_taken");
            return ana();
        };
        Future<Account> onA = nodeA.updateAccount("ana", create);
        Future<Account> onB = nodeB.updateAccount("ana", create);
        Future.join(onA, onB).otherwiseEmpty().await(10, java.util.concurrent.TimeUnit.SECONDS); // one is refused
        assertEquals(1, (onA.succeeded() ? 1 : 0) + (onB.succeeded() ? 1 : 0), "exactly one created it");
        Throwable refused = onA.failed() ? onA.cause() : onB.cause();
        assertEquals(ErrorCode.CONFLICT, ((Refusal) refused).code());
    }

    @Test
    void aRefusedOrMisnamedAccountChangeSavesNothing() throws Exception {
        for (AccountStore store : List.<AccountStore>of(nodeA, files)) {
            TestHub.await(store.saveAccount(ana()));
            Refusal refusal = Refusal.notFound("error.no_account");
            assertSame(refusal, assertThrows(ExecutionException.class, () -> store.updateAccount("ana", s -> {
                throw refusal;
            }).toCompletionStage().toCompletableFuture().get()).getCause());
            assertInstanceOf(IllegalArgumentException.class, assertThrows(ExecutionException.class,
                    () -> store.updateAccount("ana", s -> new Account("eve", "Eve", Role.ADVOCATE, "$argon2id$hash", null, false, 1, List.of("en"), "en", Instant.parse("2026-12-01T10:00:00Z"))).toCompletionStage().toCompletableFuture().get())
                    .getCause(), "a change must keep the username");
            assertEquals(List.of(ana()), TestHub.await(store.accounts()), store.getClass().getSimpleName());
        }
    }

    @Test
    void onFilesEveryAccountChangeIsMadeToTheOneBeforeIt() throws Exception {
        TestHub.await(files.saveAccount(ana()));
        List<Future<Account>> updates = new ArrayList<>();
        for (int i = 0; i < 30; i++) updates.add(files.updateAccount("ana", oneMoreChat()));
        TestHub.await(Future.all(updates));
        assertEquals(31, TestHub.await(files.account("ana")).orElseThrow().capacity());
    }
}
