package org.hearthhub.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.config.HubConfig;
import org.hearthhub.guard.Source;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.settings.Account;
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
        // A real Argon2 cost, so the check takes long enough for the change to land inside it.
        PasswordHasher slow = new PasswordHasher(vertx, 65536, 3, 1);
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        InMemoryLiveStore live = new InMemoryLiveStore(vertx);
        StaffSessions sessions = new StaffSessions(live, live, Duration.ofMinutes(30), false, Clock.systemUTC());
        HubConfig.Auth rules = new HubConfig.Auth(30, 5, 15, false);
        LoginService login = new LoginService(store, live, slow, sessions, rules, Clock.systemUTC(),
                new LoginAttempts(live, rules, Clock.systemUTC()), new SignInLog(new AuditLog(store, Clock.systemUTC()), Clock.systemUTC()));
        Source here = new Source("test-source", null);
        Account before = account(slow.hashNow("the leaked password"));
        Account after = account(slow.hashNow("a new password"));
        store.saveAccount(before).await(10, TimeUnit.SECONDS);

        long started = System.nanoTime();
        Future<LoginOutcome> signIn = login.login(here, "maria", "the leaked password", null);
        Thread.sleep(30);
        store.saveAccount(after).await(10, TimeUnit.SECONDS);
        sessions.endAllFor("maria").await(10, TimeUnit.SECONDS);
        assertTrue(!signIn.isComplete(), "the change must land while the password is being checked");

        LoginOutcome outcome = signIn.await(20, TimeUnit.SECONDS);
        assertEquals(LoginOutcome.Status.BAD_CREDENTIALS, outcome.status(),
                "checked " + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertTrue(live.takeUserSessions("maria").await(10, TimeUnit.SECONDS).stream()
                .allMatch(hash -> live.peekSession(hash).await() == null), "no live session is left for maria");
        assertEquals(LoginOutcome.Status.SUCCESS, login.login(here, "maria", "a new password", null).await(20, TimeUnit.SECONDS).status());
        live.close().await();
    }

    private static Account account(String hash) {
        return new Account("maria", "Maria", Role.ADVOCATE, hash, null, false, 2, List.of("en"), "en", Instant.EPOCH);
    }
}
