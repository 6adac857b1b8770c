package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.HubErrors;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sites a lead allows to embed the chat: the chat app's page ({@code /w/}) tells browsers that only they,
 * and the hub's own pages, may frame it; with none listed any site may, as before, and the lead is told so.
 */
class ChatEmbeddingSitesTest extends LeadApiTestBase {
    private static final String RIVERSIDE_SITE = "https://www.riverside-shelter.org";

    private String frameAncestors(String chatPath) throws Exception {
        HttpResponse<Buffer> r = client.get(chatPath, null);
        assertEquals(200, r.statusCode(), chatPath + ": " + r.bodyAsString());
        String csp = r.getHeader("Content-Security-Policy");
        int at = csp.indexOf("frame-ancestors ");
        assertTrue(at >= 0, csp);
        int end = csp.indexOf(';', at);
        return csp.substring(at + "frame-ancestors ".length(), end < 0 ? csp.length() : end);
    }

    private JsonObject widgetWith(ConsoleClient.Staff who, JsonArray sites) throws Exception {
        return client.get("/api/v1/lead/widget", who).bodyAsJsonObject().put("embedOrigins", sites);
    }

    private HttpResponse<Buffer> putSites(ConsoleClient.Staff who, JsonArray sites) throws Exception {
        return client.put("/api/v1/lead/widget", who, widgetWith(who, sites));
    }

    private List<AuditEntry> audit() throws Exception {
        return await(hub.hub.settingsStore().auditEntries(0, 10_000));
    }

    @Test
    void withNoSitesListedAnySiteMayEmbedTheChatAndTheLeadIsToldSo() throws Exception {
        assertEquals("*", frameAncestors("/w/"), "existing programs keep working");
        assertEquals("*", frameAncestors("/w/?program=main&lang=es"));
        assertEquals(new JsonArray(), client.get("/api/v1/lead/widget", lead).bodyAsJsonObject().getJsonArray("embedOrigins"));
        assertTrue(client.get("/console/lead/widget", lead).bodyAsString().contains("class=\"status warn\">Any web site can embed this chat now"),
                "shown, not hidden");

        assertEquals(200, client.put("/api/v1/console/me", lead, new JsonObject().put("uiLanguage", "es")).statusCode());
        assertTrue(client.get("/console/lead/widget", lead).bodyAsString().contains("class=\"status warn\">Ahora cualquier sitio web puede insertar este chat"));
    }

    @Test
    void withSitesListedOnlyTheyAndTheHubItselfMayFrameTheChat() throws Exception {
        HttpResponse<Buffer> saved = putSites(lead, new JsonArray().add(RIVERSIDE_SITE).add("HTTP://LocalHost:8081/").add(RIVERSIDE_SITE));
        assertEquals(200, saved.statusCode(), saved.bodyAsString());
        JsonArray kept = new JsonArray().add(RIVERSIDE_SITE).add("http://localhost:8081");
        assertEquals(kept, saved.bodyAsJsonObject().getJsonArray("embedOrigins"), "as origins, lower case, once each");

        String listed = "'self' " + RIVERSIDE_SITE + " http://localhost:8081";
        assertEquals(listed, frameAncestors("/w/"));
        assertEquals(listed, frameAncestors("/w/?program=main&lang=en"));
        assertEquals(listed, frameAncestors("/w/index.html?lang=es"));
        assertEquals("*", frameAncestors("/widget.js"), "the loader itself is a script any site may load");
        String page = client.get("/console/lead/widget", lead).bodyAsString();
        assertTrue(page.contains(RIVERSIDE_SITE + "&#10;http://localhost:8081</textarea>"), "one site a line: " + page);
        assertTrue(page.contains("class=\"status warn\" hidden>Any web site can embed this chat now"), "the warning is hidden");

        // Saving the widget from an older form, without the list, leaves it as it was.
        JsonObject without = client.get("/api/v1/lead/widget", lead).bodyAsJsonObject();
        without.remove("embedOrigins");
        assertEquals(200, client.put("/api/v1/lead/widget", lead, without).statusCode());
        assertEquals(listed, frameAncestors("/w/"));

        assertEquals(200, putSites(lead, new JsonArray()).statusCode());
        assertEquals("*", frameAncestors("/w/"), "an empty list is any site again");
    }

    @Test
    void eachProgramOfACoalitionListsItsOwnSites() throws Exception {
        await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        hub.addAccount("rita", Role.LEAD, List.of("en", "es"), 2);
        Account a = await(hub.hub.accounts().account("rita")).orElseThrow();
        await(hub.hub.accounts().saveAccount(new Account(a.username(), a.displayName(), Role.LEAD, a.passwordHash(), null, false, 2,
                a.languages(), "en", a.createdAt(), false, null, Map.of("riverside", Role.LEAD), false)));
        ConsoleClient.Staff rita = client.login("rita", TestHub.PASSWORD, null);

        assertEquals(200, putSites(lead, new JsonArray().add("https://main.example.org")).statusCode());
        assertEquals(200, putSites(rita, new JsonArray().add(RIVERSIDE_SITE).add("https://riverside.example.net:8443")).statusCode());

        assertEquals("'self' https://main.example.org", frameAncestors("/w/"), "no program named: the default one");
        assertEquals("'self' https://main.example.org", frameAncestors("/w/?program=main"));
        assertEquals("'self' " + RIVERSIDE_SITE + " https://riverside.example.net:8443", frameAncestors("/w/?program=riverside&lang=en"));
        assertEquals(List.of("https://main.example.org"), hub.hub.settings().get().widget().embedOrigins());
    }

    @Test
    void aSiteThatIsNotAnOriginIsRefusedByNameAndNothingIsSaved() throws Exception {
        assertEquals(200, putSites(lead, new JsonArray().add(RIVERSIDE_SITE)).statusCode());
        int entries = audit().size();
        List<String> bad = List.of("www.riverside-shelter.org", "ftp://riverside-shelter.org", "https://riverside-shelter.org/chat",
                "https://riverside-shelter.org/?a=1", "https://riverside-shelter.org?a=1", "https://riverside-shelter.org#top",
                "https://ana@riverside-shelter.org", "https://riverside-shelter.org:99999", "https://riverside-shelter.org:",
                "https://*.riverside-shelter.org", "https://", "javascript:alert(1)", "https://a.org 'unsafe-inline'",
                "https://a.org; script-src *", "https://a.org\r\nX-Evil: 1", "https://-a.org", "https://a..org", "", " ");
        for (String site : bad) {
            HttpResponse<Buffer> r = putSites(lead, new JsonArray().add("https://fine.example.org").add(site));
            JsonObject refused = HubErrors.assertAnswer(r, 400, "bad_request");
            assertEquals("embedOrigins", refused.getString("field"), site);
            assertTrue(refused.getString("message").startsWith("“Sites allowed to embed the chat”, line 2:"), refused.getString("message"));
        }
        HttpResponse<Buffer> nullEntry = client.sendText(io.vertx.core.http.HttpMethod.PUT, "/api/v1/lead/widget", lead,
                widgetWith(lead, new JsonArray().addNull()).encode());
        assertEquals("embedOrigins", HubErrors.assertAnswer(nullEntry, 400, "bad_request").getString("field"));
        assertEquals(entries, audit().size(), "a refusal leaves no audit entry");

        JsonArray tooMany = new JsonArray(IntStream.rangeClosed(1, 21).mapToObj(i -> "https://site" + i + ".example.org").toList());
        JsonObject many = HubErrors.assertAnswer(putSites(lead, tooMany), 400, "bad_request");
        assertEquals("embedOrigins", many.getString("field"));
        assertEquals("“Sites allowed to embed the chat”: list at most 20 sites.", many.getString("message"));
        assertEquals(200, putSites(lead, new JsonArray(tooMany.getList().subList(0, 20))).statusCode(), "twenty are fine");
        assertEquals(200, putSites(lead, new JsonArray().add(RIVERSIDE_SITE)).statusCode());

        assertEquals(200, client.put("/api/v1/console/me", lead, new JsonObject().put("uiLanguage", "es")).statusCode());
        entries = audit().size();
        JsonObject es = HubErrors.assertAnswer(putSites(lead, new JsonArray().add("https://a.org/chat")), 400, "bad_request");
        assertTrue(es.getString("message").startsWith("«Sitios que pueden insertar el chat», línea 1:"), es.getString("message"));

        assertEquals(List.of(RIVERSIDE_SITE), hub.hub.settings().get().widget().embedOrigins(), "nothing refused was saved");
        assertEquals(List.of(RIVERSIDE_SITE), await(hub.hub.settingsStore().programSettings()).widget().embedOrigins());
        assertEquals(entries, audit().size(), "a refusal leaves no audit entry");
        assertEquals("'self' " + RIVERSIDE_SITE, frameAncestors("/w/"));
    }
}
