package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lead's password reset hands the account to the lead (they chose the password), and the account is the hub's. So a
 * lead resets (and resets the authenticator of, and unlocks) only people with no rights the lead lacks: not a lead of a
 * program the lead does not lead, not a coalition admin unless the lead is one. Before, riverside's lead could reset
 * the password of main's lead or the coalition admin, if they also worked at riverside, and sign in as them.
 */
class AccountResetRightsTest {
    private static final String CHOSEN = "riverside lead chose this";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;
    ConsoleClient client;
    ConsoleClient.Staff lena;   // leads main
    ConsoleClient.Staff rita;   // leads riverside only

    @BeforeEach
    void twoPrograms() throws Exception {
        await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        client = new ConsoleClient(hub);
        lena = client.account("lena", Role.LEAD);
        hub.addAccountIn("rita", Role.LEAD, Map.of("riverside", Role.LEAD));
        // The coalition admin, who leads main and helps out at riverside.
        hub.addAccountIn("cora", Role.LEAD, Map.of("main", Role.LEAD, "riverside", Role.ADVOCATE));
        Account cora = await(hub.hub.accounts().account("cora")).orElseThrow();
        await(hub.hub.accounts().saveAccount(cora.withCoalitionAdmin(true)));
        // Another lead of main who is an advocate at riverside.
        hub.addAccountIn("lupe", Role.LEAD, Map.of("main", Role.LEAD, "riverside", Role.ADVOCATE));
        // Advocates: at riverside only, and at both.
        hub.addAccountIn("rob", Role.ADVOCATE, Map.of("riverside", Role.ADVOCATE));
        hub.addAccountIn("ana", Role.ADVOCATE, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
        rita = client.login("rita", TestHub.PASSWORD, null);
    }

    private HttpResponse<Buffer> reset(ConsoleClient.Staff lead, String username) throws Exception {
        return client.post("/api/v1/lead/staff/" + username + "/password", lead, new JsonObject().put("password", CHOSEN));
    }

    private int signIn(String username, String password) throws Exception {
        return await(hub.http().post(hub.port(), "localhost", "/api/v1/login")
                .sendJsonObject(new JsonObject().put("username", username).put("password", password))).statusCode();
    }

    @Test
    void aLeadCannotTakeOverSomeoneWhoLeadsAnotherProgramOrAdministersTheCoalition() throws Exception {
        ConsoleClient.Staff cora = client.login("cora", TestHub.PASSWORD, null);
        String coraHash = await(hub.hub.accounts().account("cora")).orElseThrow().passwordHash();
        for (String username : new String[]{"cora", "lupe"}) {
            HttpResponse<Buffer> r = reset(rita, username);
            assertEquals(403, r.statusCode(), username + ": " + r.bodyAsString());
            assertEquals("forbidden", r.bodyAsJsonObject().getString("code"));
            assertTrue(r.bodyAsJsonObject().getString("message").contains(username), r.bodyAsString());
            assertEquals(401, signIn(username, CHOSEN), "the riverside lead's password does not open " + username + "'s account");
            assertEquals(403, client.post("/api/v1/lead/staff/" + username + "/totp-reset", rita, new JsonObject()).statusCode());
            assertEquals(403, client.post("/api/v1/lead/staff/" + username + "/unlock", rita, new JsonObject()).statusCode());
        }
        assertEquals(coraHash, await(hub.hub.accounts().account("cora")).orElseThrow().passwordHash());
        assertEquals(200, client.get("/api/v1/console/me", cora).statusCode(), "cora's session goes on");
        assertEquals(200, client.get("/api/v1/coalition/programs", cora).statusCode());

        // Main's lead leads every program cora leads, but is no coalition admin.
        assertEquals(403, reset(lena, "cora").statusCode());
        assertEquals(401, signIn("cora", CHOSEN));
        assertFalse(client.get("/api/v1/lead/audit", rita).bodyAsString().contains("account.password.reset"));
    }

    @Test
    void leadsStillResetThePeopleTheyMayManage() throws Exception {
        assertEquals(204, reset(rita, "rob").statusCode());
        assertEquals(204, reset(rita, "ana").statusCode(), "an advocate in both programs: either lead resets, as the guide says");
        assertEquals(204, reset(lena, "lupe").statusCode(), "lupe leads only where lena leads too");
        assertEquals(200, signIn("lupe", CHOSEN));
        assertNotEquals(TestHub.PASSWORD, CHOSEN);
        assertEquals(204, client.post("/api/v1/lead/staff/rob/totp-reset", rita, new JsonObject()).statusCode());
        assertEquals(204, client.post("/api/v1/lead/staff/rob/unlock", rita, new JsonObject()).statusCode());
    }
}
