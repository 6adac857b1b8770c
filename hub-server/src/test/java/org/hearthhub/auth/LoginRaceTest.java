package org.hearthhub.auth;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.config.HubConfig;
import org.hearthhub.guard.Source;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.model.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sign-in whose password check is still running when the password is changed (say, because it
 * leaked) must not leave a session behind: ending every session of the account happened before
 * that session existed.
 */
@ExtendWith(VertxExtension.class)
class LoginRaceTest {
    @TempDir
    Path dataDir;

    @Test
    void aSignInCheckedAgainstTheOldPasswordIsUndoneWhenThePasswordChangedMeanwhile(Vertx vertx) throws Exception {
        // A token Argon2 cost: the check is held in its queue below rather than made slow enough for the change to land.
        PasswordHasher hasher = new PasswordHasher(vertx, 1024, 1, 1);
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        Promise<Void> accountRead = Promise.promise();
        InMemoryLiveStore live = new InMemoryLiveStore(vertx);
        StaffSessions sessions = new StaffSessions(live, live, Duration.ofMinutes(30), false, Clock.systemUTC());
        HubConfig.Auth rules = new HubConfig.Auth(30, 5, 15, false);
        LoginService login = new LoginService(new AccountStore() {
            @Override
            public Future<Optional<Account>> account(String username) {
                return store.account(username).onSuccess(found -> accountRead.tryComplete());
            }

            @Override
            public Future<List<Account>> accounts() {
                return store.accounts();
            }

            @Override
            public Future<Void> saveAccount(Account account) {
                return store.saveAccount(account);
            }

            @Override
            public Future<Boolean> saveFirstAccount(Account account) {
                return store.saveFirstAccount(account);
            }

            @Override
            public Future<Boolean> removeFirstAccount(Account account) {
                return store.removeFirstAccount(account);
            }

            @Override
            public Future<Account> updateAccount(String username, java.util.function.Function<Optional<Account>, Account> change) {
                return store.updateAccount(username, change);
            }
        }, live, hasher, sessions, rules, Clock.systemUTC(),
                new LoginAttempts(live, rules, Clock.systemUTC()), new SignInLog(new AuditLog(store, Clock.systemUTC()), Clock.systemUTC()),
                DeviceCookies.load(store, false, Clock.systemUTC()).await(10, TimeUnit.SECONDS));
        Source here = new Source("test-source", null);
        Account before = account(hasher.hashNow("the leaked password"));
        Account after = account(hasher.hashNow("a new password"));
        store.saveAccount(before).await(10, TimeUnit.SECONDS);

        // Every password-hashing thread kept busy, so the sign-in's check waits in the queue until released.
        WorkerExecutor hashing = vertx.createSharedWorkerExecutor(PasswordHasher.POOL, hasher.poolSize());
        CountDownLatch busy = new CountDownLatch(hasher.poolSize());
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < hasher.poolSize(); i++) {
            hashing.executeBlocking(() -> {
                busy.countDown();
                return release.await(20, TimeUnit.SECONDS);
            }, false);
        }
        try {
            assertTrue(busy.await(10, TimeUnit.SECONDS), "every hashing thread is held");
            Future<LoginOutcome> signIn = login.login(here, "maria", "the leaked password", null, null);
            accountRead.future().await(10, TimeUnit.SECONDS); // the sign-in holds the old hash now
            store.saveAccount(after).await(10, TimeUnit.SECONDS);
            sessions.endAllFor("maria").await(10, TimeUnit.SECONDS);
            assertTrue(!signIn.isComplete(), "the change must land while the password is being checked");
            release.countDown();

            LoginOutcome outcome = signIn.await(20, TimeUnit.SECONDS);
            assertEquals(LoginOutcome.Status.BAD_CREDENTIALS, outcome.status());
        } finally {
            release.countDown();
            hashing.close();
        }
        assertTrue(live.takeUserSessions("maria").await(10, TimeUnit.SECONDS).stream()
                .allMatch(hash -> live.peekSession(hash).await() == null), "no live session is left for maria");
        assertEquals(LoginOutcome.Status.SUCCESS, login.login(here, "maria", "a new password", null, null).await(20, TimeUnit.SECONDS).status());
        live.close().await();
    }

    private static Account account(String hash) {
        return new Account("maria", "Maria", Role.ADVOCATE, hash, null, false, 2, List.of("en"), "en", Instant.EPOCH);
    }
}
