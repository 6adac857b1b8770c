package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lead takes someone out of their program: only out of it when the person works in another program too (account,
 * session, other programs and roles stay, and the program's consoles close at once), disabled as before when it was
 * their only one, and refused while they hold chats there.
 */
class RemoveFromProgramTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;
    ConsoleClient client;
    HostedProgram riverside;
    ConsoleClient.Staff lena;   // leads main
    ConsoleClient.Staff rita;   // leads riverside only
    ConsoleClient.Staff lupe;   // advocate in main and riverside

    @BeforeEach
    void twoPrograms() throws Exception {
        riverside = await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        client = new ConsoleClient(hub);
        lena = client.account("lena", Role.LEAD);
        client.account("bea", Role.ADVOCATE);
        hub.addAccountIn("rita", Role.LEAD, Map.of("riverside", Role.LEAD));
        hub.addAccountIn("rob", Role.ADVOCATE, Map.of("riverside", Role.ADVOCATE));
        hub.addAccountIn("lupe", Role.ADVOCATE, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
        rita = client.login("rita", TestHub.PASSWORD, null);
        lupe = client.login("lupe", TestHub.PASSWORD, null);
    }

    private HttpResponse<Buffer> remove(ConsoleClient.Staff lead, String username) throws Exception {
        return client.post("/api/v1/lead/staff/" + username + "/remove", lead, new JsonObject());
    }

    private WsClient onShift(ConsoleClient.Staff who, String program) throws Exception {
        WsClient ws = WsClient.connect(hub.vertx, hub.port(), "/ws/advocate?program=" + program, hub.publicUrl(), who.cookie());
        ws.await("shift");
        ws.send("shift.start", "capacity", 2);
        ws.awaitMatching("shift", f -> f.getBoolean("onShift"));
        return ws;
    }

    private static List<String> usernames(HttpResponse<Buffer> staffList) {
        JsonArray all = staffList.bodyAsJsonObject().getJsonArray("accounts");
        return all.stream().map(o -> ((JsonObject) o).getString("username")).sorted().toList();
    }

    @Test
    void someoneWhoAlsoWorksElsewhereLeavesThisProgramOnlyAndItsConsoleClosesAtOnce() throws Exception {
        WsClient atRiverside = onShift(lupe, "riverside");
        WsClient atMain = onShift(lupe, "main");
        assertTrue(client.get("/api/v1/lead/staff", rita).bodyAsString().contains("\"otherPrograms\":true"),
                "the lead sees that lupe works elsewhere too (not where)");

        HttpResponse<Buffer> r = remove(rita, "lupe");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("removed", r.bodyAsJsonObject().getString("outcome"));

        JsonObject told = atRiverside.await("error");
        assertEquals("forbidden", told.getString("code"));
        assertTrue(told.getString("message").contains("no longer work in this program"), told.encode());
        assertEquals((short) 4403, atRiverside.awaitClose(5000));
        assertEquals(403, WsClient.refusedStatus(hub.vertx, hub.port(), "/ws/advocate?program=riverside", hub.publicUrl(), lupe.cookie()));
        assertNull(await(riverside.conversations().shiftOf("lupe")), "off shift at riverside");

        // Everything else stays: the account, the session, main's console and shift, main's lead's view of her.
        atMain.send("shift.start", "capacity", 1);
        assertEquals(1, atMain.awaitMatching("shift", f -> f.getInteger("capacity", 0) == 1).getInteger("capacity"));
        assertFalse(atMain.isClosed());
        Account after = await(hub.hub.accounts().account("lupe")).orElseThrow();
        assertFalse(after.disabled());
        assertEquals(Map.of("main", Role.ADVOCATE), after.memberships("main"));
        assertEquals(200, client.get("/api/v1/console/me", lupe).statusCode());
        assertEquals(200, client.get("/console?program=main", lupe).statusCode());
        assertEquals(403, client.get("/api/v1/console/library?program=riverside", lupe).statusCode());
        assertTrue(usernames(client.get("/api/v1/lead/staff", lena)).contains("lupe"), "main's lead still sees her");
        assertFalse(usernames(client.get("/api/v1/lead/staff", rita)).contains("lupe"));

        // Riverside's access log records it; main's does not.
        String riversideLog = client.get("/api/v1/lead/audit?action=account.remove", rita).bodyAsString();
        assertTrue(riversideLog.contains("lupe") && riversideLog.contains("role=advocate"), riversideLog);
        assertFalse(client.get("/api/v1/lead/audit", lena).bodyAsString().contains("account.remove"));
        atMain.close();
    }

    @Test
    void someoneWhoWorksOnlyInTheProgramIsDisabledAsBefore() throws Exception {
        ConsoleClient.Staff rob = client.login("rob", TestHub.PASSWORD, null);
        HttpResponse<Buffer> r = remove(rita, "rob");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("disabled", r.bodyAsJsonObject().getString("outcome"));
        Account after = await(hub.hub.accounts().account("rob")).orElseThrow();
        assertTrue(after.disabled());
        assertEquals(Map.of("riverside", Role.ADVOCATE), after.memberships("main"), "still listed: the log keeps making sense");
        assertEquals(401, client.get("/api/v1/console/me", rob).statusCode(), "signed out everywhere, as Disable does");
        assertTrue(client.get("/api/v1/lead/audit", rita).bodyAsString().contains("disabled=true"));
    }

    @Test
    void someoneHoldingChatsThereIsRefusedAndNothingChanges() throws Exception {
        WsClient atRiverside = onShift(lupe, "riverside");
        WsClient survivor = WsClient.connect(hub.vertx, hub.port(), "/ws/survivor?program=riverside", null, null);
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        atRiverside.send("accept", "conversation", id);
        atRiverside.await("conversation");

        HttpResponse<Buffer> r = remove(rita, "lupe");
        assertEquals(409, r.statusCode(), r.bodyAsString());
        assertEquals("conflict", r.bodyAsJsonObject().getString("code"));
        assertTrue(r.bodyAsJsonObject().getString("message").contains("still holds 1 chat"), r.bodyAsString());
        assertEquals(Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE),
                await(hub.hub.accounts().account("lupe")).orElseThrow().memberships("main"));
        atRiverside.send("message", "conversation", id, "clientId", "c1", "text", "still here");
        survivor.awaitMatching("message", m -> "still here".equals(m.getString("text")));
        assertFalse(atRiverside.isClosed());
        assertFalse(client.get("/api/v1/lead/audit", rita).bodyAsString().contains("account.remove"));
    }

    @Test
    void yourselfOtherProgramsPeopleAndHubWideDisablingAreRefused() throws Exception {
        assertEquals(400, remove(rita, "rita").statusCode());
        // Another program's person and a made-up name answer alike: nothing tells them apart.
        HttpResponse<Buffer> bea = remove(rita, "bea");
        HttpResponse<Buffer> nobody = remove(rita, "nobody");
        assertEquals(404, bea.statusCode());
        assertEquals(bea.bodyAsJsonObject(), nobody.bodyAsJsonObject());
        assertFalse(await(hub.hub.accounts().account("bea")).orElseThrow().disabled());
        assertEquals(403, remove(client.login("rob", TestHub.PASSWORD, null), "lupe").statusCode(), "advocates may not");
        assertEquals(403, client.send(io.vertx.core.http.HttpMethod.POST, "/api/v1/lead/staff/lupe/remove", rita, new JsonObject(), false)
                .statusCode(), "no CSRF token");

        // Disabling is hub-wide: one program's lead cannot switch someone off for the other.
        HttpResponse<Buffer> disable = client.put("/api/v1/lead/staff/lupe", rita, new JsonObject().put("disabled", true));
        assertEquals(409, disable.statusCode(), disable.bodyAsString());
        assertTrue(disable.bodyAsJsonObject().getString("message").contains("also works in another program"));
        assertFalse(await(hub.hub.accounts().account("lupe")).orElseThrow().disabled());
        assertEquals(200, client.get("/api/v1/console/me", lupe).statusCode());
    }

    /**
     * Both leads of someone's two programs take them out at the same moment: each saw them working elsewhere too, so
     * each only removed its own program. The second removal found an account with no other program, and an account
     * listing none is read as the default program's: the person came back as main's advocate (or stayed in main),
     * active. Now the second one sees that the program is their last, and disables the account, as Remove does then.
     */
    @Test
    void twoLeadsRemovingSomeoneAtOnceLeaveNoProgramAndTheAccountDisabled() throws Exception {
        await(hub.hub.programs().create(ProgramId.of("eastside"), "Eastside"));
        hub.addAccountIn("eve", Role.LEAD, Map.of("eastside", Role.LEAD));
        ConsoleClient.Staff eve = client.login("eve", TestHub.PASSWORD, null);
        for (int i = 0; i < 3; i++) {
            String both = "both" + i;
            hub.addAccountIn(both, Role.ADVOCATE, Map.of("riverside", Role.ADVOCATE, "eastside", Role.ADVOCATE));
            removedAtOnce(both, rita, eve);
            String withMain = "withmain" + i;
            hub.addAccountIn(withMain, Role.ADVOCATE, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
            removedAtOnce(withMain, rita, lena);
        }
    }

    private void removedAtOnce(String username, ConsoleClient.Staff one, ConsoleClient.Staff other) throws Exception {
        ConsoleClient.Staff person = client.login(username, TestHub.PASSWORD, null);
        var first = hub.http().post(hub.port(), "localhost", "/api/v1/lead/staff/" + username + "/remove")
                .putHeader("Cookie", one.cookie()).putHeader("X-CSRF-Token", one.csrf()).sendJsonObject(new JsonObject());
        var second = hub.http().post(hub.port(), "localhost", "/api/v1/lead/staff/" + username + "/remove")
                .putHeader("Cookie", other.cookie()).putHeader("X-CSRF-Token", other.csrf()).sendJsonObject(new JsonObject());
        await(io.vertx.core.Future.join(first, second));
        List<String> outcomes = java.util.stream.Stream.of(first.result(), second.result())
                .map(r -> r.statusCode() + " " + r.bodyAsJsonObject().getString("outcome")).sorted().toList();
        assertEquals(List.of("200 disabled", "200 removed"), outcomes, username);
        Account after = await(hub.hub.accounts().account(username)).orElseThrow();
        assertTrue(after.disabled(), username + " " + after.memberships("main"));
        assertEquals(1, after.memberships("main").size(), username + ": the program of the last removal stays listed");
        if (!username.startsWith("withmain")) {
            assertTrue(after.roleIn("main", "main").isEmpty(), username + " is put in no program a lead did not put them in");
        }
        assertEquals(401, client.get("/api/v1/console/me", person).statusCode(), username + " is signed out");
    }

    @Test
    void aConsoleThatMissedTheEventClosesAtTheNextSessionCheck() throws Exception {
        WsClient atRiverside = onShift(lupe, "riverside");
        WsClient atMain = onShift(lupe, "main");
        // Taken out behind the event's back (as if this node had missed it): the store alone says so.
        Account a = await(hub.hub.accounts().account("lupe")).orElseThrow();
        await(hub.hub.accounts().saveAccount(a.withRoleIn("riverside", null, "main")));
        atRiverside.send("shift.start", "capacity", 1);
        hub.hub.sockets().checkAdvocateSessions();
        assertEquals((short) 4403, atRiverside.awaitClose(5000));
        atMain.send("shift.start", "capacity", 1);
        atMain.awaitMatching("shift", f -> f.getInteger("capacity", 0) == 1);
        assertFalse(atMain.isClosed());
        atMain.close();
    }
}
