package org.hearthhub.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.RedisSettingsStore;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes, each with its own Vert.x, settings connection and data directory, starting together on
 * one empty settings Redis: exactly one first lead and one password file, however the race falls.
 */
class FirstLeadRaceTest {
    private static final java.time.Clock CLOCK = java.time.Clock.systemUTC();

    private static final int ROUNDS = 25;

    @TempDir
    static Path redisDir;
    static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start(redisDir, "--appendonly", "yes");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Test
    void twoNodesStartingTogetherCreateOneLeadAndOnePasswordFile(@TempDir Path dataDirs) throws Exception {
        Vertx vertxA = Vertx.vertx();
        Vertx vertxB = Vertx.vertx();
        int roundsWhereBothTried = 0;
        try (LogCapture logs = LogCapture.install()) {
            RedisSettingsStore storeA = await(RedisSettingsStore.connect(vertxA, redis.url(), "main", Clock.systemUTC()));
            RedisSettingsStore storeB = await(RedisSettingsStore.connect(vertxB, redis.url(), "main", Clock.systemUTC()));
            PasswordHasher hasherA = TestConfigs.cheapHasher(vertxA);
            PasswordHasher hasherB = TestConfigs.cheapHasher(vertxB);
            for (int round = 0; round < ROUNDS; round++) {
                redis.flushAll();
                Path dirA = dataDirs.resolve(round + "-a");
                Path dirB = dataDirs.resolve(round + "-b");
                int logLinesBefore = logs.lines().size();

                Future<Boolean> a = FirstLeadBootstrap.ensureLead(storeA, hasherA, dirA, CLOCK).map(FirstLead::created);
                Future<Boolean> b = FirstLeadBootstrap.ensureLead(storeB, hasherB, dirB, CLOCK).map(FirstLead::created);
                await(Future.all(a, b));

                assertTrue(a.result() ^ b.result(), "round " + round + ": exactly one node created the lead");
                Path winnerDir = a.result() ? dirA : dirB;
                Path loserDir = a.result() ? dirB : dirA;
                assertFalse(Files.exists(loserDir.resolve(FirstLeadBootstrap.PASSWORD_FILE)), "round " + round);
                List<Account> accounts = await(storeA.accounts());
                assertEquals(List.of(FirstLeadBootstrap.USERNAME), accounts.stream().map(Account::username).toList());
                String password = Files.readString(winnerDir.resolve(FirstLeadBootstrap.PASSWORD_FILE)).strip();
                assertTrue(hasherA.verifyNow(password, accounts.get(0).passwordHash()),
                        "round " + round + ": the one password file opens the one account");

                List<String> roundLogs = new ArrayList<>(logs.lines().subList(logLinesBefore, logs.lines().size()));
                assertEquals(1, roundLogs.stream().filter(l -> l.contains("Created the first lead account")).count(), roundLogs::toString);
                assertFalse(String.join("", roundLogs).contains(password), "no log line holds the password");
                if (roundLogs.stream().anyMatch(l -> l.contains("Another node created the first lead account"))) roundsWhereBothTried++;
            }
            await(storeA.close());
            await(storeB.close());
        } finally {
            vertxA.close().await(10, TimeUnit.SECONDS);
            vertxB.close().await(10, TimeUnit.SECONDS);
        }
        // Both nodes found the store empty and only the atomic save decided: the race this test is about.
        assertTrue(roundsWhereBothTried > 0, "the two nodes never actually raced in " + ROUNDS + " rounds");
    }

    /** A node whose start failed after it made the lead takes it back from the shared store, unless it was changed. */
    @Test
    void aFailedStartTakesBackItsLeadFromTheSharedStoreUnlessSomeoneChangedIt(@TempDir Path dataDir) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            RedisSettingsStore store = await(RedisSettingsStore.connect(vertx, redis.url(), "main", Clock.systemUTC()));
            PasswordHasher hasher = TestConfigs.cheapHasher(vertx);
            redis.flushAll();
            FirstLead made = await(FirstLeadBootstrap.ensureLead(store, hasher, dataDir, CLOCK));
            await(FirstLeadBootstrap.withdraw(made, store, vertx));
            assertEquals(List.of(), await(store.accounts()));
            assertFalse(Files.exists(made.passwordFile()));

            FirstLead again = await(FirstLeadBootstrap.ensureLead(store, hasher, dataDir, CLOCK));
            assertTrue(again.created(), "the next start makes it anew");
            Account chosen = again.account().withPassword(hasher.hashNow("the lead chose this one"), false);
            await(store.saveAccount(chosen)); // signed in on another node and chose a password meanwhile
            await(FirstLeadBootstrap.withdraw(again, store, vertx));
            assertEquals(List.of(chosen.passwordHash()), await(store.accounts()).stream().map(Account::passwordHash).toList(),
                    "an account someone has changed since stays");
            await(store.close());
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }
}
