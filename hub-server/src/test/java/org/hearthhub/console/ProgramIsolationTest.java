package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.console.ConsoleRoutes.ConsoleRoute;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.Role;
import org.hearthhub.model.ProgramId;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two programs on one hub, "main" (the default) and "riverside": for every console route and every console
 * socket frame, the staff of one get nothing of the other's (403/404 in the standard error shape, and no
 * queue or conversation frame of the other's).
 */
class ProgramIsolationTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;
    ConsoleClient client;
    HostedProgram riverside;
    ConsoleClient.Staff lena;   // leads main (an account from before programs: no list)
    ConsoleClient.Staff rita;   // leads riverside only
    ConsoleClient.Staff rob;    // advocate in riverside only

    @BeforeEach
    void twoPrograms() throws Exception {
        riverside = await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        client = new ConsoleClient(hub);
        lena = client.account("lena", Role.LEAD);
        client.account("bea", Role.ADVOCATE);
        rita = in("rita", Role.LEAD, Map.of("riverside", Role.LEAD));
        rob = in("rob", Role.ADVOCATE, Map.of("riverside", Role.ADVOCATE));
        in("lupe", Role.ADVOCATE, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
    }

    /** An account working in the programs given, signed in. */
    private ConsoleClient.Staff in(String username, Role role, Map<String, Role> programs) throws Exception {
        hub.addAccount(username, role, List.of("en", "es"), 2);
        Account a = await(hub.hub.accounts().account(username)).orElseThrow();
        await(hub.hub.accounts().saveAccount(new Account(a.username(), a.displayName(), role, a.passwordHash(), null, false, 2,
                a.languages(), "en", a.createdAt(), false, null, programs, false)));
        return client.login(username, TestHub.PASSWORD, null);
    }

    private static String path(ConsoleRoute spec, String program) {
        return spec.path().replace(":username", "bea") + "?program=" + program;
    }

    /** A body shaped as the route wants, so that only the guards decide (ConsoleAccessTest proves each passes a lead). */
    private static JsonObject body(ConsoleRoute spec) {
        String p = spec.path();
        if (p.equals("/api/v1/lead/staff")) {
            return new JsonObject().put("username", "intruder").put("displayName", "X").put("role", "lead")
                    .put("password", "a long enough password").put("capacity", 1).put("languages", new JsonArray().add("en"));
        }
        if (p.endsWith("/password")) return new JsonObject().put("password", "another long password").put("current", "x");
        if (p.equals("/api/v1/lead/security")) return new JsonObject().put("requireTotpForAll", true);
        return new JsonObject().put("capacity", 1).put("disabled", true);
    }

    private static List<ConsoleRoute> programRoutes() {
        List<ConsoleRoute> all = new ArrayList<>();
        for (ConsoleRoute r : ConsoleRoutes.ROUTES) if (r.lead() || r.reachableWhile().isEmpty()) all.add(r);
        return all;
    }

    private void refusedEverywhere(ConsoleClient.Staff who, String program) throws Exception {
        for (ConsoleRoute route : programRoutes()) {
            HttpResponse<Buffer> r = client.send(route.method(), path(route, program), who, route.changesState() ? body(route) : null, true);
            assertEquals(403, r.statusCode(), who.username() + " " + route + " " + program);
            if (route.page()) {
                assertTrue(r.getHeader("Content-Type").startsWith("text/html"), route.toString());
            } else {
                assertEquals("forbidden", r.bodyAsJsonObject().getString("code"), route.toString());
                assertTrue(r.bodyAsJsonObject().getString("message").length() > 0, route.toString());
            }
        }
    }

    @Test
    void aLeadOfOneProgramIsRefusedEveryRouteOfTheOther() throws Exception {
        ProgramSettings mainBefore = hub.hub.settings().get();
        refusedEverywhere(rita, "main");
        refusedEverywhere(lena, "riverside");
        refusedEverywhere(rob, "main");
        assertEquals(mainBefore, hub.hub.settings().get(), "main's settings untouched");
        Account bea = await(hub.hub.accounts().account("bea")).orElseThrow();
        assertEquals(2, bea.capacity());
        assertFalse(bea.disabled());
        assertTrue(await(hub.hub.accounts().account("intruder")).isEmpty());
    }

    @Test
    void aProgramTheHubDoesNotHostOrNoProgramIdIsRefusedAlike() throws Exception {
        for (String program : List.of("nowhere", "Main", "%3Cscript%3E", "a".repeat(41))) refusedEverywhere(lena, program);
    }

    @Test
    void aLeadSeesAndChangesOnlyTheirOwnProgram() throws Exception {
        // lena writes main's log; rita's pages and APIs (no program named: her only one) are riverside's.
        assertEquals(200, client.put("/api/v1/lead/security", lena, new JsonObject().put("requireTotpForAll", false)).statusCode());
        JsonObject widget = client.get("/api/v1/lead/widget", rita).bodyAsJsonObject();
        widget.getJsonObject("title").put("en", "Riverside Chat");
        assertEquals(200, client.put("/api/v1/lead/widget", rita, widget).statusCode(), widget.encode());
        assertEquals("Riverside Chat", riverside.settings().get().widget().title().get("en"));
        assertFalse("Riverside Chat".equals(hub.hub.settings().get().widget().title().get("en")));

        JsonArray staff = client.get("/api/v1/lead/staff", rita).bodyAsJsonObject().getJsonArray("accounts");
        List<String> names = staff.stream().map(o -> ((JsonObject) o).getString("username")).sorted().toList();
        assertEquals(List.of("lupe", "rita", "rob"), names, "only riverside's people");
        assertEquals(404, client.put("/api/v1/lead/staff/bea", rita, new JsonObject().put("capacity", 1)).statusCode());
        assertEquals(404, client.post("/api/v1/lead/staff/lena/password", rita,
                new JsonObject().put("password", "another long password")).statusCode());

        String riversideLog = client.get("/api/v1/lead/audit", rita).bodyAsString();
        assertTrue(riversideLog.contains("widget"), riversideLog);
        assertFalse(riversideLog.contains("lena"), "main's log is not riverside's: " + riversideLog);
        assertFalse(client.get("/api/v1/lead/audit", lena).bodyAsString().contains("rita"), "nor the other way");
        assertEquals(200, client.get("/api/v1/lead/stats", rita).statusCode());

        // A person created by riverside's lead works in riverside alone.
        JsonObject created = new JsonObject().put("username", "ria").put("displayName", "Ria").put("role", "advocate")
                .put("password", "a long enough password").put("capacity", 1).put("languages", new JsonArray().add("en"));
        assertEquals(201, client.post("/api/v1/lead/staff", rita, created).statusCode());
        Account ria = await(hub.hub.accounts().account("ria")).orElseThrow();
        assertEquals(Map.of("riverside", Role.ADVOCATE), ria.memberships("main"));
        assertFalse(client.get("/api/v1/lead/staff", lena).bodyAsString().contains("ria"));
    }

    @Test
    void aPersonInTwoProgramsChoosesOneAndThePageRemembersIt() throws Exception {
        ConsoleClient.Staff lupe = client.login("lupe", TestHub.PASSWORD, null);
        HttpResponse<Buffer> page = client.get("/console?program=riverside", lupe);
        assertEquals(200, page.statusCode());
        assertTrue(page.bodyAsString().contains("/console?program=main"), "the chooser offers the other program");
        String remembered = page.cookies().stream().filter(c -> c.startsWith("hearth-program=")).findFirst().orElseThrow();
        assertTrue(remembered.toLowerCase().contains("httponly") && remembered.contains("SameSite=Strict"), remembered);
    }

    private WsClient console(ConsoleClient.Staff who, String program) throws Exception {
        WsClient ws = WsClient.connect(hub.vertx, hub.port(), "/ws/advocate" + (program == null ? "" : "?program=" + program),
                hub.publicUrl(), who.cookie());
        ws.await("shift");
        ws.send("shift.start", "capacity", 2);
        ws.awaitMatching("shift", f -> f.getBoolean("onShift"));
        return ws;
    }

    private static JsonObject start(WsClient survivor) {
        survivor.send("start", "lang", "en");
        return survivor.await("started");
    }

    @Test
    void consoleSocketsCarryTheirOwnProgramsQueueAndConversationsOnly() throws Exception {
        WsClient ritaOnShift = console(rita, null);   // her only program: riverside
        ConsoleClient.Staff beaSession = client.login("bea", TestHub.PASSWORD, null);
        WsClient beaOnShift = console(beaSession, null);
        assertEquals(403, WsClient.refusedStatus(hub.vertx, hub.port(), "/ws/advocate?program=main", hub.publicUrl(), rob.cookie()));
        assertEquals(403, WsClient.refusedStatus(hub.vertx, hub.port(), "/ws/advocate?program=nowhere", hub.publicUrl(), rob.cookie()));

        WsClient ours = hub.survivor();
        JsonObject mainChat = start(ours);
        WsClient theirs = WsClient.connect(hub.vertx, hub.port(), "/ws/survivor?program=riverside", null, null);
        JsonObject riversideChat = start(theirs);
        beaOnShift.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        ritaOnShift.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());

        // Every frame that names a conversation, aimed at the other program's: refused, and its survivor hears nothing.
        String other = mainChat.getString("conversation");
        List<JsonObject> frames = List.of(
                new JsonObject().put("type", "accept"),
                new JsonObject().put("type", "message").put("clientId", "x1").put("text", "hello"),
                new JsonObject().put("type", "typing"),
                new JsonObject().put("type", "transfer").put("to", "bea"),
                new JsonObject().put("type", "end"),
                new JsonObject().put("type", "block"),
                new JsonObject().put("type", "video.offer"));
        for (JsonObject f : frames) {
            ritaOnShift.send(f.copy().put("conversation", other));
            JsonObject error = ritaOnShift.await("error");
            assertTrue(List.of("not_found", "forbidden").contains(error.getString("code")), f + " → " + error);
        }
        ours.expectNone("assigned", 300);
        ours.expectNone("message", 100);
        ours.expectNone("typing", 100);
        ours.expectNone("ended", 100);

        // Queue frames: each side's only.
        for (JsonObject q : ritaOnShift.drain("queue")) assertFalse(q.encode().contains(other), q.encode());
        for (JsonObject q : beaOnShift.drain("queue")) {
            assertFalse(q.encode().contains(riversideChat.getString("conversation")), q.encode());
        }
        // riverside's own chat goes to riverside's lead as always.
        ritaOnShift.send("accept", "conversation", riversideChat.getString("conversation"));
        ritaOnShift.await("conversation");
        theirs.await("assigned");
    }

    @Test
    void aPersonInTwoProgramsTakesTheQueueOfTheProgramTheirSocketNames() throws Exception {
        ConsoleClient.Staff lupe = client.login("lupe", TestHub.PASSWORD, null);
        WsClient atRiverside = console(lupe, "riverside");
        WsClient theirs = WsClient.connect(hub.vertx, hub.port(), "/ws/survivor?program=riverside", null, null);
        String id = start(theirs).getString("conversation");
        JsonObject q = atRiverside.awaitMatching("queue", f -> !f.getJsonArray("items").isEmpty());
        assertEquals(id, q.getJsonArray("items").getJsonObject(0).getString("conversation"));
        WsClient atMain = console(lupe, "main");
        for (JsonObject f : atMain.drain("queue")) assertFalse(f.encode().contains(id), f.encode());
    }

    @Test
    void guessedUsernamesAndProgramIdsTellAnotherProgramsLeadNothingAndChangeNothing() throws Exception {
        // Removing: main's people and made-up names answer alike at riverside; naming main is refused as any program not hers.
        HttpResponse<Buffer> mainsPerson = client.post("/api/v1/lead/staff/bea/remove", rita, new JsonObject());
        HttpResponse<Buffer> madeUp = client.post("/api/v1/lead/staff/nobody/remove", rita, new JsonObject());
        assertEquals(404, mainsPerson.statusCode());
        assertEquals(madeUp.bodyAsJsonObject(), mainsPerson.bodyAsJsonObject());
        assertEquals(403, client.post("/api/v1/lead/staff/lupe/remove?program=main", rita, new JsonObject()).statusCode());
        assertEquals(403, client.post("/api/v1/lead/staff/lupe/remove?program=nowhere", rita, new JsonObject()).statusCode());
        assertEquals(403, client.post("/api/v1/lead/staff/lupe/remove", rob, new JsonObject()).statusCode(), "an advocate");
        assertFalse(await(hub.hub.accounts().account("bea")).orElseThrow().disabled());
        assertEquals(Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE),
                await(hub.hub.accounts().account("lupe")).orElseThrow().memberships("main"));

        // The coalition admin's page and API: the same 403 for any id, hosted or not, so nothing is learnt.
        for (String program : List.of("main", "riverside", "nowhere")) {
            for (ConsoleClient.Staff who : List.of(rita, rob, lena)) {
                HttpResponse<Buffer> page = client.get("/console/coalition/programs?program=" + program, who);
                assertEquals(403, page.statusCode());
                assertFalse(page.bodyAsString().contains("Riverside"), "no program names on the refusal");
                HttpResponse<Buffer> lead = client.put("/api/v1/coalition/programs/" + program + "/leads/" + who.username(), who,
                        new JsonObject());
                assertEquals(403, lead.statusCode());
                assertEquals("forbidden", lead.bodyAsJsonObject().getString("code"));
            }
        }
        assertEquals(Role.LEAD, await(hub.hub.accounts().account("rita")).orElseThrow().roleIn("riverside", "main").orElseThrow());
        assertTrue(await(hub.hub.accounts().account("rob")).orElseThrow().roleIn("main", "main").isEmpty());
    }
}
