package org.hearthhub.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.settings.Account;
import org.hearthhub.model.Role;
import org.hearthhub.testing.ShownNameSamples;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff accounts as leads manage them, sessions that end with a lost right, and TOTP enrolment. */
class StaffAccountsTest extends LeadApiTestBase {
    private static final Pattern SECRET = Pattern.compile("<code id=\"totp-secret\">([A-Z2-7 ]+)</code>");

    private JsonObject newAccount(String username, String password) {
        return new JsonObject().put("username", username).put("displayName", "Ana M.").put("role", "advocate")
                .put("password", password).put("capacity", 2).put("languages", new JsonArray().add("en").add("es"));
    }

    /**
     * Created by the lead, then as if the person had already chosen their own password (which
     * PasswordChangeGateTest covers), so these tests are about what they test.
     */
    private HttpResponse<Buffer> create(String username) throws Exception {
        HttpResponse<Buffer> r = client.post("/api/v1/lead/staff", lead, newAccount(username, "a long enough password"));
        if (r.statusCode() == 201) client.ownPasswordChosen(username.toLowerCase(java.util.Locale.ROOT));
        return r;
    }

    private int status(String path, ConsoleClient.Staff who) throws Exception {
        return client.get(path, who).statusCode();
    }

    @Test
    void namesTheHubUsesForOthersAreRefusedToAccountsInTheLeadsLanguage() throws Exception {
        for (String name : java.util.List.of("system", "survivor", "sms", "System")) {
            HttpResponse<Buffer> r = create(name);
            assertEquals(400, r.statusCode(), name);
            JsonObject body = r.bodyAsJsonObject();
            assertEquals("bad_request", body.getString("code"));
            assertEquals("username", body.getString("field"), "the form shows it next to the username");
            assertEquals("“" + name.toLowerCase(java.util.Locale.ROOT) + "” is reserved: Hearth uses it for the survivor, "
                    + "for itself or for SMS. Choose another username.", body.getString("message"));
            assertTrue(TestHub.await(hub.hub.settingsStore().account(name.toLowerCase(java.util.Locale.ROOT))).isEmpty());
        }
        assertEquals(200, client.put("/api/v1/console/me", lead, new JsonObject().put("uiLanguage", "es")).statusCode());
        JsonObject es = create("system").bodyAsJsonObject();
        assertTrue(es.getString("message").startsWith("“system” está reservado"), es.encode());
        assertEquals(201, create("systems").statusCode(), "only the names themselves are reserved");
    }

    @Test
    void aLeadCreatesAnAccountThatCanSignIn() throws Exception {
        HttpResponse<Buffer> r = create("Ana");
        assertEquals(201, r.statusCode(), r.bodyAsString());
        assertEquals("ana", r.bodyAsJsonObject().getString("username"), "usernames are stored in lower case");
        ConsoleClient.Staff ana = client.login("ana", "a long enough password", null);
        JsonObject me = client.get("/api/v1/console/me", ana).bodyAsJsonObject();
        assertEquals("Ana M.", me.getString("displayName"));
        assertEquals(new JsonArray().add("en").add("es"), me.getJsonArray("languages"));

        assertEquals(409, create("ana").statusCode(), "taken");
        assertEquals(400, client.post("/api/v1/lead/staff", lead, newAccount("bo", "short")).statusCode(), "password policy");
        assertEquals(400, client.post("/api/v1/lead/staff", lead, newAccount("no spaces", "a long enough password")).statusCode());
        assertEquals(400, client.post("/api/v1/lead/staff", lead, newAccount("cy", "a long enough password").put("role", "admin"))
                .statusCode());
        assertEquals(400, client.post("/api/v1/lead/staff", lead, newAccount("cy", "a long enough password").put("capacity", 99))
                .statusCode());
        assertEquals(400, client.post("/api/v1/lead/staff", lead, newAccount("cy", "a long enough password")
                .put("languages", new JsonArray().add("fr"))).statusCode());

        String listed = client.get("/api/v1/lead/staff", lead).bodyAsString();
        assertFalse(listed.contains("argon2") || listed.contains("passwordHash") || listed.contains("totpSecret"),
                "the staff list never carries hashes or secrets");
        var audit = TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000));
        assertTrue(audit.stream().anyMatch(e -> e.record().action().equals("account.create") && e.record().target().equals("ana")
                && e.record().actor().equals("lena")));
        assertTrue(audit.stream().noneMatch(e -> String.valueOf(e.record().detail()).contains("password")));
    }

    @Test
    void aDisplayNameMissingOrTooLongIsRefusedAtTheDisplayNameField() throws Exception {
        create("ana");
        for (Object bad : List.of("", "   ", "x".repeat(81), 7)) {
            HttpResponse<Buffer> created = client.post("/api/v1/lead/staff", lead, newAccount("cy", "a long enough password")
                    .put("displayName", bad));
            assertEquals(400, created.statusCode(), String.valueOf(bad));
            assertEquals("displayName", created.bodyAsJsonObject().getString("field"), String.valueOf(bad));
            HttpResponse<Buffer> renamed = client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("displayName", bad));
            assertEquals(400, renamed.statusCode(), String.valueOf(bad));
            assertEquals("displayName", renamed.bodyAsJsonObject().getString("field"), String.valueOf(bad));
        }
        assertTrue(TestHub.await(hub.hub.settingsStore().account("cy")).isEmpty());
        assertEquals("Ana M.", TestHub.await(hub.hub.settingsStore().account("ana")).orElseThrow().displayName());
    }

    @Test
    void aDisplayNameWithAControlOrTextDirectionCharacterIsRefusedInTheLeadsLanguageAndNamesInAnyScriptAreKept() throws Exception {
        create("ana");
        for (String spoof : ShownNameSamples.SPOOFING) {
            HttpResponse<Buffer> created = client.post("/api/v1/lead/staff", lead, newAccount("cy", "a long enough password")
                    .put("displayName", spoof));
            assertEquals(400, created.statusCode(), spoof);
            assertEquals("bad_request", created.bodyAsJsonObject().getString("code"));
            assertEquals("The name shown to survivors is required: up to 80 characters, with no control or text-direction characters.",
                    created.bodyAsJsonObject().getString("message"));
            assertEquals("displayName", created.bodyAsJsonObject().getString("field"), "the staff form puts it beside the name");
            assertTrue(TestHub.await(hub.hub.settingsStore().account("cy")).isEmpty(), "nothing created: " + spoof);

            HttpResponse<Buffer> renamed = client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("displayName", spoof));
            assertEquals(400, renamed.statusCode(), spoof);
            assertEquals("bad_request", renamed.bodyAsJsonObject().getString("code"));
            assertEquals("displayName", renamed.bodyAsJsonObject().getString("field"));
            assertEquals("Ana M.", TestHub.await(hub.hub.settingsStore().account("ana")).orElseThrow().displayName(), "a refusal changes nothing");
        }
        assertEquals(200, client.put("/api/v1/console/me", lead, new JsonObject().put("uiLanguage", "es")).statusCode());
        JsonObject es = client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("displayName", "\u202Eairam")).bodyAsJsonObject();
        assertEquals("El nombre que ven las sobrevivientes es obligatorio: hasta 80 caracteres, sin caracteres de control ni de "
                + "dirección del texto.", es.getString("message"));

        int n = 0;
        for (String name : ShownNameSamples.IN_ANY_SCRIPT) {
            String username = "staff" + n++;
            HttpResponse<Buffer> created = client.post("/api/v1/lead/staff", lead, newAccount(username, "a long enough password")
                    .put("displayName", name));
            assertEquals(201, created.statusCode(), name + " " + created.bodyAsString());
            assertEquals(name, TestHub.await(hub.hub.settingsStore().account(username)).orElseThrow().displayName());
            assertEquals(200, client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("displayName", name)).statusCode(), name);
            assertEquals(name, TestHub.await(hub.hub.settingsStore().account("ana")).orElseThrow().displayName());
        }
    }

    @Test
    void aLeadSetsAndRemovesAnAdvocatesProgramPhoneWhichMustBeAFullNumber() throws Exception {
        create("ana");
        HttpResponse<Buffer> set = client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("phone", "+1 (555) 010-0200"));
        assertEquals(200, set.statusCode(), set.bodyAsString());
        assertEquals("+15550100200", set.bodyAsJsonObject().getString("phone"), "stored as E.164");
        assertEquals("+15550100200", TestHub.await(hub.hub.settingsStore().account("ana")).orElseThrow().phone());
        org.hearthhub.settings.FileSettingsStore fromDisk = new org.hearthhub.settings.FileSettingsStore(hub.vertx, hub.dataDir, "main");
        assertEquals("+15550100200", TestHub.await(fromDisk.account("ana")).orElseThrow().phone(), "written to the accounts file");
        TestHub.await(fromDisk.close());
        for (Object bad : new Object[]{"555-0100", "+0123456789", "call me", "+1555010020012345678", 15550100200L, new JsonObject()}) {
            HttpResponse<Buffer> r = client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("phone", bad));
            assertEquals(400, r.statusCode(), "refused: " + bad);
            assertTrue(r.bodyAsString().contains("country code"), r.bodyAsString());
        }
        assertEquals("+15550100200", TestHub.await(hub.hub.settingsStore().account("ana")).orElseThrow().phone(), "a refusal changes nothing");
        assertEquals(200, client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("capacity", 3)).statusCode());
        assertEquals("+15550100200", TestHub.await(hub.hub.settingsStore().account("ana")).orElseThrow().phone(), "other changes keep it");
        HttpResponse<Buffer> removed = client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("phone", ""));
        assertNull(removed.bodyAsJsonObject().getString("phone"));
        assertTrue(TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000)).stream()
                .filter(e -> e.record().action().equals("account.update")).noneMatch(e -> String.valueOf(e.record().detail()).contains("0200")),
                "the audit log says the phone changed, not what it is");
    }

    @Test
    void disablingAnAccountEndsAllItsSessions() throws Exception {
        create("ana");
        ConsoleClient.Staff laptop = client.login("ana", "a long enough password", null);
        ConsoleClient.Staff phone = client.login("ana", "a long enough password", null);
        WsClient socket = WsClient.connect(hub.vertx, hub.port(), "/ws/advocate", hub.publicUrl(), laptop.cookie());
        socket.await("shift");
        assertEquals(200, status("/api/v1/console/me", laptop));
        assertEquals(200, status("/api/v1/console/me", phone));

        HttpResponse<Buffer> r = client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("disabled", true));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertTrue(r.bodyAsJsonObject().getBoolean("disabled"));

        assertEquals(401, status("/api/v1/console/me", laptop));
        assertEquals(401, status("/api/v1/console/me", phone));
        assertEquals(302, status("/console", phone));
        long deadline = System.currentTimeMillis() + 5000;
        while (!socket.isClosed() && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertTrue(socket.isClosed(), "the console socket closes too");
        assertEquals((short) 4401, socket.closeStatus());
        HttpResponse<Buffer> again = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/login")
                .sendJsonObject(new JsonObject().put("username", "ana").put("password", "a long enough password")));
        assertEquals(401, again.statusCode(), "a disabled account cannot sign in");

        assertEquals(200, client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("disabled", false)).statusCode());
        assertNotNull(client.login("ana", "a long enough password", null), "enabled again");
        assertTrue(TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000)).stream()
                .anyMatch(e -> e.record().action().equals("account.update") && "disabled=true".equals(e.record().detail())));
    }

    @Test
    void signingOutClosesThatSessionsConsoleSocketOnly() throws Exception {
        create("ana");
        ConsoleClient.Staff laptop = client.login("ana", "a long enough password", null);
        ConsoleClient.Staff phone = client.login("ana", "a long enough password", null);
        WsClient laptopSocket = WsClient.connect(hub.vertx, hub.port(), "/ws/advocate", hub.publicUrl(), laptop.cookie());
        WsClient phoneSocket = WsClient.connect(hub.vertx, hub.port(), "/ws/advocate", hub.publicUrl(), phone.cookie());
        laptopSocket.await("shift");
        phoneSocket.await("shift");
        assertEquals(204, client.post("/api/v1/logout", laptop, null).statusCode());
        long deadline = System.currentTimeMillis() + 5000;
        while (!laptopSocket.isClosed() && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertEquals((short) 4401, laptopSocket.closeStatus());
        assertFalse(phoneSocket.isClosed(), "the other session goes on");
        assertEquals(200, status("/api/v1/console/me", phone));
        phoneSocket.close();
    }

    @Test
    void changingARoleEndsTheOldSessions() throws Exception {
        create("ana");
        ConsoleClient.Staff before = client.login("ana", "a long enough password", null);
        assertEquals(403, status("/api/v1/lead/staff", before));
        assertEquals(200, client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("role", "lead")).statusCode());
        assertEquals(401, status("/api/v1/console/me", before), "the session made for the old role is gone");
        ConsoleClient.Staff after = client.login("ana", "a long enough password", null);
        assertEquals(200, status("/api/v1/lead/staff", after));
        assertEquals(200, client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("role", "advocate")).statusCode());
        assertEquals(401, status("/api/v1/lead/staff", after), "a demoted lead loses lead rights at once");
    }

    @Test
    void resettingAPasswordSignsThePersonOutEverywhere() throws Exception {
        create("ana");
        ConsoleClient.Staff old = client.login("ana", "a long enough password", null);
        assertEquals(400, client.post("/api/v1/lead/staff/ana/password", lead, new JsonObject().put("password", "short")).statusCode());
        assertEquals(204, client.post("/api/v1/lead/staff/ana/password", lead,
                new JsonObject().put("password", "a brand new passphrase")).statusCode());
        assertEquals(401, status("/api/v1/console/me", old));
        assertEquals(401, TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/login")
                .sendJsonObject(new JsonObject().put("username", "ana").put("password", "a long enough password"))).statusCode());
        assertNotNull(client.login("ana", "a brand new passphrase", null));
        assertEquals(404, client.post("/api/v1/lead/staff/nobody/password", lead,
                new JsonObject().put("password", "a brand new passphrase")).statusCode());
    }

    @Test
    void resettingAnAuthenticatorSignsThePersonOutEverywhere() throws Exception {
        create("ana");
        ConsoleClient.Staff enrolling = client.login("ana", "a long enough password", null);
        String secret = offeredSecret(enrolling);
        assertEquals(204, client.post("/api/v1/console/totp", enrolling, new JsonObject()
                .put("code", AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant())).put("password", "a long enough password"))
                .statusCode());
        hub.clock.advance(Duration.ofSeconds(30));
        // Signed in with a code from the phone that is later lost (or taken).
        ConsoleClient.Staff withPhone = client.login("ana", "a long enough password",
                AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant()));
        WsClient socket = WsClient.connect(hub.vertx, hub.port(), "/ws/advocate", hub.publicUrl(), withPhone.cookie());
        socket.await("shift");

        assertEquals(204, client.post("/api/v1/lead/staff/ana/totp-reset", lead, new JsonObject()).statusCode());

        assertEquals(401, status("/api/v1/console/me", withPhone), "the session signed in with the lost phone's code ends");
        assertEquals(401, status("/api/v1/console/me", enrolling));
        long deadline = System.currentTimeMillis() + 5000;
        while (!socket.isClosed() && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertTrue(socket.isClosed(), "its console socket closes too");
        assertEquals((short) 4401, socket.closeStatus());
        assertNotNull(client.login("ana", "a long enough password", null), "the password alone signs in until a new app is set up");
    }

    @Test
    void theProgramAlwaysKeepsAnActiveLead() throws Exception {
        HttpResponse<Buffer> self = client.put("/api/v1/lead/staff/lena", lead, new JsonObject().put("disabled", true));
        assertEquals(400, self.statusCode());
        assertEquals("You cannot disable your own account.", self.bodyAsJsonObject().getString("message"));
        // The first-lead bootstrap made "lead" too; disable it so lena is the only active lead.
        assertEquals(200, client.put("/api/v1/lead/staff/lead", lead, new JsonObject().put("disabled", true)).statusCode());
        HttpResponse<Buffer> demote = client.put("/api/v1/lead/staff/lena", lead, new JsonObject().put("role", "advocate"));
        assertEquals(400, demote.statusCode());
        assertEquals("The program must keep at least one active lead.", demote.bodyAsJsonObject().getString("message"));
        assertEquals(Role.LEAD, TestHub.await(hub.hub.settingsStore().account("lena")).orElseThrow().role());
    }

    @Test
    void peopleChangeTheirOwnPasswordWithTheCurrentOne() throws Exception {
        create("ana");
        ConsoleClient.Staff ana = client.login("ana", "a long enough password", null);
        HttpResponse<Buffer> wrong = client.post("/api/v1/console/password", ana,
                new JsonObject().put("current", "not it").put("password", "my new long password"));
        assertEquals(403, wrong.statusCode());
        assertEquals(204, client.post("/api/v1/console/password", ana,
                new JsonObject().put("current", "a long enough password").put("password", "my new long password")).statusCode());
        assertEquals(401, status("/api/v1/console/me", ana), "signed out after the change");
        assertNotNull(client.login("ana", "my new long password", null));
    }

    @Test
    void theConsoleLanguageIsAPreference() throws Exception {
        create("ana");
        ConsoleClient.Staff ana = client.login("ana", "a long enough password", null);
        assertTrue(client.get("/console", ana).bodyAsString().contains("<html lang=\"en\">"));
        assertEquals(200, client.put("/api/v1/console/me", ana, new JsonObject().put("uiLanguage", "es")).statusCode());
        String page = client.get("/console", ana).bodyAsString();
        assertTrue(page.contains("<html lang=\"es\">"));
        assertTrue(page.contains("Fuera de turno"));
        assertEquals(403, client.get("/console/lead/hours", ana).statusCode());
        assertTrue(client.get("/console/lead/hours", ana).bodyAsString().contains("No permitido"));
        assertEquals(400, client.put("/api/v1/console/me", ana, new JsonObject().put("uiLanguage", "fr")).statusCode());
        assertEquals("Elija al menos uno de los idiomas de la lista.",
                client.put("/api/v1/console/me", ana, new JsonObject().put("languages", new JsonArray())).bodyAsJsonObject().getString("message"));
    }

    // ---------------------------------------------------------------- TOTP

    private String offeredSecret(ConsoleClient.Staff who) throws Exception {
        HttpResponse<Buffer> page = client.get("/console/totp", who);
        assertEquals(200, page.statusCode());
        Matcher m = SECRET.matcher(page.bodyAsString());
        assertTrue(m.find(), "the enrolment page shows the key for typing by hand");
        assertTrue(page.bodyAsString().contains("<svg"), "and a QR code");
        return m.group(1).replace(" ", "");
    }

    @Test
    void whenLeadsRequireTotpEveryoneEnrolsBeforeAnythingElse() throws Exception {
        create("ana");
        assertEquals(200, client.put("/api/v1/lead/security", lead, new JsonObject().put("requireTotpForAll", true)).statusCode());
        ConsoleClient.Staff ana = client.login("ana", "a long enough password", null);
        HttpResponse<Buffer> console = client.get("/console", ana);
        assertEquals(302, console.statusCode());
        assertEquals("/console/totp", console.getHeader("Location"));
        HttpResponse<Buffer> library = client.get("/api/v1/console/library", ana);
        assertEquals(403, library.statusCode());
        assertTrue(library.bodyAsJsonObject().getBoolean("totpEnrolmentRequired"));
        assertTrue(client.get("/api/v1/console/me", ana).bodyAsJsonObject().getBoolean("totpRequired"));

        String secret = offeredSecret(ana);
        String code = AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant());
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertEquals(400, client.post("/api/v1/console/totp", ana, new JsonObject().put("code", wrong)).statusCode());
        assertEquals(204, client.post("/api/v1/console/totp", ana, new JsonObject().put("code", code)).statusCode());
        assertEquals(secret, TestHub.await(hub.hub.settingsStore().account("ana")).orElseThrow().totpSecret());
        assertEquals(200, client.get("/console", ana).statusCode(), "enrolled: the console opens");

        HttpResponse<Buffer> noCode = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/login")
                .sendJsonObject(new JsonObject().put("username", "ana").put("password", "a long enough password")));
        assertEquals(401, noCode.statusCode());
        assertTrue(noCode.bodyAsJsonObject().getBoolean("totpRequired"));
        hub.clock.advance(Duration.ofSeconds(30)); // each code works once
        assertNotNull(client.login("ana", "a long enough password", AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant())));
        assertTrue(TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000)).stream()
                .anyMatch(e -> e.record().action().equals("account.totp.enrol") && e.record().target().equals("ana")));
    }

    @Test
    void aLeadCanRequireTotpForOneAccountAndResetIt() throws Exception {
        create("ana");
        create("bea");
        assertEquals(200, client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("requireTotp", true)).statusCode());
        ConsoleClient.Staff ana = client.login("ana", "a long enough password", null);
        ConsoleClient.Staff bea = client.login("bea", "a long enough password", null);
        assertEquals(302, client.get("/console", ana).statusCode());
        assertEquals(200, client.get("/console", bea).statusCode(), "only the named account must enrol");
        JsonObject listed = client.get("/api/v1/lead/staff", lead).bodyAsJsonObject();
        assertTrue(listed.getJsonArray("accounts").stream().map(o -> (JsonObject) o)
                .filter(a -> a.getString("username").equals("ana")).findFirst().orElseThrow().getBoolean("totpRequired"));

        String secret = offeredSecret(ana);
        assertEquals(204, client.post("/api/v1/console/totp", ana,
                new JsonObject().put("code", AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant()))).statusCode());

        // Replacing an app needs the password as well as a code from the new app.
        hub.clock.advance(Duration.ofSeconds(30));
        String next = offeredSecret(ana);
        String nextCode = AdvocateConsoleBrowserTest.totp(next, hub.clock.instant());
        assertEquals(403, client.post("/api/v1/console/totp", ana, new JsonObject().put("code", nextCode)).statusCode());
        assertEquals(204, client.post("/api/v1/console/totp", ana, new JsonObject().put("code", nextCode)
                .put("password", "a long enough password")).statusCode());

        assertEquals(204, client.post("/api/v1/lead/staff/ana/totp-reset", lead, new JsonObject()).statusCode());
        Account reset = TestHub.await(hub.hub.settingsStore().account("ana")).orElseThrow();
        assertNull(reset.totpSecret());
        ConsoleClient.Staff again = client.login("ana", "a long enough password", null);
        assertEquals("/console/totp", client.get("/console", again).getHeader("Location"), "still required, so enrolment comes first again");
    }
}
