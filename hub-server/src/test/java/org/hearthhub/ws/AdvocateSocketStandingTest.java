package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.StaffSecurity;
import org.hearthhub.settings.Role;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The console socket follows the same account rules as the console pages and APIs: an account that
 * must use TOTP but has not enrolled is refused (403) until it has, and a session of a disabled
 * account is refused (401) and ended.
 */
class AdvocateSocketStandingTest {
    private static final String SECRET = "JBSWY3DPEHPK3PXP";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    Vertx vertx;
    TestHub hub;

    @BeforeEach
    void accounts() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        hub.addAccount("bea", Role.ADVOCATE, List.of("en"), 2);
    }

    private int refusedStatus(String cookie) {
        return WsClient.refusedStatus(vertx, hub.port(), SocketEndpoints.ADVOCATE_PATH, hub.publicUrl(), cookie);
    }

    private void requireTotp(StaffSecurity security) throws Exception {
        ProgramSettings s = hub.hub.settings().get();
        TestHub.await(hub.hub.settings().save(new ProgramSettings(s.timeZone(), s.weeklyHours(), s.holidays(), s.referrals(),
                s.cannedResponses(), s.widget(), s.retention(), security)));
    }

    private Account account(String username) throws Exception {
        return TestHub.await(hub.hub.settingsStore().account(username)).orElseThrow();
    }

    private void enrol(String username) throws Exception {
        Account a = account(username);
        TestHub.await(hub.hub.settingsStore().saveAccount(new Account(a.username(), a.displayName(), a.role(), a.passwordHash(),
                SECRET, a.disabled(), a.capacity(), a.languages(), a.uiLanguage(), a.createdAt())));
    }

    private WsClient console(String cookie) throws Exception {
        WsClient ws = WsClient.connect(vertx, hub.port(), SocketEndpoints.ADVOCATE_PATH, hub.publicUrl(), cookie);
        ws.await("shift");
        return ws;
    }

    @Test
    void refusedWhileEveryoneMustUseTotpAndThisAccountHasNotEnrolled() throws Exception {
        String session = hub.login("maria");
        requireTotp(new StaffSecurity(true, List.of()));
        try (LogCapture log = LogCapture.install()) {
            assertEquals(403, refusedStatus(session));
            assertFalse(log.all().contains("maria"), "a refusal logs nothing that names anyone");
        }
    }

    @Test
    void refusedWhileThisOneAccountMustUseTotpOthersStillConnect() throws Exception {
        String maria = hub.login("maria");
        String bea = hub.login("bea");
        requireTotp(new StaffSecurity(false, List.of("maria")));
        assertEquals(403, refusedStatus(maria));
        try (WsClient ws = console(bea)) {
            assertFalse(ws.isClosed());
        }
    }

    @Test
    void acceptedOnceTheAccountHasEnrolled() throws Exception {
        String session = hub.login("maria");
        requireTotp(new StaffSecurity(true, List.of()));
        assertEquals(403, refusedStatus(session));
        enrol("maria");
        try (WsClient ws = console(session)) {
            assertFalse(ws.isClosed(), "the refusal did not end the session: enrolling lets the same session in");
        }
    }

    @Test
    void anOpenConsoleClosesWhenTotpBecomesRequiredOfItsAccount() throws Exception {
        String maria = hub.login("maria");
        WsClient mariaConsole = console(maria);
        WsClient beaConsole = console(hub.login("bea"));
        requireTotp(new StaffSecurity(false, List.of("maria")));
        hub.hub.sockets().checkAdvocateSessions();

        JsonObject error = mariaConsole.await("error");
        assertEquals("forbidden", error.getString("code"));
        assertEquals("Set up your authenticator app to continue.", error.getString("message"));
        long deadline = System.currentTimeMillis() + 5000;
        while (!mariaConsole.isClosed() && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertEquals((short) 4403, mariaConsole.closeStatus());
        beaConsole.expectNone("error", 200);
        assertFalse(beaConsole.isClosed(), "only the account that owes an enrolment is closed");

        String cookieValue = maria.substring(maria.indexOf('=') + 1);
        assertNotNull(TestHub.await(hub.hub.liveStore().peekSession(StaffSessions.hash(cookieValue))),
                "the session stays, so enrolling needs no new sign-in");
        enrol("maria");
        try (WsClient again = console(maria)) {
            assertFalse(again.isClosed());
        }
        beaConsole.close();
    }

    @Test
    void aSessionOfADisabledAccountIsRefusedAndEnded() throws Exception {
        String session = hub.login("maria");
        // Written straight to the store, as a change on another node or by hand would be, so no SessionEnded was sent.
        TestHub.await(hub.hub.settingsStore().saveAccount(account("maria").withDisabled(true)));
        assertEquals(401, refusedStatus(session));
        String cookieValue = session.substring(session.indexOf('=') + 1);
        assertNull(TestHub.await(hub.hub.liveStore().peekSession(StaffSessions.hash(cookieValue))), "the session has ended");
    }
}
