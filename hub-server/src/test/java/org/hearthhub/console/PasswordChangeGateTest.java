package org.hearthhub.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.console.ConsoleRoutes.ConsoleRoute;
import org.hearthhub.settings.Role;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.hearthhub.ws.SocketEndpoints;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A password someone else chose (the first-start bootstrap, a lead creating or resetting an account)
 * is replaced by the person's own before they can do anything else: every page leads to the
 * change-password page, every API but the change answers 403 {@code password_change_required}, and
 * the console socket is refused.
 */
class PasswordChangeGateTest extends LeadApiTestBase {
    private static final String OWN = "a long passphrase of my own";

    private ConsoleClient.Staff createdByLead(String username) throws Exception {
        HttpResponse<Buffer> r = client.post("/api/v1/lead/staff", lead, new JsonObject().put("username", username)
                .put("displayName", "Ana").put("role", "advocate").put("password", "set by the lead 123")
                .put("languages", new JsonArray().add("en")));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return client.login(username, "set by the lead 123", null);
    }

    private void assertGated(List<ConsoleRoute> apis, ConsoleClient.Staff who) throws Exception {
        for (ConsoleRoute api : apis) {
            if (api.path().equals("/api/v1/console/password")) continue;
            HttpResponse<Buffer> r = client.send(api.method(), api.path().replace(":username", "lena"), who,
                    api.changesState() ? new JsonObject() : null, true);
            assertEquals(403, r.statusCode(), api.toString());
            assertEquals("password_change_required", r.bodyAsJsonObject().getString("code"), api.toString());
            assertEquals("Choose your own password first.", r.bodyAsJsonObject().getString("message"), api.toString());
        }
    }

    private void assertPagesLeadToTheChange(List<ConsoleRoute> pages, ConsoleClient.Staff who) throws Exception {
        for (ConsoleRoute page : pages) {
            HttpResponse<Buffer> r = client.get(page.path(), who);
            if (page.path().equals(ConsoleGuards.TOTP_PAGE)) {
                assertEquals(200, r.statusCode());
                assertTrue(r.bodyAsString().contains("id=\"password-due\""), "the page says why");
                assertFalse(r.bodyAsString().contains("id=\"totp-form\""), "one thing at a time");
            } else {
                assertEquals(302, r.statusCode(), page.toString());
                assertEquals(ConsoleGuards.TOTP_PAGE, r.getHeader("Location"), page.toString());
            }
        }
    }

    private int socketStatus(ConsoleClient.Staff who) {
        return WsClient.refusedStatus(hub.vertx, hub.port(), SocketEndpoints.ADVOCATE_PATH, hub.publicUrl(), who.cookie());
    }

    @Test
    void anAccountALeadCreatedMustChooseItsOwnPasswordBeforeAnythingElse() throws Exception {
        ConsoleClient.Staff ana = createdByLead("ana");
        assertGated(ConsoleRoutes.STAFF_APIS, ana);
        assertPagesLeadToTheChange(ConsoleRoutes.STAFF_PAGES, ana);
        assertEquals(403, socketStatus(ana));

        HttpResponse<Buffer> changed = client.post("/api/v1/console/password", ana,
                new JsonObject().put("current", "set by the lead 123").put("password", OWN));
        assertEquals(204, changed.statusCode(), changed.bodyAsString());
        ConsoleClient.Staff again = client.login("ana", OWN, null);
        assertEquals(200, client.get("/api/v1/console/me", again).statusCode());
        assertEquals(200, client.get("/console", again).statusCode());
    }

    @Test
    void aPasswordALeadResetMustBeReplacedToo() throws Exception {
        client.account("bea", Role.ADVOCATE);
        assertEquals(204, client.post("/api/v1/lead/staff/bea/password", lead,
                new JsonObject().put("password", "reset by the lead 1")).statusCode());
        ConsoleClient.Staff bea = client.login("bea", "reset by the lead 1", null);
        assertGated(List.of(ConsoleRoutes.STAFF_APIS.get(0)), bea);
        assertEquals(200, client.get("/api/v1/lead/staff", lead).statusCode(), "others are not affected");
    }

    @Test
    void theFirstLeadChoosesItsPasswordAndTheHubThenDeletesTheFile() throws Exception {
        Path file = hub.dataDir.resolve(FirstLeadBootstrap.PASSWORD_FILE);
        String starting = Files.readString(file).strip();
        ConsoleClient.Staff first = client.login(FirstLeadBootstrap.USERNAME, starting, null);
        List<ConsoleRoute> apis = new ArrayList<>(ConsoleRoutes.LEAD_APIS);
        apis.addAll(ConsoleRoutes.STAFF_APIS);
        assertGated(apis, first);
        List<ConsoleRoute> pages = new ArrayList<>(ConsoleRoutes.LEAD_PAGES);
        pages.addAll(ConsoleRoutes.STAFF_PAGES);
        assertPagesLeadToTheChange(pages, first);
        assertTrue(client.get(ConsoleGuards.TOTP_PAGE, first).bodyAsString().contains("id=\"first-lead-file\""),
                "reminded of the file while it exists");
        assertFalse(client.get("/console/lead/hours", lead).bodyAsString().contains("id=\"first-lead-file\""),
                "another lead is not the one to act on it");

        assertEquals(204, client.post("/api/v1/console/password", first,
                new JsonObject().put("current", starting).put("password", OWN)).statusCode());
        assertFalse(Files.exists(file), "the starting password no longer works and is not kept");
        ConsoleClient.Staff again = client.login(FirstLeadBootstrap.USERNAME, OWN, null);
        HttpResponse<Buffer> hours = client.get("/console/lead/hours", again);
        assertEquals(200, hours.statusCode());
        assertFalse(hours.bodyAsString().contains("id=\"first-lead-file\""));
        WsClient console = WsClient.connect(hub.vertx, hub.port(), SocketEndpoints.ADVOCATE_PATH, hub.publicUrl(), again.cookie());
        console.close();
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() throws Exception {
        ConsoleClient.Staff ana = createdByLead("cai");
        assertEquals(403, client.post("/api/v1/console/password", ana,
                new JsonObject().put("current", "not it at all 1").put("password", OWN)).statusCode());
        assertGated(List.of(ConsoleRoutes.STAFF_APIS.get(0)), ana);
    }

    @Test
    void accountsSavedBeforeTheFlagExistedLoadWithNoChangeDue(Vertx vertx) throws Exception {
        Path old = hub.dataDir.resolve("old");
        Files.createDirectories(old.resolve("programs/main"));
        Files.writeString(old.resolve("programs/main/accounts.json"), """
                [{"username":"old","displayName":"Old","role":"ADVOCATE","passwordHash":"x","totpSecret":null,
                  "disabled":false,"capacity":2,"languages":["en"],"uiLanguage":"en","createdAt":"2026-01-01T00:00:00Z"}]
                """);
        var store = new org.hearthhub.settings.FileSettingsStore(vertx, old, "main");
        assertFalse(TestHub.await(store.account("old")).orElseThrow().mustChangePassword());
        TestHub.await(store.close());
    }
}
