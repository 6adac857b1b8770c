package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An advocate's program phone is the account's, hub-wide: it rings for the hotline of every program they work in. So a
 * lead sets, changes or removes it only as a lead of every one of those programs, or as a coalition admin. Before,
 * riverside's lead could set the phone of an advocate who also works in main, and main's callers rang a number
 * riverside's lead chose (PUT /api/v1/lead/staff/ana {"phone": ...} answered 200).
 */
class ProgramPhoneRightsTest {
    private static final String ANA_PHONE = "+15550100100";
    private static final String OTHER = "+15550109999";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;
    ConsoleClient client;
    ConsoleClient.Staff lena;   // leads main only
    ConsoleClient.Staff rita;   // leads riverside only
    ConsoleClient.Staff lou;    // leads main and riverside
    ConsoleClient.Staff cora;   // coalition admin, leads riverside only

    @BeforeEach
    void twoPrograms() throws Exception {
        await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        client = new ConsoleClient(hub);
        lena = client.account("lena", Role.LEAD);
        hub.addAccountIn("rita", Role.LEAD, Map.of("riverside", Role.LEAD));
        hub.addAccountIn("lou", Role.LEAD, Map.of("main", Role.LEAD, "riverside", Role.LEAD));
        hub.addAccountIn("cora", Role.LEAD, Map.of("riverside", Role.LEAD));
        await(hub.hub.accounts().saveAccount(account("cora").withCoalitionAdmin(true)));
        // Advocates: at riverside only; at both, with a phone and without.
        hub.addAccountIn("rob", Role.ADVOCATE, Map.of("riverside", Role.ADVOCATE));
        hub.addAccountIn("ana", Role.ADVOCATE, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
        await(hub.hub.accounts().saveAccount(account("ana").withPhone(ANA_PHONE)));
        hub.addAccountIn("nia", Role.ADVOCATE, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
        rita = client.login("rita", TestHub.PASSWORD, null);
        lou = client.login("lou", TestHub.PASSWORD, null);
        cora = client.login("cora", TestHub.PASSWORD, null);
    }

    private Account account(String username) throws Exception {
        return await(hub.hub.accounts().account(username)).orElseThrow();
    }

    private HttpResponse<Buffer> edit(ConsoleClient.Staff lead, String username, JsonObject body) throws Exception {
        return client.put("/api/v1/lead/staff/" + username + "?program=riverside", lead, body);
    }

    private HttpResponse<Buffer> setPhone(ConsoleClient.Staff lead, String username, Object phone) throws Exception {
        return edit(lead, username, new JsonObject().put("phone", phone));
    }

    private static void assertRefused(HttpResponse<Buffer> r, String username) {
        assertEquals(403, r.statusCode(), username + ": " + r.bodyAsString());
        assertEquals("forbidden", r.bodyAsJsonObject().getString("code"));
        String message = r.bodyAsJsonObject().getString("message");
        assertTrue(message.contains(username) && message.contains("program you do not lead"), message);
    }

    @Test
    void aLeadCannotSetChangeOrRemoveThePhoneOfSomeoneWhoAlsoWorksInAProgramTheyDoNotLead() throws Exception {
        assertRefused(setPhone(rita, "ana", OTHER), "ana");
        assertRefused(setPhone(rita, "ana", ""), "ana");
        assertRefused(setPhone(rita, "ana", null), "ana");
        assertRefused(setPhone(rita, "nia", OTHER), "nia");
        // Nothing of a refused edit is saved, not even its other fields.
        assertRefused(edit(rita, "ana", new JsonObject().put("displayName", "Renamed").put("phone", OTHER)), "ana");
        assertEquals(ANA_PHONE, account("ana").phone(), "main's calls still ring ana's phone");
        assertNull(account("nia").phone());
        assertFalse(account("ana").displayName().equals("Renamed"));
        assertFalse(client.get("/api/v1/lead/audit", rita).bodyAsString().contains("account.update"));

        // Main's lead alone does not lead riverside, where ana works too.
        HttpResponse<Buffer> byMain = client.put("/api/v1/lead/staff/ana", lena, new JsonObject().put("phone", OTHER));
        assertRefused(byMain, "ana");
        assertEquals(ANA_PHONE, account("ana").phone());

        // The staff page shows her phone locked to riverside's lead, open to the lead of both.
        assertTrue(staffEntry(rita, "ana").getBoolean("phoneLocked"));
        assertFalse(staffEntry(rita, "rob").getBoolean("phoneLocked"));
        assertFalse(staffEntry(lou, "ana").getBoolean("phoneLocked"));
        assertFalse(staffEntry(cora, "ana").getBoolean("phoneLocked"));
    }

    private JsonObject staffEntry(ConsoleClient.Staff lead, String username) throws Exception {
        JsonArray all = client.get("/api/v1/lead/staff?program=riverside", lead).bodyAsJsonObject().getJsonArray("accounts");
        return all.stream().map(JsonObject.class::cast).filter(a -> a.getString("username").equals(username)).findFirst().orElseThrow();
    }

    @Test
    void theLeadOfEveryProgramTheyWorkInOrACoalitionAdminMay() throws Exception {
        HttpResponse<Buffer> changed = setPhone(lou, "ana", "+1 555 010 9999");
        assertEquals(200, changed.statusCode(), changed.bodyAsString());
        assertEquals(OTHER, account("ana").phone());
        assertEquals(200, setPhone(lou, "ana", "").statusCode());
        assertNull(account("ana").phone());
        assertEquals(200, client.put("/api/v1/lead/staff/nia", lou, new JsonObject().put("phone", OTHER)).statusCode(), "from main too");
        assertEquals(OTHER, account("nia").phone());

        assertEquals(200, setPhone(cora, "ana", ANA_PHONE).statusCode(), "the coalition admin, who leads riverside alone");
        assertEquals(ANA_PHONE, account("ana").phone());
        assertTrue(client.get("/api/v1/lead/audit?program=riverside", cora).bodyAsString().contains("account.update"));
    }

    @Test
    void aLeadStillSetsThePhoneOfSomeoneWhoWorksOnlyInTheirProgram() throws Exception {
        assertEquals(200, setPhone(rita, "rob", "+1 555 010 0300").statusCode());
        assertEquals("+15550100300", account("rob").phone());
        assertEquals(200, setPhone(rita, "rob", OTHER).statusCode());
        assertEquals(OTHER, account("rob").phone());
        assertEquals(200, setPhone(rita, "rob", "").statusCode());
        assertNull(account("rob").phone());
    }

    /** The staff page sends the whole form: an edit that leaves the phone as it is goes through. */
    @Test
    void editingASharedAdvocateWithThePhoneUnchangedStillWorks() throws Exception {
        JsonObject form = new JsonObject().put("displayName", "Ana M.").put("role", "advocate").put("capacity", 3)
                .put("languages", new JsonArray().add("en").add("es")).put("phone", "+1 555 010 0100").put("requireTotp", false);
        HttpResponse<Buffer> r = edit(rita, "ana", form);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals(ANA_PHONE, r.bodyAsJsonObject().getString("phone"));
        assertTrue(r.bodyAsJsonObject().getBoolean("phoneLocked"));
        Account ana = account("ana");
        assertEquals("Ana M.", ana.displayName());
        assertEquals(3, ana.capacity());
        assertEquals(ANA_PHONE, ana.phone());

        // Someone without a phone: the form's empty field is no change either.
        HttpResponse<Buffer> nia = edit(rita, "nia", form.copy().put("displayName", "Nia R.").put("phone", ""));
        assertEquals(200, nia.statusCode(), nia.bodyAsString());
        assertEquals("Nia R.", account("nia").displayName());
        assertNull(account("nia").phone());

        // Her role in riverside, riverside's lead's to change, still is.
        assertEquals(200, edit(rita, "ana", new JsonObject().put("role", "lead").put("phone", ANA_PHONE)).statusCode());
        assertEquals(Map.of("main", Role.ADVOCATE, "riverside", Role.LEAD), account("ana").memberships("main"));
    }
}
