package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.hearthhub.auth.TotpSecret;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sign-in that reaches a limit (a source's {@code auth.maxFailedLogins}, or the account's
 * {@code auth.maxUnknownDeviceFailures} from unknown devices) is a try like the ones before it: its password is
 * checked, it is counted (the limit's count includes it), and when it fails it is answered {@code 429} with the lock
 * it set, not {@code 401}, so the person learns of the lock at once. Only the tries after it are refused unchecked.
 * Limits of 2 and 3, so that no try has a wait to sit out; memory and files here, both stores on Redis in
 * {@link RedisLimitReachingSignInTest}.
 */
class LimitReachingSignInTest {
    static final int SOURCE_LIMIT = 2;
    static final int UNKNOWN_DEVICES_LIMIT = 3;
    /** auth.lockoutMinutes (the default, 15), in seconds. */
    static final String LOCKOUT_SECONDS = String.valueOf(15 * 60);

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().redisStores(this::redisStores)
            .env("HEARTH_AUTH_MAX_FAILED_LOGINS", String.valueOf(SOURCE_LIMIT))
            .env("HEARTH_AUTH_MAX_UNKNOWN_DEVICE_FAILURES", String.valueOf(UNKNOWN_DEVICES_LIMIT));
    TestHub hub;
    private int nextPlace;

    /** Memory and files here. */
    RedisStores redisStores() {
        return null;
    }

    @BeforeEach
    void accounts() throws Exception {
        hub.addAccount("ana", Role.ADVOCATE, List.of("en"), 2);
    }

    /** A client from a loopback address no other in the test has used: a new source, and a device ana never used. */
    private WebClient newPlace() {
        nextPlace++;
        return hub.clientFrom("127.0.40." + nextPlace, 1);
    }

    private static HttpResponse<Buffer> signIn(WebClient from, String password) throws Exception {
        return TestHub.await(TestHub.tryLogin(from, "ana", password));
    }

    private static void assertLock(HttpResponse<Buffer> r, String reason, String what) {
        assertEquals(429, r.statusCode(), what + ": " + r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        assertEquals("rate_limited", body.getString("code"), what);
        assertEquals(reason, body.getString("reason"), what);
        assertEquals(LOCKOUT_SECONDS, r.getHeader("Retry-After"), what + ": the whole lockout, just set");
        assertEquals(Long.parseLong(LOCKOUT_SECONDS), body.getLong("retryAfter"), what);
    }

    @Test
    void theWrongPasswordThatReachesTheSourcesLimitIsAnsweredWithTheLockItSet() throws Exception {
        WebClient guesser = newPlace();
        assertEquals(401, signIn(guesser, "guess 1").statusCode(), "the first failure");
        assertLock(signIn(guesser, "guess 2"), "locked", "the second failure, the limit's second");
        assertLock(signIn(guesser, TestHub.PASSWORD), "locked", "after it, the right password is refused unchecked");
        assertEquals(200, signIn(newPlace(), TestHub.PASSWORD).statusCode(), "the owner elsewhere is not locked");
    }

    @Test
    void theTryThatReachesTheSourcesLimitHasItsPasswordChecked() throws Exception {
        WebClient place = newPlace();
        assertEquals(401, signIn(place, "a typo").statusCode());
        assertEquals(200, signIn(place, TestHub.PASSWORD).statusCode(), "the limit's try, right: signed in, nothing locked");
        assertEquals(401, signIn(place, "another typo").statusCode(), "and the source's count started again");
    }

    @Test
    void theWrongPasswordThatReachesTheUnknownDevicesLimitIsAnsweredWithTheLockItSet() throws Exception {
        for (int i = 1; i < UNKNOWN_DEVICES_LIMIT; i++) {
            assertEquals(401, signIn(newPlace(), "guess " + i).statusCode(), "failure " + i + ", one a place");
        }
        assertLock(signIn(newPlace(), "guess " + UNKNOWN_DEVICES_LIMIT), "unknown_devices_locked", "the failure that reaches the limit");
        assertLock(signIn(newPlace(), TestHub.PASSWORD), "unknown_devices_locked",
                "after it, the right password from a new device is refused unchecked");
    }

    @Test
    void theTryThatReachesTheUnknownDevicesLimitHasItsPasswordChecked() throws Exception {
        for (int i = 1; i < UNKNOWN_DEVICES_LIMIT; i++) assertEquals(401, signIn(newPlace(), "guess " + i).statusCode());
        assertEquals(200, signIn(newPlace(), TestHub.PASSWORD).statusCode(), "the limit's try, right: signed in, nothing locked");
        assertLock(signIn(newPlace(), "one more guess"), "unknown_devices_locked",
                "the right one was taken back, not counted as a failure: the next failure is the third, and locks");
    }

    private static HttpResponse<Buffer> signInWithCode(WebClient from, String code) throws Exception {
        return TestHub.await(from.post("/api/v1/login").sendJsonObject(new JsonObject()
                .put("username", "ana").put("password", TestHub.PASSWORD).put("totp", code)));
    }

    /**
     * The right password answered {@code codes_locked} was no wrong password: the source's count takes it back, as
     * the unknown devices' count takes back a right password, so the owner typing it again and again while the codes
     * are locked does not lock her computer out of the account as a guesser would be.
     */
    @Test
    void theRightPasswordWhileTheCodesAreLockedIsNoFailureOfTheSource() throws Exception {
        String secret = TotpSecret.random();
        Account a = TestHub.await(hub.hub.accounts().account("ana")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(a.withTotpSecret(secret)));
        String right = AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant());
        Set<String> accepted = new HashSet<>(); // the hub takes the codes of the windows beside the clock's too
        for (int step = -1; step <= 1; step++) {
            accepted.add(AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant().plusSeconds(30L * step)));
        }
        String wrong = IntStream.range(0, 10).mapToObj(d -> String.valueOf(d).repeat(6)).filter(c -> !accepted.contains(c))
                .findFirst().orElseThrow();
        int codesLimit = 2 * SOURCE_LIMIT;
        for (int i = 1; i < codesLimit; i++) {
            assertEquals(401, signInWithCode(newPlace(), wrong).statusCode(), "wrong code " + i + ", one a place");
        }
        assertLock(signInWithCode(newPlace(), wrong), "codes_locked", "the wrong code that reaches the codes' limit");

        WebClient owner = newPlace();
        for (int i = 1; i <= 3 * SOURCE_LIMIT; i++) {
            HttpResponse<Buffer> r = signInWithCode(owner, right);
            assertEquals(429, r.statusCode(), "try " + i + ": " + r.bodyAsString());
            assertEquals("codes_locked", r.bodyAsJsonObject().getString("reason"),
                    "try " + i + " with the right password, past the source's limit of " + SOURCE_LIMIT + ", is still told why");
        }
        assertEquals(401, signIn(owner, "a typo").statusCode(),
                "none of those counted: a wrong password from there is the source's first failure, not its lock");
    }
}
