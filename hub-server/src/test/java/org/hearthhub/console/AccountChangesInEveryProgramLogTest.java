package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.SettingsStore;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account is the hub's: when one program's lead resets, unlocks or edits someone who also works in another
 * program, that other program's access log records it too, naming the acting lead and their program, so a program
 * learns of every change to the account its staff signs in with. Before, only the acting lead's program's log had it.
 * Files here; {@link RedisAccountChangesInEveryProgramLogTest} runs every test on Redis.
 */
class AccountChangesInEveryProgramLogTest {
    private static final String CHOSEN = "riverside lead chose this";
    private static final String ANA_PHONE = "+15550100100";
    private static final String NEW_PHONE = "+15550109999";
    private static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().redisStores(this::redisStores);
    TestHub hub;
    ConsoleClient client;
    ConsoleClient.Staff lena;   // leads main, the default program
    ConsoleClient.Staff rita;   // leads riverside only
    ConsoleClient.Staff cora;   // coalition admin, leads riverside only

    /** In memory and files here. */
    RedisStores redisStores() {
        return null;
    }

    @BeforeEach
    void twoPrograms() throws Exception {
        await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        Map<String, Map<String, Role>> people = Map.of(
                "rita", Map.of("riverside", Role.LEAD),
                "cora", Map.of("riverside", Role.LEAD),
                "ana", Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE),
                "rob", Map.of("riverside", Role.ADVOCATE));
        for (var person : people.entrySet()) {
            hub.addAccountIn(person.getKey(), person.getValue().values().iterator().next(), person.getValue());
        }
        await(hub.hub.accounts().saveAccount(account("cora").withCoalitionAdmin(true)));
        // Ana has a phone and an authenticator, neither of which any log may hold.
        Account ana = account("ana").withPhone(ANA_PHONE);
        await(hub.hub.accounts().saveAccount(new Account(ana.username(), ana.displayName(), ana.role(), ana.passwordHash(), TOTP_SECRET,
                false, ana.capacity(), ana.languages(), ana.uiLanguage(), ana.createdAt(), false, ana.phone(), ana.programs(), false)));
        client = new ConsoleClient(hub);
        lena = client.account("lena", Role.LEAD);
        rita = client.login("rita", TestHub.PASSWORD, null);
        cora = client.login("cora", TestHub.PASSWORD, null);
    }

    private Account account(String username) throws Exception {
        return await(hub.hub.accounts().account(username)).orElseThrow();
    }

    private List<AuditRecord> accountEntries(String program) throws Exception {
        SettingsStore store = hub.hub.programs().find(ProgramId.of(program)).orElseThrow().store();
        return await(store.auditEntries(0, 10_000)).stream().map(AuditEntry::record)
                .filter(r -> r.action().startsWith("account.")).toList();
    }

    private static List<String> lines(List<AuditRecord> records) {
        return records.stream().map(r -> r.actor() + " " + r.action() + " " + r.target() + " " + r.detail()).toList();
    }

    private void assertOk(int status, HttpResponse<Buffer> r) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
    }

    @Test
    void aResetByAnotherProgramsLeadIsInTheLogOfEveryProgramThePersonWorksIn() throws Exception {
        String ana = "/api/v1/lead/staff/ana";
        assertOk(204, client.post(ana + "/password?program=riverside", rita, new JsonObject().put("password", CHOSEN)));
        assertOk(204, client.post(ana + "/totp-reset?program=riverside", rita, new JsonObject()));
        assertOk(204, client.post(ana + "/unlock?program=riverside", rita, new JsonObject()));
        assertOk(200, client.put(ana + "?program=riverside", rita, new JsonObject().put("role", "lead").put("capacity", 3)));
        assertOk(200, client.put(ana + "?program=riverside", cora, new JsonObject().put("phone", NEW_PHONE)));
        // Someone who works at riverside alone is none of main's business.
        assertOk(204, client.post("/api/v1/lead/staff/rob/password?program=riverside", rita, new JsonObject().put("password", CHOSEN)));

        assertEquals(List.of(
                "rita account.password.reset ana from_program=riverside",
                "rita account.totp.reset ana from_program=riverside",
                "rita account.unlock ana from_program=riverside",
                "rita account.update ana role=lead,capacity=3,from_program=riverside",
                "cora account.update ana phone,from_program=riverside"), lines(accountEntries("main")));
        // The acting lead's own program's log reads as it always did.
        assertEquals(List.of(
                "rita account.password.reset ana null",
                "rita account.totp.reset ana null",
                "rita account.unlock ana null",
                "rita account.update ana role=lead,capacity=3",
                "cora account.update ana phone",
                "rita account.password.reset rob null"), lines(accountEntries("riverside")));

        String shownToMain = client.get("/api/v1/lead/audit?action=account.", lena).bodyAsString();
        assertTrue(shownToMain.contains("from_program=riverside") && shownToMain.contains("account.password.reset"), shownToMain);
        for (String program : List.of("main", "riverside")) {
            String text = lines(accountEntries(program)).toString();
            for (String secret : List.of(CHOSEN, ANA_PHONE, NEW_PHONE, "5550109999", TOTP_SECRET)) {
                assertFalse(text.contains(secret), program + "'s log holds no password, phone or secret: " + text);
            }
        }
    }

    @Test
    void aRefusedChangeIsInNoProgramsLog() throws Exception {
        // Riverside's lead may not set the phone of someone main's callers ring too.
        assertOk(403, client.put("/api/v1/lead/staff/ana?program=riverside", rita, new JsonObject().put("phone", NEW_PHONE)));
        assertOk(400, client.post("/api/v1/lead/staff/ana/password?program=riverside", rita, new JsonObject().put("password", "short")));
        assertEquals(List.of(), accountEntries("main"));
        assertEquals(List.of(), accountEntries("riverside"));
    }
}
