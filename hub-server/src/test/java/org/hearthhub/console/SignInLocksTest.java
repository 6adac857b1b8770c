package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.hearthhub.auth.TotpSecret;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Guessing at an account locks out the place the guesses come from, not the account: its owner still
 * signs in from anywhere else, and a lead (or a lead's password reset) lifts the lock.
 */
class SignInLocksTest extends LeadApiTestBase {
    private static final String ATTACKER = "127.0.0.66";

    /** Wrong passwords from {@code from} until the hub locks that source out of {@code username}; waits are waited out. */
    private void lockOut(WebClient from, String username) throws Exception {
        for (int i = 0; i < 50; i++) {
            HttpResponse<Buffer> r = TestHub.await(TestHub.tryLogin(from, username, "wrong guess " + i));
            if (r.statusCode() == 429 && !"wait".equals(r.bodyAsJsonObject().getString("reason"))) return;
            if (r.statusCode() == 429) hub.clock.advance(Duration.ofSeconds(Long.parseLong(r.getHeader("Retry-After"))));
            else assertEquals(401, r.statusCode(), r.bodyAsString());
        }
        fail(username + " was never locked");
    }

    private int signInFrom(WebClient from, String username, String password) throws Exception {
        return TestHub.await(TestHub.tryLogin(from, username, password)).statusCode();
    }

    @Test
    void theOwnerSignsInFromElsewhereWhileAnotherSourceGuessesTheirPassword() throws Exception {
        WebClient attacker = hub.clientFrom(ATTACKER, 8);
        lockOut(attacker, "lena");

        List<Future<HttpResponse<Buffer>>> hammering = new ArrayList<>();
        for (int i = 0; i < 40; i++) hammering.add(TestHub.tryLogin(attacker, "lena", "still guessing " + i));
        ConsoleClient.Staff owner = client.login("lena", TestHub.PASSWORD, null); // fails the test unless 200
        for (Future<HttpResponse<Buffer>> guess : hammering) assertEquals(429, TestHub.await(guess).statusCode());

        assertEquals(200, client.get("/api/v1/lead/staff", owner).statusCode(), "the owner works as usual");
        HttpResponse<Buffer> rightPasswordWrongPlace = TestHub.await(TestHub.tryLogin(attacker, "lena", TestHub.PASSWORD));
        assertEquals(429, rightPasswordWrongPlace.statusCode(), "the guessing source stays locked, right password or not");
        assertEquals("locked", rightPasswordWrongPlace.bodyAsJsonObject().getString("reason"));
        assertEquals(String.valueOf(15 * 60), rightPasswordWrongPlace.getHeader("Retry-After"));
    }

    /** A change of one's own password, sent from {@code from} with {@code who}'s cookie and CSRF token. */
    private HttpResponse<Buffer> changePasswordFrom(WebClient from, ConsoleClient.Staff who, String current) throws Exception {
        return TestHub.await(from.post(hub.port(), "localhost", "/api/v1/console/password")
                .putHeader("Cookie", who.cookie()).putHeader("X-CSRF-Token", who.csrf())
                .sendJsonObject(new JsonObject().put("current", current).put("password", "the thief's own password")));
    }

    @Test
    void aStolenSessionGuessesTheCurrentPasswordNoMoreFreelyThanTheSignInForm() throws Exception {
        ConsoleClient.Staff ana = client.account("ana", Role.ADVOCATE);
        WebClient thief = hub.clientFrom(ATTACKER, 2);
        CurrentPasswordGuesses.untilLocked(hub, guess -> changePasswordFrom(thief, ana, guess));
        assertEquals(429, changePasswordFrom(thief, ana, TestHub.PASSWORD).statusCode(), "the right password from there waits out the lock");
        assertEquals(429, signInFrom(thief, "ana", TestHub.PASSWORD), "and so does signing in from there: the same guessing");
        assertEquals(200, client.get("/api/v1/console/me", ana).statusCode(), "the session itself goes on");
        assertEquals(200, signInFrom(hub.clientFrom("127.0.0.20", 2), "ana", TestHub.PASSWORD), "the owner elsewhere is not locked out");
    }

    @Test
    void aCurrentPasswordLeftEmptyIsRefusedWithoutCountingAsAGuess() throws Exception {
        ConsoleClient.Staff ana = client.account("ana", Role.ADVOCATE);
        WebClient office = hub.clientFrom("127.0.0.20", 2);
        for (int i = 0; i < 20; i++) {
            HttpResponse<Buffer> r = changePasswordFrom(office, ana, "");
            assertEquals(403, r.statusCode(), "try " + i + ": " + r.bodyAsString());
            assertEquals("Your current password is not right.", r.bodyAsJsonObject().getString("message"));
        }
        assertEquals(204, changePasswordFrom(office, ana, TestHub.PASSWORD).statusCode(), "the form sent in full works at once");
    }

    /** A sign-in with the right password and {@code code}, from {@code from}. */
    private HttpResponse<Buffer> signInWithCode(WebClient from, String username, String code) throws Exception {
        return TestHub.await(from.post("/api/v1/login").sendJsonObject(new JsonObject()
                .put("username", username).put("password", TestHub.PASSWORD).put("totp", code)));
    }

    @Test
    void wrongCodesFromManyPlacesLockTheAccountsCodesNotJustEachPlace() throws Exception {
        client.account("ana", Role.ADVOCATE);
        String secret = TotpSecret.random();
        Account a = TestHub.await(hub.hub.accounts().account("ana")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(new Account(a.username(), a.displayName(), a.role(), a.passwordHash(), secret,
                false, a.capacity(), a.languages(), a.uiLanguage(), a.createdAt())));
        Set<String> current = new HashSet<>();
        for (int step = -1; step <= 1; step++) {
            current.add(AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant().plusSeconds(30L * step)));
        }
        String wrong = IntStream.range(0, 10).mapToObj(d -> String.valueOf(d).repeat(6)).filter(c -> !current.contains(c))
                .findFirst().orElseThrow();

        // Someone who has the password tries codes from ever new addresses, two each: no place reaches its own limit.
        HttpResponse<Buffer> last = null;
        int tried = 0;
        for (int place = 1; place <= 40 && (last == null || last.statusCode() == 401); place++) {
            WebClient from = hub.clientFrom("127.0.1." + place, 1);
            for (int i = 0; i < 2 && (last == null || last.statusCode() == 401); i++, tried++) last = signInWithCode(from, "ana", wrong);
        }
        assertEquals(429, last.statusCode(), "still checking codes after " + tried + " wrong ones: " + last.bodyAsString());
        assertEquals(10, tried, "the tenth wrong code in all (twice auth.maxFailedLogins), the one that reaches the limit, "
                + "is answered with the lock it set");
        assertEquals("codes_locked", last.bodyAsJsonObject().getString("reason"));
        String code = AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant());
        assertEquals(429, signInWithCode(hub.clientFrom("127.0.2.1", 1), "ana", code).statusCode(),
                "a right code from a fresh place is not checked either");
        assertEquals(401, signInFrom(hub.clientFrom("127.0.2.2", 1), "ana", "not the password"),
                "without the password nobody learns of the lock (nor can cause it)");

        assertEquals(204, client.post("/api/v1/lead/staff/ana/unlock", lead, null).statusCode());
        assertEquals(200, signInWithCode(hub.clientFrom("127.0.2.1", 1), "ana", code).statusCode(), "a lead lifts it");
    }

    @Test
    void aLeadClearsTheLocksOfAnAccount() throws Exception {
        ConsoleClient.Staff ana = client.account("ana", Role.ADVOCATE);
        WebClient office = hub.clientFrom("127.0.0.20", 2); // say, a shared address where someone kept mistyping
        lockOut(office, "ana");
        assertEquals(429, signInFrom(office, "ana", TestHub.PASSWORD));

        assertEquals(403, client.post("/api/v1/lead/staff/ana/unlock", ana, null).statusCode(), "a lead's action");
        assertEquals(404, client.post("/api/v1/lead/staff/nobody/unlock", lead, null).statusCode());
        assertEquals(204, client.post("/api/v1/lead/staff/ana/unlock", lead, null).statusCode());

        assertEquals(200, signInFrom(office, "ana", TestHub.PASSWORD));
        var audit = TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000));
        assertTrue(audit.stream().anyMatch(e -> e.record().action().equals("account.unlock")
                && e.record().actor().equals("lena") && e.record().target().equals("ana")), "audited");
        assertTrue(client.get("/console/lead/staff", lead).bodyAsString().contains("data-action=\"unlock\""),
                "the staff page offers it");
    }

    @Test
    void clearingStartsTheCountAfreshFromEverySource() throws Exception {
        client.account("ana", Role.ADVOCATE);
        WebClient one = hub.clientFrom("127.0.0.21", 2);
        WebClient two = hub.clientFrom("127.0.0.22", 2);
        lockOut(one, "ana");
        lockOut(two, "ana");
        assertEquals(204, client.post("/api/v1/lead/staff/ana/unlock", lead, null).statusCode());

        assertEquals(401, signInFrom(one, "ana", "a fresh wrong guess"), "checked again, not refused");
        assertEquals(200, signInFrom(two, "ana", TestHub.PASSWORD));
        lockOut(one, "ana"); // and it can be locked again
        assertEquals(429, signInFrom(one, "ana", TestHub.PASSWORD));
    }

    @Test
    void aLeadsPasswordResetClearsTheLocks() throws Exception {
        client.account("ana", Role.ADVOCATE);
        WebClient office = hub.clientFrom("127.0.0.20", 2);
        lockOut(office, "ana");

        assertEquals(204, client.post("/api/v1/lead/staff/ana/password", lead,
                new JsonObject().put("password", "a brand new password")).statusCode());

        assertEquals(200, signInFrom(office, "ana", "a brand new password"));
        assertNotEquals(200, signInFrom(office, "ana", TestHub.PASSWORD), "the old password is gone");
    }
}
