package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.console.ConsoleRoutes.ConsoleRoute;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.Partner;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The role and CSRF guard of every console route, over real HTTP: anonymous people are sent to sign in
 * (pages) or refused with 401 (APIs), advocates get 403 from every lead page and API, leads and advocates
 * from every coalition API, leads and coalition admins get in, and no state changes without the session's
 * CSRF token and a same-origin request.
 */
class ConsoleAccessTest {
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("\\sstyle\\s*=|<style", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_HANDLER = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;
    ConsoleClient client;
    ConsoleClient.Staff lead;
    ConsoleClient.Staff advocate;
    ConsoleClient.Staff admin;
    final AtomicInteger created = new AtomicInteger();

    @BeforeEach
    void accounts() throws Exception {
        client = new ConsoleClient(hub);
        lead = client.account("lena", Role.LEAD);
        advocate = client.account("ana", Role.ADVOCATE);
        client.account("bea", Role.ADVOCATE);
        client.account("cora", Role.LEAD);
        Account cora = TestHub.await(hub.hub.accounts().account("cora")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(cora.withCoalitionAdmin(true)));
        admin = client.login("cora", TestHub.PASSWORD, null);
    }

    /** Who uses the route when it is theirs: a lead, a coalition admin or any staff member. */
    private ConsoleClient.Staff owner(ConsoleRoute spec) {
        if (spec.coalition()) return admin;
        return spec.lead() ? lead : advocate;
    }

    /** A path with its parameter filled in (staff routes act on the advocate "bea", partner routes on a fresh partner). */
    private String path(ConsoleRoute spec) throws Exception {
        if (spec.path().startsWith("/api/v1/coalition/programs/:id")) {
            // A program of the coalition's (the default program's numbers are the configuration's, not the API's).
            String id = "p" + created.incrementAndGet();
            TestHub.await(hub.hub.programs().create(ProgramId.of(id), "Program " + id));
            return spec.path().replace(":id", id).replace(":username", "bea");
        }
        if (spec.path().startsWith("/api/v1/coalition/partners/:id")) {
            String id = "c" + created.incrementAndGet();
            TestHub.await(hub.hub.settingsStore().addCoalitionPartner(new Partner(id, "Coalition partner " + id, List.of(), List.of(),
                    null, null, null, "https://partner.example", null, Partner.FROM_COALITION)));
            return spec.path().replace(":id", id);
        }
        if (!spec.path().contains(":id")) return spec.path().replace(":username", "bea");
        if (spec.path().startsWith("/api/v1/lead/coalition-partners/")) {
            // A coalition entry the program has adopted (adopting it again is allowed too).
            String id = "c" + created.incrementAndGet();
            TestHub.await(hub.hub.settingsStore().addCoalitionPartner(new Partner(id, "Coalition partner " + id, List.of(), List.of(),
                    null, null, null, "https://partner.example", null, Partner.FROM_COALITION)));
            TestHub.await(hub.hub.settings().save(hub.hub.settings().get().withAdoptedPartners(List.of(id))));
            return spec.path().replace(":id", id);
        }
        JsonObject added = client.post("/api/v1/lead/partners", lead, partner()).bodyAsJsonObject();
        return spec.path().replace(":id", added.getString("id"));
    }

    private JsonObject partner() {
        return new JsonObject().put("name", "Partner " + created.incrementAndGet()).put("url", "https://partner.example");
    }

    /** A body the route accepts from a lead, so that only the guard decides the answer. */
    private JsonObject validBody(ConsoleRoute spec) throws Exception {
        String p = spec.path();
        if (p.equals("/api/v1/lead/staff")) {
            return new JsonObject().put("username", "new" + created.incrementAndGet()).put("displayName", "New person")
                    .put("role", "advocate").put("password", "a long enough password").put("capacity", 1)
                    .put("languages", new JsonArray().add("en"));
        }
        if (p.equals("/api/v1/lead/staff/:username")) return new JsonObject().put("capacity", 1);
        if (p.equals("/api/v1/coalition/programs")) return new JsonObject().put("id", "new" + created.incrementAndGet());
        if (p.startsWith("/api/v1/coalition/partners")) return partner();
        if (p.startsWith("/api/v1/lead/partners")) return partner();
        if (p.startsWith("/api/v1/lead/coalition-partners/")) return new JsonObject(); // adopting takes no body
        if (p.endsWith("/password") && p.startsWith("/api/v1/lead/")) return new JsonObject().put("password", "another long password");
        if (p.endsWith("/totp-reset")) return new JsonObject();
        if (p.equals("/api/v1/lead/security")) return new JsonObject().put("requireTotpForAll", false);
        if (p.startsWith("/api/v1/lead/")) return client.get(p, lead).bodyAsJsonObject(); // PUT what GET shows
        if (p.equals("/api/v1/console/me")) return new JsonObject().put("capacity", 1);
        if (p.equals("/api/v1/console/totp")) return new JsonObject().put("code", "123456");
        if (p.equals("/api/v1/console/password")) return new JsonObject().put("current", "wrong").put("password", "a long new password");
        return new JsonObject();
    }

    private static List<ConsoleRoute> stateChanging() {
        List<ConsoleRoute> all = new ArrayList<>();
        ConsoleRoutes.LEAD_APIS.stream().filter(ConsoleRoute::changesState).forEach(all::add);
        ConsoleRoutes.STAFF_APIS.stream().filter(ConsoleRoute::changesState).forEach(all::add);
        ConsoleRoutes.COALITION_APIS.stream().filter(ConsoleRoute::changesState).forEach(all::add);
        return all;
    }

    @Test
    void anonymousPeopleAreSentToSignInFromEveryPage() throws Exception {
        List<ConsoleRoute> pages = new ArrayList<>(ConsoleRoutes.LEAD_PAGES);
        pages.addAll(ConsoleRoutes.STAFF_PAGES);
        pages.addAll(ConsoleRoutes.COALITION_PAGES);
        for (ConsoleRoute page : pages) {
            HttpResponse<Buffer> r = client.get(page.path(), null);
            assertEquals(302, r.statusCode(), page.path());
            assertEquals("/console/login", r.getHeader("Location"), page.path());
        }
        assertEquals(200, client.get("/console/login", null).statusCode());
    }

    @Test
    void advocatesGet403OnEveryLeadPage() throws Exception {
        for (ConsoleRoute page : ConsoleRoutes.LEAD_PAGES) {
            HttpResponse<Buffer> r = client.get(page.path(), advocate);
            assertEquals(403, r.statusCode(), page.path());
            assertTrue(r.getHeader("Content-Type").startsWith("text/html"), page.path());
            assertTrue(r.bodyAsString().contains("This page is for program leads"), page.path());
        }
    }

    @Test
    void leadsOpenEveryLeadPage() throws Exception {
        for (ConsoleRoute page : ConsoleRoutes.LEAD_PAGES) {
            HttpResponse<Buffer> r = client.get(page.path(), lead);
            assertEquals(200, r.statusCode(), page.path());
            assertTrue(r.getHeader("Content-Type").startsWith("text/html"), page.path());
        }
    }

    @Test
    void advocatesOpenTheirOwnPages() throws Exception {
        for (ConsoleRoute page : ConsoleRoutes.STAFF_PAGES) assertEquals(200, client.get(page.path(), advocate).statusCode(), page.path());
    }

    /** Nothing a refused call could have made: no account or program named "new…". */
    private void assertNothingCreated() throws Exception {
        assertEquals(0, TestHub.await(hub.hub.settingsStore().accounts()).stream()
                .filter(a -> a.username().startsWith("new")).count(), "no account was created");
        assertEquals(0, hub.hub.programs().all().stream().filter(p -> p.id().value().startsWith("new")).count(), "no program was created");
    }

    @Test
    void everyApiNeedsASession() throws Exception {
        List<ConsoleRoute> apis = new ArrayList<>(ConsoleRoutes.LEAD_APIS);
        apis.addAll(ConsoleRoutes.STAFF_APIS);
        apis.addAll(ConsoleRoutes.COALITION_APIS);
        for (ConsoleRoute api : apis) {
            HttpResponse<Buffer> r = client.send(api.method(), path(api), null, api.changesState() ? validBody(api) : null, false);
            assertEquals(401, r.statusCode(), api.toString());
            assertEquals("forbidden", r.bodyAsJsonObject().getString("code"), api.toString());
        }
    }

    @Test
    void advocatesGet403FromEveryLeadApi() throws Exception {
        for (ConsoleRoute api : ConsoleRoutes.LEAD_APIS) {
            HttpResponse<Buffer> r = client.send(api.method(), path(api), advocate, api.changesState() ? validBody(api) : null, true);
            assertEquals(403, r.statusCode(), api.toString());
            assertEquals("forbidden", r.bodyAsJsonObject().getString("code"), api.toString());
        }
        assertEquals(2, TestHub.await(hub.hub.settingsStore().account("bea")).orElseThrow().capacity(), "nothing changed");
    }

    @Test
    void nobodyButACoalitionAdminGetsIntoTheCoalitionApi() throws Exception {
        for (ConsoleRoute api : ConsoleRoutes.COALITION_APIS) {
            for (ConsoleClient.Staff who : List.of(lead, advocate)) {
                HttpResponse<Buffer> r = client.send(api.method(), path(api), who, api.changesState() ? validBody(api) : null, true);
                assertEquals(403, r.statusCode(), who.username() + ": " + api);
                assertEquals("forbidden", r.bodyAsJsonObject().getString("code"), api.toString());
            }
        }
        assertNothingCreated();
        assertEquals(Role.ADVOCATE, TestHub.await(hub.hub.accounts().account("bea")).orElseThrow().role(), "nobody was named a lead");
    }

    @Test
    void coalitionAdminsUseEveryCoalitionApi() throws Exception {
        for (ConsoleRoute api : ConsoleRoutes.COALITION_APIS) {
            HttpResponse<Buffer> r = client.send(api.method(), path(api), admin, api.changesState() ? validBody(api) : null, true);
            assertTrue(r.statusCode() >= 200 && r.statusCode() < 300, api + " → " + r.statusCode() + " " + r.bodyAsString());
        }
    }

    @Test
    void leadsUseEveryLeadApi() throws Exception {
        for (ConsoleRoute api : ConsoleRoutes.LEAD_APIS) {
            HttpResponse<Buffer> r = client.send(api.method(), path(api), lead, api.changesState() ? validBody(api) : null, true);
            assertTrue(r.statusCode() >= 200 && r.statusCode() < 300, api + " → " + r.statusCode() + " " + r.bodyAsString());
        }
    }

    @Test
    void advocatesUseTheirOwnApis() throws Exception {
        JsonObject me = client.get("/api/v1/console/me", advocate).bodyAsJsonObject();
        assertEquals("ana", me.getString("username"));
        assertEquals("advocate", me.getString("role"));
        assertFalse(me.getBoolean("videoEnabled"), "no video is configured");
        assertEquals(200, client.get("/api/v1/console/advocates-on-shift", advocate).statusCode());
        assertEquals(200, client.get("/api/v1/console/library", advocate).statusCode());
        assertEquals(200, client.put("/api/v1/console/me", advocate, new JsonObject().put("capacity", 1)).statusCode());
    }

    @Test
    void noStateChangesWithoutTheCsrfToken() throws Exception {
        for (ConsoleRoute api : stateChanging()) {
            ConsoleClient.Staff who = owner(api);
            HttpResponse<Buffer> missing = client.send(api.method(), path(api), who, validBody(api), false);
            assertEquals(403, missing.statusCode(), "no token: " + api);
            ConsoleClient.Staff forged = new ConsoleClient.Staff(who.username(), who.cookie(), "forged-token");
            HttpResponse<Buffer> wrong = client.send(api.method(), path(api), forged, validBody(api), true);
            assertEquals(403, wrong.statusCode(), "wrong token: " + api);
            ConsoleClient.Staff otherSession = new ConsoleClient.Staff(who.username(), who.cookie(),
                    (who == lead ? advocate : lead).csrf());
            assertEquals(403, client.send(api.method(), path(api), otherSession, validBody(api), true).statusCode(),
                    "another session's token: " + api);
        }
        assertNothingCreated();
    }

    @Test
    void aForeignOriginIsRefusedEvenWithTheToken() throws Exception {
        for (ConsoleRoute api : stateChanging()) {
            ConsoleClient.Staff who = owner(api);
            HttpResponse<Buffer> r = client.send(api.method(), path(api), who, validBody(api), true, "https://evil.example");
            assertEquals(403, r.statusCode(), api.toString());
        }
        HttpResponse<Buffer> same = client.send(HttpMethod.PUT, "/api/v1/console/me", advocate,
                new JsonObject().put("capacity", 1), true, hub.publicUrl());
        assertEquals(200, same.statusCode(), "the hub's own origin is fine");
    }

    @Test
    void pagesCarryNoInlineScriptOrStyleAndCannotBeFramed() throws Exception {
        List<String> pages = new ArrayList<>();
        ConsoleRoutes.ROUTES.stream().filter(ConsoleRoute::page).forEach(page -> pages.add(page.path()));
        pages.add("/console/login");
        for (String page : pages) {
            HttpResponse<Buffer> r = client.get(page, lead);
            String html = r.bodyAsString();
            assertFalse(INLINE_SCRIPT.matcher(html).find(), "inline script on " + page);
            assertFalse(INLINE_STYLE.matcher(html).find(), "inline style on " + page);
            assertFalse(INLINE_HANDLER.matcher(html).find(), "inline event handler on " + page);
            assertTrue(r.getHeader("Content-Security-Policy").contains("script-src 'self'"), page);
            assertTrue(r.getHeader("Content-Security-Policy").contains("frame-ancestors 'none'"), page);
            assertEquals("DENY", r.getHeader("X-Frame-Options"), page);
            assertEquals("no-store", r.getHeader("Cache-Control"), page);
        }
        HttpResponse<Buffer> script = client.get("/console/assets/console.js", null);
        assertEquals(200, script.statusCode(), "scripts and styles need no session");
        for (String asset : new String[]{"common.js", "console.js", "lead.js", "login.js", "security.js"}) {
            String js = client.get("/console/assets/" + asset, null).bodyAsString();
            for (String sink : new String[]{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("}) {
                assertFalse(js.contains(sink), asset + " uses " + sink + ": the console never turns strings into markup");
            }
        }
    }

    @Test
    void malformedBodiesAreAnsweredWith400() throws Exception {
        HttpResponse<Buffer> notJson = TestHub.await(hub.http().put(hub.port(), "localhost", "/api/v1/lead/referrals")
                .putHeader("Cookie", lead.cookie()).putHeader("X-CSRF-Token", lead.csrf())
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{not json")));
        assertEquals(400, notJson.statusCode());
        assertEquals("bad_request", notJson.bodyAsJsonObject().getString("code"));
        HttpResponse<Buffer> array = TestHub.await(hub.http().put(hub.port(), "localhost", "/api/v1/lead/referrals")
                .putHeader("Cookie", lead.cookie()).putHeader("X-CSRF-Token", lead.csrf())
                .sendJson(new JsonArray().add(1)));
        assertEquals(400, array.statusCode());
        HttpResponse<Buffer> huge = TestHub.await(hub.http().put(hub.port(), "localhost", "/api/v1/lead/canned")
                .putHeader("Cookie", lead.cookie()).putHeader("X-CSRF-Token", lead.csrf())
                .sendBuffer(Buffer.buffer("{\"x\":\"" + "a".repeat(ConsoleGuards.MAX_BODY_BYTES + 10) + "\"}")));
        assertEquals(413, huge.statusCode());
        assertEquals("too_large", huge.bodyAsJsonObject().getString("code"));
    }
}
