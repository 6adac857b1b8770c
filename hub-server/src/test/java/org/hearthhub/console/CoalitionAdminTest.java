package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.json.JsonArray;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.sharing.Sharing;
import org.hearthhub.sharing.SharingRegister;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.ShownNameSamples;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A coalition admin creates programs and names their leads; nobody else can. */
class CoalitionAdminTest {
    private static final String PROGRAMS = "/api/v1/coalition/programs";
    private static final String STATISTICS = "/api/v1/coalition/statistics";
    private static final String PAGE = "/console/coalition/statistics";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;
    ConsoleClient client;
    ConsoleClient.Staff cora;
    ConsoleClient.Staff lena;

    @BeforeEach
    void accounts() throws Exception {
        client = new ConsoleClient(hub);
        lena = client.account("lena", Role.LEAD);
        client.account("rita", Role.ADVOCATE);
        hub.addAccount("cora", Role.LEAD, List.of("en"), 1);
        Account a = await(hub.hub.accounts().account("cora")).orElseThrow();
        await(hub.hub.accounts().saveAccount(a.withCoalitionAdmin(true)));
        cora = client.login("cora", TestHub.PASSWORD, null);
    }

    @Test
    void anAdminCreatesAProgramAndNamesItsLead() throws Exception {
        HttpResponse<Buffer> created = client.post(PROGRAMS, cora, new JsonObject().put("id", "riverside").put("name", "Riverside Shelter"));
        assertEquals(201, created.statusCode(), created.bodyAsString());
        assertEquals(200, await(hub.http().get(hub.port(), "localhost", "/api/v1/status?program=riverside").send()).statusCode());
        assertEquals(204, client.put(PROGRAMS + "/riverside/leads/rita", cora, new JsonObject()).statusCode());

        Account rita = await(hub.hub.accounts().account("rita")).orElseThrow();
        assertEquals(Map.of("main", Role.ADVOCATE, "riverside", Role.LEAD), rita.memberships("main"));
        ConsoleClient.Staff ritaIn = client.login("rita", TestHub.PASSWORD, null);
        assertEquals(200, client.get("/api/v1/lead/hours?program=riverside", ritaIn).statusCode());
        assertEquals(403, client.get("/api/v1/lead/hours?program=main", ritaIn).statusCode(), "still an advocate at main");

        JsonObject listed = client.get(PROGRAMS, cora).bodyAsJsonObject();
        assertEquals(2, listed.getJsonArray("programs").size());
        JsonObject riverside = listed.getJsonArray("programs").getJsonObject(1);
        assertEquals("riverside", riverside.getString("id"));
        assertEquals(List.of("rita"), riverside.getJsonArray("leads").getList());
        String log = client.get("/api/v1/lead/audit?program=riverside", ritaIn).bodyAsString();
        assertTrue(log.contains("program.lead"), log);
    }

    @Test
    void badTakenOrUnknownIdsAreRefused() throws Exception {
        for (String id : List.of("Riverside", "", "a".repeat(41), "<b>x</b>", "../main")) {
            HttpResponse<Buffer> r = client.post(PROGRAMS, cora, new JsonObject().put("id", id));
            assertEquals(400, r.statusCode(), id + " " + r.bodyAsString());
        }
        assertEquals(409, client.post(PROGRAMS, cora, new JsonObject().put("id", "main")).statusCode());
        assertEquals(201, client.post(PROGRAMS, cora, new JsonObject().put("id", "riverside")).statusCode());
        assertEquals(409, client.post(PROGRAMS, cora, new JsonObject().put("id", "riverside")).statusCode());
        HttpResponse<Buffer> unknown = client.put(PROGRAMS + "/nowhere/leads/rita", cora, new JsonObject());
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown_program", unknown.bodyAsJsonObject().getString("code"));
        assertEquals(404, client.put(PROGRAMS + "/riverside/leads/nobody", cora, new JsonObject()).statusCode());
        assertEquals(2, hub.hub.programs().all().size());
    }

    @Test
    void aProgramNameWithAControlOrTextDirectionCharacterIsRefusedAndNamesInAnyScriptAreKept() throws Exception {
        for (String spoof : ShownNameSamples.SPOOFING) {
            HttpResponse<Buffer> r = client.post(PROGRAMS, cora, new JsonObject().put("id", "riverside").put("name", spoof));
            assertEquals(400, r.statusCode(), spoof);
            assertEquals("bad_request", r.bodyAsJsonObject().getString("code"));
            assertEquals("A program name is at most 80 characters, with no control or text-direction characters.",
                    r.bodyAsJsonObject().getString("message"));
            assertEquals("name", r.bodyAsJsonObject().getString("field"), "the form puts it beside the name");
        }
        assertEquals(1, hub.hub.programs().all().size(), "nothing created");
        assertEquals(200, client.put("/api/v1/console/me", cora, new JsonObject().put("uiLanguage", "es")).statusCode());
        assertEquals("El nombre de un programa tiene como máximo 80 caracteres, sin caracteres de control ni de dirección del texto.",
                client.post(PROGRAMS, cora, new JsonObject().put("id", "riverside").put("name", "\u202Eedisrevir"))
                        .bodyAsJsonObject().getString("message"));

        int n = 0;
        for (String name : ShownNameSamples.IN_ANY_SCRIPT) {
            String id = "program-" + n++;
            HttpResponse<Buffer> r = client.post(PROGRAMS, cora, new JsonObject().put("id", id).put("name", name));
            assertEquals(201, r.statusCode(), name + " " + r.bodyAsString());
            assertEquals(name, hub.hub.programs().named(id).orElseThrow().program().name());
        }
    }

    @Test
    void nobodyButAnAdminGetsIn() throws Exception {
        for (HttpMethod m : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT)) {
            String path = m == HttpMethod.PUT ? PROGRAMS + "/main/leads/rita" : PROGRAMS;
            JsonObject body = m == HttpMethod.GET ? null : new JsonObject().put("id", "eastside");
            HttpResponse<Buffer> asLead = client.send(m, path, lena, body, true);
            assertEquals(403, asLead.statusCode(), m + " " + asLead.bodyAsString());
            assertEquals("forbidden", asLead.bodyAsJsonObject().getString("code"));
            assertEquals(401, client.send(m, path, null, body, false).statusCode());
            if (m != HttpMethod.GET) assertEquals(403, client.send(m, path, cora, body, false).statusCode(), "no CSRF token");
        }
        assertEquals(1, hub.hub.programs().all().size());
        assertEquals(Role.ADVOCATE, await(hub.hub.accounts().account("rita")).orElseThrow().role());
    }

    @Test
    void anAdminGivesAProgramItsNumbersAndANumberReachesOneProgramOnly() throws Exception {
        assertEquals(201, client.post(PROGRAMS, cora, new JsonObject().put("id", "riverside")).statusCode());
        assertEquals(201, client.post(PROGRAMS, cora, new JsonObject().put("id", "eastside")).statusCode());
        HttpResponse<Buffer> set = client.put(PROGRAMS + "/riverside/numbers", cora,
                new JsonObject().put("sms", "+15550100201").put("voice", "+15550100201"));
        assertEquals(200, set.statusCode(), set.bodyAsString());
        assertEquals("+15550100201", set.bodyAsJsonObject().getString("smsNumber"));

        // Claimed by riverside, for either kind: refused for eastside, in words, and nothing changes.
        for (JsonObject claim : List.of(new JsonObject().put("sms", "+15550100201"), new JsonObject().put("voice", "+15550100201"))) {
            HttpResponse<Buffer> taken = client.put(PROGRAMS + "/eastside/numbers", cora, claim);
            assertEquals(409, taken.statusCode(), taken.bodyAsString());
            assertEquals("conflict", taken.bodyAsJsonObject().getString("code"));
            assertTrue(taken.bodyAsJsonObject().getString("message").contains("belongs to another program"), taken.bodyAsString());
        }
        JsonObject eastside = client.get(PROGRAMS, cora).bodyAsJsonObject().getJsonArray("programs").stream()
                .map(JsonObject.class::cast).filter(p -> p.getString("id").equals("eastside")).findFirst().orElseThrow();
        assertNull(eastside.getValue("smsNumber"));
        assertNull(eastside.getValue("voiceNumber"));

        // Riverside may move its texts to another number, and then eastside may have the old one.
        assertEquals(200, client.put(PROGRAMS + "/riverside/numbers", cora, new JsonObject().put("sms", "+15550100202")
                .put("voice", "+15550100201")).statusCode());
        assertEquals(409, client.put(PROGRAMS + "/eastside/numbers", cora, new JsonObject().put("sms", "+15550100201")).statusCode());
        assertEquals(200, client.put(PROGRAMS + "/riverside/numbers", cora, new JsonObject().put("sms", "+15550100202")).statusCode());
        assertEquals(200, client.put(PROGRAMS + "/eastside/numbers", cora, new JsonObject().put("sms", "+15550100201")).statusCode());

        // Kept across a reload of the registry, as another node reads it.
        await(hub.hub.programs().registry().reload());
        assertEquals("eastside", hub.hub.programs().registry().owning("+15550100201", Program::smsNumber).orElseThrow().id().value());
        assertEquals("riverside", hub.hub.programs().registry().owning("+15550100202", Program::smsNumber).orElseThrow().id().value());
        assertTrue(hub.hub.programs().registry().owning("+15550100201", Program::voiceNumber).isEmpty());
        String hubLog = client.get("/api/v1/lead/audit", cora).bodyAsString();
        assertTrue(hubLog.contains("program.numbers"), hubLog);
        assertFalse(hubLog.contains("+1555"), "the access log does not name the numbers: " + hubLog);
    }

    @Test
    void numbersOfAnotherFormTheDefaultProgramsOrAnUnknownProgramAreRefused() throws Exception {
        assertEquals(201, client.post(PROGRAMS, cora, new JsonObject().put("id", "riverside")).statusCode());
        for (Object bad : List.of("5550100200", "+1 555 010 0200", "+0555010020", "+1555", "<script>", "+1".repeat(9), 15550100200L)) {
            HttpResponse<Buffer> r = client.put(PROGRAMS + "/riverside/numbers", cora, new JsonObject().put("sms", bad));
            assertEquals(400, r.statusCode(), bad + " " + r.bodyAsString());
            assertEquals("bad_request", r.bodyAsJsonObject().getString("code"));
            HttpResponse<Buffer> voice = client.put(PROGRAMS + "/riverside/numbers", cora, new JsonObject().put("voice", bad));
            assertEquals(400, voice.statusCode(), bad + " " + voice.bodyAsString());
        }
        HttpResponse<Buffer> main = client.put(PROGRAMS + "/main/numbers", cora, new JsonObject().put("sms", "+15550100200"));
        assertEquals(400, main.statusCode());
        assertTrue(main.bodyAsJsonObject().getString("message").contains("configuration"), main.bodyAsString());
        HttpResponse<Buffer> unknown = client.put(PROGRAMS + "/nowhere/numbers", cora, new JsonObject().put("sms", "+15550100200"));
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown_program", unknown.bodyAsJsonObject().getString("code"));
        assertEquals(403, client.put(PROGRAMS + "/riverside/numbers", lena, new JsonObject().put("sms", "+15550100200")).statusCode());
        assertTrue(hub.hub.programs().registry().owning("+15550100200", Program::smsNumber).isEmpty());
    }

    @Test
    void anAdminSeesEachProgramsTotalsTheirSumAndTheSharingsBetweenProgramsButNoNames() throws Exception {
        assertEquals(201, client.post(PROGRAMS, cora, new JsonObject().put("id", "riverside")).statusCode());
        HostedProgram main = hub.hub.programs().defaultProgram();
        HostedProgram riverside = hub.hub.programs().find(ProgramId.parse("riverside").orElseThrow()).orElseThrow();
        LocalDate today = LocalDate.parse("2026-11-23");
        await(main.store().addDailyCounters(today.minusDays(1), Map.of("contacts.web", 5L, "wait.lt1m", 4L, "end.survivor", 5L)));
        await(main.store().addDailyCounters(today, Map.of("contacts.web", 2L, "contacts.sms", 1L)));
        await(riverside.store().addDailyCounters(today, Map.of("contacts.web", 3L, "end.survivor", 2L, "feedback.helped.yes", 1L)));
        await(riverside.store().addDailyCounters(today.minusDays(10), Map.of("contacts.web", 100L)));

        await(main.register().record(Sharing.card("main", "riverside", "Riverside Shelter", "maria")));
        await(main.register().record(Sharing.card("main", "riverside", "Riverside Shelter", "lena")));
        await(main.register().record(Sharing.card("main", null, "Legal Aid Downtown", "maria")));
        await(riverside.register().record(new Sharing(Sharing.Kind.TRANSFER, "riverside", "main", null, Sharing.Categories.TRANSCRIPT,
                SharingRegister.CONSENT, null, "rosalind")));
        // The receiver's copy of a sharing is the sender's to count: not counted twice.
        await(riverside.register().record(Sharing.card("main", "riverside", "Riverside Shelter", "maria")));

        HttpResponse<Buffer> r = client.get(STATISTICS + "?from=2026-11-21&to=2026-11-23", cora);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject out = r.bodyAsJsonObject();
        assertEquals(Set.of("from", "to", "programs", "coalition", "sharing"), out.fieldNames());
        JsonObject mainTotals = out.getJsonArray("programs").getJsonObject(0).getJsonObject("totals");
        JsonObject riversideTotals = out.getJsonArray("programs").getJsonObject(1).getJsonObject("totals");
        assertEquals("main", out.getJsonArray("programs").getJsonObject(0).getString("id"));
        assertEquals(new JsonObject().put("contacts.sms", 1L).put("contacts.web", 7L).put("end.survivor", 5L).put("wait.lt1m", 4L), mainTotals);
        assertEquals(new JsonObject().put("contacts.web", 3L).put("end.survivor", 2L).put("feedback.helped.yes", 1L), riversideTotals,
                "ten days back is outside the range");
        JsonObject coalition = out.getJsonObject("coalition");
        assertEquals(new JsonObject().put("contacts.sms", 1L).put("contacts.web", 10L).put("end.survivor", 7L).put("feedback.helped.yes", 1L)
                .put("wait.lt1m", 4L), coalition.getJsonObject("totals"));
        assertEquals(new JsonObject().put("contacts.sms", 1L).put("contacts.web", 5L).put("end.survivor", 2L).put("feedback.helped.yes", 1L),
                coalition.getJsonObject("days").getJsonObject("2026-11-23"));
        assertEquals(new JsonArray()
                        .add(new JsonObject().put("kind", "referral").put("from", "main").put("to", "riverside").put("count", 2L))
                        .add(new JsonObject().put("kind", "referral").put("from", "main").put("to", null).put("count", 1L))
                        .add(new JsonObject().put("kind", "transfer").put("from", "riverside").put("to", "main").put("count", 1L)),
                out.getJsonArray("sharing"));
        String body = r.bodyAsString();
        for (String name : List.of("maria", "lena", "rosalind", "Legal Aid", "Riverside Shelter", "transcript", "consent")) {
            assertFalse(body.contains(name), name + " in " + body);
        }

        JsonObject november = client.get(STATISTICS + "?from=2026-10-01&to=2026-10-31", cora).bodyAsJsonObject();
        assertEquals(0, november.getJsonArray("sharing").size(), "the register's November lines are outside October");
        assertEquals(0, november.getJsonObject("coalition").getJsonObject("totals").size());
    }

    @Test
    void theDefaultRangeEndsOnTheLatestOfTheProgramsOwnTodaysAndThePageSaysEachCountsInItsZone() throws Exception {
        assertEquals(201, client.post(PROGRAMS, cora, new JsonObject().put("id", "riverside")).statusCode());
        HostedProgram main = hub.hub.programs().defaultProgram();
        HostedProgram riverside = hub.hub.programs().find(ProgramId.parse("riverside").orElseThrow()).orElseThrow();
        await(main.settings().update(s -> s.withHours("America/Los_Angeles", s.weeklyHours(), s.holidays(), s.closedWhenUnstaffed())));
        await(riverside.settings().update(s -> s.withHours("Australia/Sydney", s.weeklyHours(), s.holidays(), s.closedWhenUnstaffed())));
        // the hub's clock reads 2026-11-23T15:00Z: 07:00 on the 23rd in Los Angeles, 02:00 on the 24th in Sydney
        await(riverside.stats().recordFeedback(5, true));

        JsonObject out = client.get(STATISTICS, cora).bodyAsJsonObject();
        assertEquals("2026-11-24", out.getString("to"), "Sydney's day so far is in the default range: " + out.encode());
        assertEquals(1L, out.getJsonObject("coalition").getJsonObject("totals").getLong("feedback.rating.5"));
        assertTrue(client.get(PAGE, cora).bodyAsString().contains("Each program counts its days in its own time zone"));
    }

    @Test
    void coalitionStatisticsAreForAdminsOnlyAndABadRangeIsRefusedInTheStandardShape() throws Exception {
        ConsoleClient.Staff rita = client.login("rita", TestHub.PASSWORD, null);
        for (ConsoleClient.Staff staff : List.of(lena, rita)) {
            HttpResponse<Buffer> r = client.get(STATISTICS, staff);
            assertEquals(403, r.statusCode(), r.bodyAsString());
            assertEquals("forbidden", r.bodyAsJsonObject().getString("code"));
        }
        assertEquals(401, client.send(HttpMethod.GET, STATISTICS, null, null, false).statusCode());
        assertEquals(200, client.get(STATISTICS, cora).statusCode(), "by default the last 30 days");
        for (String range : List.of("?from=2026-11-23&to=2026-11-01", "?from=2024-01-01&to=2026-11-01", "?from=yesterday",
                "?to=%3Cscript%3E")) {
            HttpResponse<Buffer> r = client.get(STATISTICS + range, cora);
            assertEquals(400, r.statusCode(), range + " " + r.bodyAsString());
            assertEquals("bad_request", r.bodyAsJsonObject().getString("code"), range);
            assertFalse(r.bodyAsJsonObject().getString("message").isBlank(), range);
            assertFalse(r.bodyAsString().contains("<script>"), range);
        }
    }

    @Test
    void theCoalitionPageDrawsTheSumAndListsEachProgramAndTheSharingsForAdminsOnly() throws Exception {
        assertEquals(201, client.post(PROGRAMS, cora, new JsonObject().put("id", "riverside").put("name", "<b>River</b>")).statusCode());
        HostedProgram main = hub.hub.programs().defaultProgram();
        HostedProgram riverside = hub.hub.programs().find(ProgramId.parse("riverside").orElseThrow()).orElseThrow();
        await(main.store().addDailyCounters(LocalDate.parse("2026-11-23"), Map.of("contacts.web", 6L, "abandoned", 1L)));
        await(riverside.store().addDailyCounters(LocalDate.parse("2026-11-22"), Map.of("contacts.sms", 2L)));
        await(riverside.register().record(new Sharing(Sharing.Kind.TRANSFER, "riverside", "main", null, Sharing.Categories.TRANSCRIPT,
                SharingRegister.CONSENT, null, "rosalind")));
        await(main.register().record(Sharing.card("main", null, "Legal Aid Downtown", "maria")));

        HttpResponse<Buffer> r = client.get(PAGE + "?from=2026-11-21&to=2026-11-23", cora);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String page = r.bodyAsString();
        for (String chart : List.of("contacts", "abandoned", "wait", "duration", "languages", "ratings", "ends")) {
            assertTrue(page.contains("id=\"chart-" + chart + "\""), chart);
        }
        assertTrue(page.contains("<dd id=\"stat-contacts\">8</dd>"), "6 at main + 2 at riverside");
        assertTrue(page.contains("<h1 id=\"stats-heading\">Coalition statistics</h1>")
                && page.contains("action=\"/console/coalition/statistics\""), "its own heading, and its range form stays on it");
        assertTrue(page.contains("<td>6</td>") && page.contains("<td>2</td>"), "each program's contacts");
        assertTrue(page.contains("&lt;b&gt;River&lt;/b&gt;") && !page.contains("<b>River"), "a program's name is text");
        assertTrue(page.contains("<td>Transfer</td><td>riverside</td><td>main</td><td>1</td>"), page);
        assertTrue(page.contains("<td>Referral</td><td>main</td><td>A partner outside this hub</td><td>1</td>"), page);
        for (String name : List.of("maria", "rosalind", "Legal Aid")) assertFalse(page.contains(name), name);
        assertTrue(page.contains("href=\"/console/coalition/statistics\""), "the admin's top bar links the page");

        assertFalse(client.get("/console", lena).bodyAsString().contains("/console/coalition/statistics"), "no link for a lead");
        HttpResponse<Buffer> asLead = client.get(PAGE, lena);
        assertEquals(403, asLead.statusCode());
        assertTrue(asLead.getHeader("Content-Type").startsWith("text/html"), "a page refuses with a page");
        assertEquals(403, client.get(PAGE, client.login("rita", TestHub.PASSWORD, null)).statusCode());
        HttpResponse<Buffer> bad = client.get(PAGE + "?from=yesterday", cora);
        assertEquals(200, bad.statusCode());
        assertTrue(bad.bodyAsString().contains("That date range is not valid"), "a bad range: the last 30 days, and why");
    }

    @Test
    void theProgramsPageIsTheAdminsAloneAndShowsNamesAsText() throws Exception {
        String programsPage = "/console/coalition/programs";
        assertEquals(201, client.post(PROGRAMS, cora, new JsonObject().put("id", "riverside").put("name", "<script>x()</script>")).statusCode());
        assertEquals(204, client.put(PROGRAMS + "/riverside/leads/rita", cora, new JsonObject()).statusCode());
        assertEquals(200, client.put(PROGRAMS + "/riverside/numbers", cora, new JsonObject().put("sms", "+15550100201")).statusCode());
        HttpResponse<Buffer> r = client.get(programsPage, cora);
        assertEquals(200, r.statusCode());
        String page = r.bodyAsString();
        assertTrue(page.contains("<td class=\"p-name\">&lt;script&gt;x()&lt;/script&gt;</td>") && !page.contains("<script>x()"), page);
        assertTrue(page.contains("<td class=\"p-leads\">rita</td>") && page.contains("<td class=\"p-sms\">+15550100201</td>"), page);
        assertTrue(page.contains("href=\"" + programsPage + "\" aria-current=\"page\""), "the admin's top bar links it");

        ConsoleClient.Staff rita = client.login("rita", TestHub.PASSWORD, null);
        for (ConsoleClient.Staff other : List.of(lena, rita)) {
            HttpResponse<Buffer> refused = client.get(programsPage + "?program=riverside", other);
            assertEquals(403, refused.statusCode(), other.username());
            assertTrue(refused.getHeader("Content-Type").startsWith("text/html"));
            assertFalse(refused.bodyAsString().contains("riverside"), "nothing about the hub's programs");
            assertFalse(client.get("/console", other).bodyAsString().contains(programsPage), "no link for " + other.username());
        }
        HttpResponse<Buffer> signedOut = client.get(programsPage, null);
        assertEquals(302, signedOut.statusCode());
        assertEquals("/console/login", signedOut.getHeader("Location"));
    }
}
