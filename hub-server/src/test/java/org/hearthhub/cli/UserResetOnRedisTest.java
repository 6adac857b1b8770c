package org.hearthhub.cli;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.auth.TestConfigs;
import org.hearthhub.auth.TotpSecret;
import org.hearthhub.live.RedisLiveStore;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.RedisSettingsStore;
import org.hearthhub.testing.Eventually;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code user reset} against a running hub whose settings and live state are on Redis, as several nodes run: the hub
 * sees the new password through the accounts channel, the lead's old session and the lock on her office's address end,
 * and both of her programs' access logs say the host operator did it. Whatever it resets, the lock on her
 * authenticator codes lifts, and a removed authenticator ends her sessions, as a lead's reset does.
 */
class UserResetOnRedisTest {
    private static final String NEW_PASSWORD = "a new long enough password";
    private static final String OFFICE = "127.0.0.30";

    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().redisStores(() -> redis)
            .env("HEARTH_AUTH_MAX_FAILED_LOGINS", "2");

    TestHub hub;
    Vertx vertx;

    private int reset(String stdin, String... args) throws Exception {
        RedisSettingsStore settings = RedisSettingsStore.connect(vertx, redis.settings().url(), "main", Clock.systemUTC())
                .await(10, TimeUnit.SECONDS);
        RedisLiveStore live = RedisLiveStore.connect(vertx, redis.live().url(), "main", Duration.ofHours(12), false)
                .await(10, TimeUnit.SECONDS);
        UserResetCommand.Target target = new UserResetCommand.Target(hub.hub.config(), settings,
                Optional.of(new UserResetCommand.Live(live, "live Redis at 127.0.0.1:" + redis.live().port())), () -> {
            live.close().await();
            settings.close().await();
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = UserResetCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                target, TestConfigs.cheapHasher(vertx), Clock.systemUTC());
        printed = out.toString(StandardCharsets.UTF_8);
        return code;
    }

    private String printed;

    private int signIn(WebClient from, String password) throws Exception {
        return TestHub.await(TestHub.tryLogin(from, "lena", password)).statusCode();
    }

    /** Her password with an authenticator code, from {@code from}. */
    private HttpResponse<Buffer> signInWithCode(WebClient from, String code) throws Exception {
        return TestHub.await(from.post("/api/v1/login").sendJsonObject(new JsonObject()
                .put("username", "lena").put("password", TestHub.PASSWORD).put("totp", code)));
    }

    private int me(String cookie) throws Exception {
        return TestHub.await(hub.http().get(hub.port(), "localhost", "/api/v1/console/me").putHeader("Cookie", cookie).send())
                .statusCode();
    }

    @Test
    void theNewPasswordSignsInOnTheRunningHubTheOldSessionAndLockEndAndBothLogsNameTheOperator() throws Exception {
        hubs.start();
        hub.addProgramWithNumbers("riverside", "Riverside", null, null);
        hub.addAccountIn("lena", Role.LEAD, Map.of("main", Role.LEAD, "riverside", Role.LEAD));
        String oldSession = hub.login("lena");
        assertEquals(200, me(oldSession));
        WebClient office = hub.clientFrom(OFFICE, 2);
        signIn(office, "mistyped once");
        signIn(office, "mistyped twice");
        assertEquals(429, signIn(office, TestHub.PASSWORD), "her office is locked out");

        assertEquals(0, reset(NEW_PASSWORD + "\n", "user", "reset", "--username", "lena", "--password-stdin"), printed);

        assertTrue(printed.strip().startsWith("Reset 'lena' (new password, to be changed at sign-in) in the settings Redis at 127.0.0.1:"
                + redis.settings().port() + "; its sessions ended and its sign-in locks lifted in the live Redis at 127.0.0.1:"
                + redis.live().port() + "; recorded in the access log of main, riverside."), printed);
        assertFalse(printed.contains(NEW_PASSWORD));
        assertEquals(401, me(oldSession), "her old session ended on the running hub");
        // The hub reloads the accounts on the change's notice.
        Eventually.until("the running hub takes the new password", () -> signIn(hub.clientFrom("127.0.0.31", 1), NEW_PASSWORD) == 200);
        assertEquals(401, signIn(hub.clientFrom("127.0.0.32", 1), TestHub.PASSWORD), "the old password no longer");
        assertEquals(200, signIn(office, NEW_PASSWORD), "the lock on her office was lifted");

        for (String program : List.of("main", "riverside")) {
            var store = program.equals("main") ? hub.hub.settingsStore() : hub.hub.settingsStore().forProgram(ProgramId.of(program));
            List<AuditEntry> resets = TestHub.await(store.auditEntries(0, 1000)).stream()
                    .filter(e -> e.record().action().equals("account.password.reset")).toList();
            assertEquals(1, resets.size(), program);
            assertEquals("host:operator", resets.get(0).record().actor(), program);
            assertEquals("lena", resets.get(0).record().target(), program);
        }
    }

    @Test
    void anyResetLiftsTheLockOnHerCodesAndARemovedAuthenticatorEndsHerSessions() throws Exception {
        hubs.start();
        hub.addAccount("lena", Role.LEAD, List.of("en"), 2);
        String oldSession = hub.login("lena");
        Account a = TestHub.await(hub.hub.accounts().account("lena")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(new Account(a.username(), a.displayName(), a.role(), a.passwordHash(),
                TotpSecret.random(), false, a.capacity(), a.languages(), a.uiLanguage(), a.createdAt())));
        // Someone with her password tries codes from four places, one each: her codes lock (twice maxFailedLogins).
        for (int place = 1; place <= 4; place++) signInWithCode(hub.clientFrom("127.0.1." + place, 1), "000000");
        HttpResponse<Buffer> locked = signInWithCode(hub.clientFrom("127.0.2.1", 1), "000000");
        assertEquals("codes_locked", locked.bodyAsJsonObject().getString("reason"), locked.bodyAsString());

        assertEquals(0, reset("", "--username", "lena", "--enable"), printed);

        assertTrue(printed.strip().startsWith("Reset 'lena' (was not disabled) in the settings Redis at 127.0.0.1:"
                + redis.settings().port() + "; its sign-in locks lifted in the live Redis at 127.0.0.1:" + redis.live().port()
                + "; recorded in the access log of main."), printed);
        HttpResponse<Buffer> checked = signInWithCode(hub.clientFrom("127.0.2.2", 1), "000000");
        assertEquals(401, checked.statusCode(), "her codes are checked again: " + checked.bodyAsString());
        assertEquals(200, me(oldSession), "lifting the locks ends no session");

        assertEquals(0, reset("", "--username", "lena", "--totp-off"), printed);

        assertTrue(printed.contains("(authenticator removed)") && printed.contains("; its sessions ended and its sign-in locks lifted"
                + " in the live Redis"), printed);
        assertEquals(401, me(oldSession), "a session signed in with the lost phone's code ends, as on a lead's reset");
        Eventually.until("the running hub takes her password alone", () -> signIn(hub.clientFrom("127.0.2.3", 1), TestHub.PASSWORD) == 200);
        List<String> byOperator = TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000)).stream()
                .filter(e -> e.record().actor().equals("host:operator")).map(e -> e.record().action()).toList();
        // Each reset lifted the locks, and says so beside what else it did.
        assertEquals(List.of("account.unlock", "account.totp.reset", "account.unlock"), byOperator);
    }

    @Test
    void anUnknownNameIsRefusedAndNothingIsWritten() throws Exception {
        hubs.start();
        long before = TestHub.await(hub.hub.settingsStore().auditBytes());

        assertEquals(1, reset(NEW_PASSWORD + "\n", "--username", "nobody", "--password-stdin"));

        assertEquals("error: there is no account named 'nobody' in the settings Redis at 127.0.0.1:" + redis.settings().port() + ".",
                printed.strip());
        assertEquals(before, TestHub.await(hub.hub.settingsStore().auditBytes()), "nothing in the access log");
        assertTrue(TestHub.await(hub.hub.accounts().account("nobody")).isEmpty());
    }
}
