package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each program's lead sets its own authenticator rule; a person working in several programs must enrol when any of
 * them requires it, and the lead of another of their programs sees that and cannot lift it.
 */
class ProgramTotpRulesTest {
    private static final Pattern SECRET = Pattern.compile("<code id=\"totp-secret\">([A-Z2-7 ]+)</code>");

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;
    ConsoleClient client;
    ConsoleClient.Staff lena;   // leads main
    ConsoleClient.Staff rita;   // leads riverside only
    ConsoleClient.Staff lupe;   // advocate in main and riverside
    ConsoleClient.Staff rob;    // advocate in riverside only
    ConsoleClient.Staff bea;    // advocate in main only

    @BeforeEach
    void twoPrograms() throws Exception {
        await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        client = new ConsoleClient(hub);
        lena = client.account("lena", Role.LEAD);
        bea = client.account("bea", Role.ADVOCATE);
        hub.addAccountIn("rita", Role.LEAD, Map.of("riverside", Role.LEAD));
        hub.addAccountIn("rob", Role.ADVOCATE, Map.of("riverside", Role.ADVOCATE));
        hub.addAccountIn("lupe", Role.ADVOCATE, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
        rita = client.login("rita", TestHub.PASSWORD, null);
        rob = client.login("rob", TestHub.PASSWORD, null);
        lupe = client.login("lupe", TestHub.PASSWORD, null);
    }

    private JsonObject listed(ConsoleClient.Staff lead, String username) throws Exception {
        return client.get("/api/v1/lead/staff", lead).bodyAsJsonObject().getJsonArray("accounts").stream().map(JsonObject.class::cast)
                .filter(a -> a.getString("username").equals(username)).findFirst().orElseThrow();
    }

    private boolean mustEnrol(ConsoleClient.Staff who, String program) throws Exception {
        HttpResponse<Buffer> r = client.get("/api/v1/console/library?program=" + program, who);
        if (r.statusCode() == 200) return false;
        assertEquals(403, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getBoolean("totpEnrolmentRequired");
    }

    @Test
    void oneProgramsRuleMakesATwoProgramAccountEnrolAndTheOtherLeadCannotLiftIt() throws Exception {
        assertEquals(200, client.put("/api/v1/lead/security", rita, new JsonObject().put("requireTotpForAll", true)).statusCode());

        // Lupe must enrol before anything, in main too: one sign-in serves both programs.
        assertTrue(mustEnrol(lupe, "main"));
        assertTrue(mustEnrol(lupe, "riverside"));
        HttpResponse<Buffer> console = client.get("/console?program=main", lupe);
        assertEquals(302, console.statusCode());
        assertEquals("/console/totp", console.getHeader("Location"));
        assertEquals(403, WsClient.refusedStatus(hub.vertx, hub.port(), "/ws/advocate?program=main", hub.publicUrl(), lupe.cookie()));
        assertTrue(client.get("/api/v1/console/me", lupe).bodyAsJsonObject().getBoolean("totpRequired"));
        assertTrue(mustEnrol(rob, "riverside"), "riverside's own people");
        assertFalse(mustEnrol(bea, "main"), "main's people who do not work at riverside are not bound by its rule");

        // Main's lead sees the requirement, and that it is not main's; whatever main's lead does, it stays.
        JsonObject seen = listed(lena, "lupe");
        assertTrue(seen.getBoolean("totpRequired"));
        assertFalse(seen.getBoolean("totpRequiredHere"));
        assertTrue(seen.getBoolean("totpRequiredElsewhere"));
        assertFalse(seen.encode().contains("riverside"), "which program requires it is not main's to know: " + seen.encode());
        assertTrue(client.get("/console/lead/staff", lena).bodyAsString().contains("by another of their programs"));
        HttpResponse<Buffer> lifted = client.put("/api/v1/lead/staff/lupe", lena, new JsonObject().put("requireTotp", false));
        assertEquals(200, lifted.statusCode());
        assertTrue(lifted.bodyAsJsonObject().getBoolean("totpRequired"));
        assertEquals(200, client.put("/api/v1/lead/security", lena, new JsonObject().put("requireTotpForAll", false)).statusCode());
        assertTrue(mustEnrol(lupe, "main"));

        // Enrolment works as ever, and then both programs are open to her.
        HttpResponse<Buffer> page = client.get("/console/totp", lupe);
        assertEquals(200, page.statusCode());
        assertTrue(page.bodyAsString().contains("Your program requires a code"), "the page says it is required");
        Matcher m = SECRET.matcher(page.bodyAsString());
        assertTrue(m.find());
        String secret = m.group(1).replace(" ", "");
        assertEquals(204, client.post("/api/v1/console/totp", lupe,
                new JsonObject().put("code", AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant()))).statusCode());
        hub.clock.advance(java.time.Duration.ofSeconds(30));
        ConsoleClient.Staff again = client.login("lupe", TestHub.PASSWORD, AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant()));
        assertFalse(mustEnrol(again, "main"));
        assertFalse(mustEnrol(again, "riverside"));
    }

    @Test
    void aProgramsRuleBindsItsOwnPeopleOnlyWhetherForEveryoneOrByName() throws Exception {
        assertEquals(200, client.put("/api/v1/lead/security", lena, new JsonObject().put("requireTotpForAll", true)).statusCode());
        assertTrue(mustEnrol(bea, "main"));
        assertTrue(mustEnrol(lupe, "riverside"), "main's rule reaches her at riverside too");
        assertFalse(mustEnrol(rob, "riverside"), "riverside's own people are not main's to bind");
        assertFalse(mustEnrol(rita, "riverside"));
        assertTrue(listed(rita, "lupe").getBoolean("totpRequiredElsewhere"));
        assertFalse(listed(rita, "rob").getBoolean("totpRequired"));

        assertEquals(200, client.put("/api/v1/lead/staff/rob", rita, new JsonObject().put("requireTotp", true)).statusCode());
        assertTrue(mustEnrol(rob, "riverside"));
        JsonObject robSeen = listed(rita, "rob");
        assertTrue(robSeen.getBoolean("totpRequiredHere"));
        assertFalse(robSeen.getBoolean("totpRequiredElsewhere"));
        assertEquals(200, client.put("/api/v1/lead/staff/rob", rita, new JsonObject().put("requireTotp", false)).statusCode());
        assertFalse(mustEnrol(rob, "riverside"), "a program lifts its own rule");
    }
}
