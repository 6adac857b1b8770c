package org.hearthhub.console;

import io.vertx.ext.web.client.WebClient;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.auth.SignInLog;
import org.hearthhub.model.Role;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-ins, sign-outs and failed sign-ins in the access log: the account and how it ended, never an
 * address, never a typed name that matches no account, and not one entry per junk request.
 */
class SignInAccessLogTest extends LeadApiTestBase {

    /** The access log once {@code ready} holds (failure entries are written without holding up the answer). */
    private List<AuditRecord> logWhen(Predicate<List<AuditRecord>> ready) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<AuditRecord> all = TestHub.await(hub.hub.settingsStore().auditEntries(0, 100_000)).stream()
                    .map(AuditEntry::record).toList();
            if (ready.test(all) || System.nanoTime() > deadline) return all;
            Thread.sleep(20);
        }
    }

    private static List<AuditRecord> signIns(List<AuditRecord> all, String actor) {
        return all.stream().filter(r -> r.action().startsWith("sign") && r.actor().equals(actor)).toList();
    }

    private static String text(List<AuditRecord> all) {
        return all.stream().map(AuditRecord::toString).reduce("", String::concat).toLowerCase(Locale.ROOT);
    }

    @Test
    void signInSignOutAndAFailedSignInAreLoggedWithoutAnAddress() throws Exception {
        ConsoleClient.Staff ana = client.account("ana", Role.ADVOCATE);
        WebClient here = hub.clientFrom("127.0.0.1", 1);
        assertEquals(401, TestHub.await(TestHub.tryLogin(here, "ana", "not her password")).statusCode());
        assertEquals(204, client.post("/api/v1/logout", ana, null).statusCode());

        List<AuditRecord> all = logWhen(log -> signIns(log, "ana").size() >= 3);
        List<AuditRecord> anas = signIns(all, "ana");
        assertEquals(List.of("signin", "signin.failed", "signout"), anas.stream().map(AuditRecord::action).toList());
        assertTrue(anas.stream().allMatch(r -> "ana".equals(r.target())));
        assertEquals("reason=password", anas.get(1).detail());

        String shown = client.get("/api/v1/lead/audit?action=sign", lead).bodyAsString();
        assertTrue(shown.contains("signin.failed"), "leads see them in the access log");
        for (String address : List.of("127.0.0.1", "localhost", "0:0:0:0:0:0:0:1", "::1")) {
            assertFalse(text(all).contains(address) || shown.contains(address), "no address in the log: " + address);
        }
    }

    @Test
    void aNameThatMatchesNoAccountIsNeverWrittenOnlyCounted() throws Exception {
        WebClient somewhere = hub.clientFrom("127.0.0.30", 2);
        // Passwords typed into the username box: one shaped like a username, one not.
        List<String> typed = List.of("sunflower.meadow.1987", "Sunflower Meadow 1987!");
        try (LogCapture logs = LogCapture.install()) {
            for (String name : typed) {
                for (int i = 0; i < 2; i++) assertEquals(401, TestHub.await(TestHub.tryLogin(somewhere, name, "x" + i)).statusCode());
            }
            hub.clock.advance(SignInLog.INTERVAL);
            client.login("lena", TestHub.PASSWORD, null); // any sign-in event writes what is due

            List<AuditRecord> all = logWhen(log -> log.stream().anyMatch(r -> r.actor().equals("system") && r.action().equals("signin.failed")));
            List<AuditRecord> counted = all.stream().filter(r -> r.action().equals("signin.failed")).toList();
            assertEquals(1, counted.size(), counted.toString());
            assertEquals("system", counted.get(0).actor());
            assertEquals(null, counted.get(0).target());
            assertTrue(counted.get(0).detail().startsWith("unknown-username,count=4"), counted.get(0).detail());
            assertFalse(text(all).contains("sunflower"), "the typed name is not in the access log");
            assertFalse(logs.all().toLowerCase(Locale.ROOT).contains("sunflower"), "nor in the hub's log");
        }
    }

    @Test
    void aFloodOfFailedSignInsLeavesABoundedNumberOfEntries() throws Exception {
        // Sixty failures at one account from unknown devices: past the default limit, which refuses them unchecked.
        hubs.start(Map.of("HEARTH_AUTH_MAX_UNKNOWN_DEVICE_FAILURES", "100"));
        client = new ConsoleClient(hub);
        client.account("ana", Role.ADVOCATE);
        for (int source = 0; source < 30; source++) { // 30 places, two wrong passwords each (no waits, no locks yet)
            WebClient from = hub.clientFrom("127.0.0." + (100 + source), 1);
            for (int i = 0; i < 2; i++) assertEquals(401, TestHub.await(TestHub.tryLogin(from, "ana", "guess " + i)).statusCode());
        }
        WebClient junk = hub.clientFrom("127.0.0.99", 1);
        for (int i = 0; i < 100; i++) assertEquals(401, TestHub.await(TestHub.tryLogin(junk, "junk" + i, "junk")).statusCode());

        int listed = SignInLog.LISTED_PER_ACCOUNT;
        List<AuditRecord> during = logWhen(log -> log.stream().filter(r -> r.action().equals("signin.failed")).count() >= listed);
        assertEquals(listed, during.stream().filter(r -> r.action().equals("signin.failed")).count(),
                "a few failures listed one by one, nothing for the junk yet");

        hub.clock.advance(SignInLog.INTERVAL);
        client.login("lena", TestHub.PASSWORD, null);
        List<AuditRecord> after = logWhen(log -> log.stream().filter(r -> r.action().equals("signin.failed")).count() >= listed + 2);
        List<String> summaries = after.stream().filter(r -> r.action().equals("signin.failed") && !r.detail().startsWith("reason="))
                .map(r -> r.actor() + " " + r.detail().replaceAll(",since=.*", "")).sorted().toList();
        assertEquals(List.of("ana more=" + (60 - listed), "system unknown-username,count=100"), summaries);
    }
}
