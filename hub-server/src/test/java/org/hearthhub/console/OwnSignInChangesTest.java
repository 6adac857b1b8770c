package org.hearthhub.console;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an open session alone (an unlocked office computer, a stolen cookie) may not change about its own sign-in: a
 * first authenticator app needs the current password, except at the set-up a password sign-in was just sent to, and a
 * lead's staff page does not reset the lead's own password or app.
 */
class OwnSignInChangesTest extends LeadApiTestBase {
    private static final Pattern SECRET = Pattern.compile("<code id=\"totp-secret\">([A-Z2-7 ]+)</code>");
    private static final String THIEF = "127.0.0.66";

    /** The security page, which offers a new key each time (kept in the live store for a few minutes). */
    private String securityPage(ConsoleClient.Staff who) throws Exception {
        HttpResponse<Buffer> page = client.get("/console/totp", who);
        assertEquals(200, page.statusCode());
        return page.bodyAsString();
    }

    private static String secretOn(String page) {
        Matcher m = SECRET.matcher(page);
        assertTrue(m.find(), page);
        return m.group(1).replace(" ", "");
    }

    private String offeredSecret(ConsoleClient.Staff who) throws Exception {
        return secretOn(securityPage(who));
    }

    private JsonObject enrolment(String secret, String password) throws Exception {
        JsonObject body = new JsonObject().put("code", AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant()));
        return password == null ? body : body.put("password", password);
    }

    private Account stored(String username) throws Exception {
        return TestHub.await(hub.hub.accounts().account(username)).orElseThrow();
    }

    /** Whether the security page shows the password input of its authenticator form (not hidden). */
    private static boolean asksForThePassword(String page) {
        return page.contains("id=\"totp-password\"") && !page.contains("id=\"totp-password-field\" hidden");
    }

    @Test
    void aFirstAuthenticatorSetUpFromTheSecurityPageNeedsTheCurrentPassword() throws Exception {
        ConsoleClient.Staff ana = client.account("ana", Role.ADVOCATE);
        String page = securityPage(ana);
        String secret = secretOn(page);
        assertTrue(asksForThePassword(page), "the page asks for it");

        HttpResponse<Buffer> none = client.post("/api/v1/console/totp", ana, enrolment(secret, null));
        assertEquals(403, none.statusCode(), none.bodyAsString());
        assertTrue(none.bodyAsJsonObject().getBoolean("passwordNeeded"), none.bodyAsString());
        assertEquals("Type your current password as well: it is needed to set up an authenticator app here.",
                none.bodyAsJsonObject().getString("message"));
        HttpResponse<Buffer> wrong = client.post("/api/v1/console/totp", ana, enrolment(secret, "not the password"));
        assertEquals(403, wrong.statusCode());
        assertEquals("Your current password is not right.", wrong.bodyAsJsonObject().getString("message"));
        assertNull(stored("ana").totpSecret(), "no app was set up by a session alone");

        assertEquals(204, client.post("/api/v1/console/totp", ana, enrolment(secret, TestHub.PASSWORD)).statusCode());
        assertEquals(secret, stored("ana").totpSecret());
    }

    @Test
    void theSetUpASignInIsSentToNeedsNoSecondPasswordRightAfterSignInButDoesLater() throws Exception {
        ConsoleClient.Staff ana = client.account("ana", Role.ADVOCATE);
        assertEquals(200, client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("requireTotp", true)).statusCode());

        // A session left open (signed in long ago) is no proof its owner is at the keyboard.
        hub.clock.advance(Duration.ofMinutes(11));
        String page = securityPage(ana);
        String secret = secretOn(page);
        assertTrue(asksForThePassword(page), "asked once the sign-in is minutes old");
        HttpResponse<Buffer> lingering = client.post("/api/v1/console/totp", ana, enrolment(secret, null));
        assertEquals(403, lingering.statusCode(), lingering.bodyAsString());
        assertNull(stored("ana").totpSecret());

        ConsoleClient.Staff signedIn = client.login("ana", TestHub.PASSWORD, null);
        String freshPage = securityPage(signedIn);
        String fresh = secretOn(freshPage);
        assertFalse(asksForThePassword(freshPage), "the password was just typed at sign-in");
        assertEquals(204, client.post("/api/v1/console/totp", signedIn, enrolment(fresh, null)).statusCode());
        assertEquals(fresh, stored("ana").totpSecret());
    }

    /** A first set-up sent from {@code from} with {@code who}'s cookie and CSRF token. */
    private HttpResponse<Buffer> enrolFrom(WebClient from, ConsoleClient.Staff who, String password) throws Exception {
        return TestHub.await(from.post(hub.port(), "localhost", "/api/v1/console/totp")
                .putHeader("Cookie", who.cookie()).putHeader("X-CSRF-Token", who.csrf())
                .sendJsonObject(new JsonObject().put("code", "123456").put("password", password)));
    }

    @Test
    void wrongPasswordsAtAFirstSetUpCountAsSignInTries() throws Exception {
        ConsoleClient.Staff ana = client.account("ana", Role.ADVOCATE);
        offeredSecret(ana);
        WebClient thief = hub.clientFrom(THIEF, 2);
        CurrentPasswordGuesses.untilLocked(hub, guess -> enrolFrom(thief, ana, guess));
        assertEquals(429, TestHub.await(TestHub.tryLogin(thief, "ana", TestHub.PASSWORD)).statusCode(),
                "signing in from there waits out the same lock");
        assertNull(stored("ana").totpSecret());
    }

    @Test
    void aLeadsOwnPasswordOrAuthenticatorIsNotResetFromTheStaffPageAndNothingChanges() throws Exception {
        Account before = stored("lena");
        String secret = TotpSecret.random();
        TestHub.await(hub.hub.accounts().saveAccount(new Account(before.username(), before.displayName(), before.role(),
                before.passwordHash(), secret, false, before.capacity(), before.languages(), before.uiLanguage(), before.createdAt())));

        HttpResponse<Buffer> password = client.post("/api/v1/lead/staff/lena/password", lead,
                new JsonObject().put("password", "a password the thief chose"));
        assertEquals(403, password.statusCode(), password.bodyAsString());
        assertEquals("To change your own password or authenticator app, use your Sign-in security page: it asks for your current"
                + " password.", password.bodyAsJsonObject().getString("message"));
        HttpResponse<Buffer> totp = client.post("/api/v1/lead/staff/lena/totp-reset", lead, new JsonObject());
        assertEquals(403, totp.statusCode(), totp.bodyAsString());

        Account after = stored("lena");
        assertEquals(before.passwordHash(), after.passwordHash(), "the password is as it was");
        assertEquals(secret, after.totpSecret(), "and so is the app");
        assertEquals(200, client.get("/api/v1/console/me", lead).statusCode(), "the session goes on");
        assertFalse(TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000)).stream()
                .anyMatch(e -> e.record().target() != null && e.record().target().equals("lena")
                        && e.record().action().startsWith("account.")), "nothing logged as done");

        assertEquals(200, client.put("/api/v1/console/me", lead, new JsonObject().put("uiLanguage", "es")).statusCode());
        assertEquals("Para cambiar su propia contraseña o su aplicación de autenticación, use su página Seguridad de acceso:"
                        + " allí se pide su contraseña actual.",
                client.post("/api/v1/lead/staff/lena/password", lead, new JsonObject().put("password", "another long password"))
                        .bodyAsJsonObject().getString("message"));
    }

    @Test
    void theStaffPageOffersResetsOnAColleaguesRowOnlyAndTheyStillWork() throws Exception {
        client.account("ana", Role.ADVOCATE);
        Account ana = stored("ana");
        Account lena = stored("lena");
        for (Account a : new Account[]{ana, lena}) {
            TestHub.await(hub.hub.accounts().saveAccount(new Account(a.username(), a.displayName(), a.role(), a.passwordHash(),
                    TotpSecret.random(), false, a.capacity(), a.languages(), a.uiLanguage(), a.createdAt())));
        }
        String page = client.get("/console/lead/staff", lead).bodyAsString();
        String anaRow = row(page, "ana");
        String lenaRow = row(page, "lena");
        assertTrue(anaRow.contains("data-action=\"password\"") && anaRow.contains("data-action=\"totp-reset\""), anaRow);
        assertFalse(lenaRow.contains("data-action=\"password\"") || lenaRow.contains("data-action=\"totp-reset\""), lenaRow);
        assertTrue(lenaRow.contains("href=\"/console/totp\""), "the lead's own row points to their security page: " + lenaRow);

        assertEquals(204, client.post("/api/v1/lead/staff/ana/totp-reset", lead, new JsonObject()).statusCode());
        assertNull(stored("ana").totpSecret());
        assertEquals(204, client.post("/api/v1/lead/staff/ana/password", lead,
                new JsonObject().put("password", "a brand new passphrase")).statusCode());
        client.login("ana", "a brand new passphrase", null);
    }

    /** The staff table's row of {@code username}. */
    private static String row(String page, String username) {
        int start = page.indexOf("<tr data-username=\"" + username + "\"");
        assertTrue(start >= 0, username + " is listed");
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
