package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.testing.HeldChat;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coalition's shared partner directory: an admin publishes entries, a program's lead adopts them, its
 * advocates send them as cards, and the coalition's later edits and deletions reach the programs that adopted
 * them (and only those). Files here; {@link RedisCoalitionPartnersTest} runs every test on Redis.
 */
class CoalitionPartnersTest {
    static final String COALITION = "/api/v1/coalition/partners";
    static final String OFFERED = "/api/v1/lead/coalition-partners";
    static final String OWN = "/api/v1/lead/partners";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().redisStores(this::redisStores);
    TestHub hub;
    ConsoleClient client;
    ConsoleClient.Staff cora;  // coalition admin
    ConsoleClient.Staff lena;  // leads main, the default program ("A")
    ConsoleClient.Staff rita;  // leads riverside ("B")

    /** In memory and files here. */
    RedisStores redisStores() {
        return null;
    }

    /** Where the hub keeps the coalition's directory: the default program's files (Redis: its keys). */
    void assertKeptHubWide(String id, boolean present) throws Exception {
        var file = hub.dataDir.resolve("programs/main/coalition-partners.json");
        assertEquals(present, Files.exists(file) && Files.readString(file).contains(id));
        assertFalse(Files.exists(hub.dataDir.resolve("programs/riverside/coalition-partners.json")), "never a program's own");
    }

    static JsonObject hotline() {
        return new JsonObject().put("name", "Statewide Hotline").put("services", new JsonArray().add("hotline").add("safety planning"))
                .put("languages", new JsonArray().add("English").add("Spanish")).put("phone", "1-800-555-0100")
                .put("url", "https://hotline.example");
    }

    @BeforeEach
    void coalition() throws Exception {
        await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        client = new ConsoleClient(hub);
        lena = client.account("lena", Role.LEAD);
        hub.addAccountIn("rita", Role.LEAD, Map.of("riverside", Role.LEAD));
        rita = client.login("rita", TestHub.PASSWORD, null);
        hub.addAccount("cora", Role.LEAD, List.of("en"), 1);
        Account a = await(hub.hub.accounts().account("cora")).orElseThrow();
        await(hub.hub.accounts().saveAccount(a.withCoalitionAdmin(true)));
        cora = client.login("cora", TestHub.PASSWORD, null);
    }

    private String publish(JsonObject entry) throws Exception {
        HttpResponse<Buffer> r = client.post(COALITION, cora, entry);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private JsonArray listed(String path, ConsoleClient.Staff who) throws Exception {
        HttpResponse<Buffer> r = client.get(path, who);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getJsonArray("partners");
    }

    private List<String> names(JsonArray partners) {
        return partners.stream().map(p -> ((JsonObject) p).getString("name")).toList();
    }

    private List<String> audited(String prefix) throws Exception {
        List<AuditEntry> all = await(hub.hub.settingsStore().auditEntries(1, 1000));
        return all.stream().filter(e -> e.record().action().startsWith(prefix))
                .map(e -> e.record().actor().replaceFirst("^staff:", "") + " " + e.record().action() + " " + e.record().target()).toList();
    }

    @Test
    void anAdoptedEntryIsSentAsACardFollowsTheCoalitionsEditsAndLeavesWhenItIsDeleted() throws Exception {
        HttpResponse<Buffer> created = client.post(COALITION, cora, hotline());
        assertEquals(201, created.statusCode(), created.bodyAsString());
        String id = created.bodyAsJsonObject().getString("id");
        assertEquals("coalition", created.bodyAsJsonObject().getString("source"));
        assertEquals(List.of("Statewide Hotline"), names(listed(COALITION, cora)));
        assertKeptHubWide(id, true);

        // Offered to both programs' leads; lena (main) adopts it, rita (riverside) does not.
        JsonObject offered = listed(OFFERED, lena).getJsonObject(0);
        assertEquals(id, offered.getString("id"));
        assertFalse(offered.getBoolean("adopted"));
        assertTrue(listed(OWN, lena).isEmpty(), "nothing in a program's directory until it adopts");
        HttpResponse<Buffer> adopted = client.put(OFFERED + "/" + id, lena, null);
        assertEquals(200, adopted.statusCode(), adopted.bodyAsString());
        assertEquals("Statewide Hotline", adopted.bodyAsJsonObject().getString("name"));
        JsonObject inA = listed(OWN, lena).getJsonObject(0);
        assertEquals(id, inA.getString("id"));
        assertEquals("coalition", inA.getString("source"));
        assertTrue(listed(OFFERED, lena).getJsonObject(0).getBoolean("adopted"));
        assertEquals(List.of(id), hub.hub.settings().get().adoptedPartners(), "by reference: the id only");
        assertTrue(hub.hub.settings().get().partners().isEmpty(), "no copy among the program's own entries");
        assertTrue(listed(OWN + "?program=riverside", rita).isEmpty(), "riverside never adopted it");
        assertFalse(listed(OFFERED + "?program=riverside", rita).getJsonObject(0).getBoolean("adopted"), "nor sees main's adoption");

        // main's advocate sends it; the register records it as any card.
        HeldChat chat = HeldChat.maria(hub);
        JsonArray library = client.get("/api/v1/console/library", client.login("maria", TestHub.PASSWORD, null))
                .bodyAsJsonObject().getJsonArray("partners");
        assertEquals(List.of("Statewide Hotline"), names(library));
        chat.sendCard("c1", id);
        chat.advocate().await("ack");
        JsonObject card = chat.receivedCard();
        assertEquals("Statewide Hotline", card.getString("name"));
        assertEquals("1-800-555-0100", card.getString("phone"));
        assertEquals("https://hotline.example", card.getString("url"));
        List<SharingEntry> register = await(hub.hub.settingsStore().sharingEntries(YearMonth.of(2026, 11)));
        assertEquals(1, register.size());
        assertEquals("Statewide Hotline", register.get(0).toPartner());
        assertEquals("maria", register.get(0).advocate());

        // The coalition edits it: main's directory, library and cards follow; the lead cannot edit it.
        HttpResponse<Buffer> edited = client.put(COALITION + "/" + id, cora, hotline().put("name", "Statewide Hotline 24/7")
                .put("phone", "1-800-555-0199"));
        assertEquals(200, edited.statusCode(), edited.bodyAsString());
        assertEquals(id, edited.bodyAsJsonObject().getString("id"));
        assertEquals("1-800-555-0199", listed(OWN, lena).getJsonObject(0).getString("phone"));
        chat.sendCard("c2", id);
        assertEquals("1-800-555-0199", chat.receivedCard().getString("phone"));
        HttpResponse<Buffer> leadEdit = client.put(OWN + "/" + id, lena, hotline().put("phone", "555-0000"));
        assertEquals(409, leadEdit.statusCode(), leadEdit.bodyAsString());
        assertEquals("conflict", leadEdit.bodyAsJsonObject().getString("code"));
        assertEquals("1-800-555-0199", listed(OWN, lena).getJsonObject(0).getString("phone"), "the refused edit changed nothing");

        // The coalition deletes it: gone from main's directory, and its card is refused as unknown.
        assertEquals(204, client.send(HttpMethod.DELETE, COALITION + "/" + id, cora, null, true).statusCode());
        assertTrue(listed(OWN, lena).isEmpty());
        assertTrue(listed(OFFERED, lena).isEmpty());
        assertTrue(listed(COALITION, cora).isEmpty());
        assertKeptHubWide(id, false);
        chat.sendCard("c3", id);
        JsonObject refused = chat.advocate().await("error");
        assertEquals("not_found", refused.getString("code"));
        assertEquals(2, await(hub.hub.settingsStore().sharingEntries(YearMonth.of(2026, 11))).size(), "the refused card recorded nothing");

        assertEquals(List.of("cora coalition.partner.add Statewide Hotline", "cora coalition.partner.update Statewide Hotline 24/7",
                "cora coalition.partner.remove Statewide Hotline 24/7"), audited("coalition.partner."), "the hub's log, names only");
        assertEquals(List.of("lena partner.adopt Statewide Hotline"), audited("partner."));
    }

    @Test
    void aLeadDropsAnAdoptedEntryAndAdoptionsRefusalsChangeNothing() throws Exception {
        String hotline = publish(hotline());
        String riverside = publish(new JsonObject().put("name", "Riverside Shelter").put("program", "riverside"));
        String clash = publish(new JsonObject().put("name", "Legal Aid North"));
        assertEquals(201, client.post(OWN, lena, PartnerDirectoryTest.legalAid()).statusCode());

        // The program that an entry names is not offered it, and cannot adopt itself.
        assertEquals(List.of("Legal Aid North", "Riverside Shelter", "Statewide Hotline"), names(listed(OFFERED, lena)));
        assertEquals(List.of("Legal Aid North", "Statewide Hotline"), names(listed(OFFERED + "?program=riverside", rita)));
        assertEquals(409, client.put(OFFERED + "/" + riverside + "?program=riverside", rita, null).statusCode());
        // A name the program's own entry has; ids that are no coalition entry's.
        assertEquals(409, client.put(OFFERED + "/" + clash, lena, null).statusCode());
        for (String bad : List.of("p-nobody", "%3Cscript%3E", "x".repeat(41))) {
            assertEquals(404, client.put(OFFERED + "/" + bad, lena, null).statusCode(), bad);
            assertEquals(404, client.send(HttpMethod.DELETE, OFFERED + "/" + bad, lena, null, true).statusCode(), bad);
        }
        assertEquals(404, client.send(HttpMethod.DELETE, OFFERED + "/" + hotline, lena, null, true).statusCode(), "not adopted");
        assertTrue(hub.hub.settings().get().adoptedPartners().isEmpty());

        // Adopting twice is once; the lead's own entries may not take an adopted entry's name.
        assertEquals(200, client.put(OFFERED + "/" + hotline, lena, null).statusCode());
        assertEquals(200, client.put(OFFERED + "/" + hotline, lena, null).statusCode());
        assertEquals(List.of(hotline), hub.hub.settings().get().adoptedPartners());
        HttpResponse<Buffer> same = client.post(OWN, lena, hotline().put("name", "statewide HOTLINE"));
        assertEquals(400, same.statusCode());
        assertEquals("name", same.bodyAsJsonObject().getString("field"));

        // Dropped on the coalition list, adopted again, then removed from the program's own list: the coalition keeps it.
        assertEquals(204, client.send(HttpMethod.DELETE, OFFERED + "/" + hotline, lena, null, true).statusCode());
        assertEquals(List.of("Legal Aid North"), names(listed(OWN, lena)));
        assertEquals(200, client.put(OFFERED + "/" + hotline, lena, null).statusCode());
        assertEquals(204, client.send(HttpMethod.DELETE, OWN + "/" + hotline, lena, null, true).statusCode());
        assertEquals(List.of("Legal Aid North"), names(listed(OWN, lena)));
        assertEquals(3, listed(COALITION, cora).size());
        assertEquals(List.of("lena partner.add Legal Aid North", "lena partner.adopt Statewide Hotline", "lena partner.drop Statewide Hotline",
                "lena partner.adopt Statewide Hotline", "lena partner.drop Statewide Hotline"), audited("partner."));
    }

    @Test
    void nobodyButACoalitionAdminKeepsTheDirectory() throws Exception {
        String id = publish(hotline());
        ConsoleClient.Staff maria = client.account("maria", Role.ADVOCATE);
        record Call(HttpMethod method, String path, JsonObject body) {
        }
        List<Call> calls = List.of(new Call(HttpMethod.GET, COALITION, null), new Call(HttpMethod.POST, COALITION, hotline().put("name", "Other")),
                new Call(HttpMethod.PUT, COALITION + "/" + id, hotline().put("phone", "555-0000")),
                new Call(HttpMethod.DELETE, COALITION + "/" + id, null));
        for (Call c : calls) {
            for (ConsoleClient.Staff who : List.of(lena, rita, maria)) {
                HttpResponse<Buffer> r = client.send(c.method(), c.path(), who, c.body(), true);
                assertEquals(403, r.statusCode(), c + " as " + who.username());
                assertEquals("forbidden", r.bodyAsJsonObject().getString("code"));
            }
            assertEquals(401, client.send(c.method(), c.path(), null, c.body(), false).statusCode(), c.toString());
            if (c.method() != HttpMethod.GET) {
                assertEquals(403, client.send(c.method(), c.path(), cora, c.body(), false).statusCode(), "no CSRF token: " + c);
                assertEquals(403, client.send(c.method(), c.path(), cora, c.body(), true, "https://evil.example").statusCode(),
                        "another site: " + c);
            }
        }
        assertEquals(403, client.get("/console/coalition/partners", lena).statusCode());
        assertEquals(403, client.put(OFFERED + "/" + id, maria, null).statusCode(), "adopting is a lead's");
        assertEquals(List.of("1-800-555-0100"), listed(COALITION, cora).stream().map(p -> ((JsonObject) p).getString("phone")).toList());
        assertEquals(1, audited("coalition.partner.").size(), "only the one publication");
    }

    @Test
    void badEntriesAreRefusedAsTheProgramsDirectoryRefusesThemAndChangeNothing() throws Exception {
        String id = publish(hotline());
        String script = PartnerDirectoryTest.SCRIPT;
        List<UnaryOperator<JsonObject>> spoilers = List.of(
                e -> e.put("url", "javascript:alert(1)"),
                e -> e.put("url", "data:text/html," + script),
                e -> e.put("phone", script),
                e -> e.put("sms", "javascript:alert(1)"),
                e -> e.put("email", "Someone <a@b.example>"),
                e -> e.put("program", "Riverside!"),
                e -> e.put("program", script),
                e -> new JsonObject(),
                e -> e.putNull("name"),
                e -> e.put("name", "x".repeat(201)),
                e -> e.put("services", "not a list"),
                e -> e.put("services", new JsonArray().add("x".repeat(81))),
                e -> e.put("languages", new JsonArray(java.util.Collections.nCopies(21, "English"))),
                e -> e.put("id", "c-chosen"),
                e -> e.put("source", "program"),
                e -> e.put("surprise", true));
        for (UnaryOperator<JsonObject> spoil : spoilers) {
            JsonObject created = spoil.apply(hotline().put("name", "Another Hotline"));
            HttpResponse<Buffer> r = client.post(COALITION, cora, created);
            assertEquals(400, r.statusCode(), created.encode());
            assertFalse(r.bodyAsString().contains("x".repeat(81)), "a refusal never repeats the value");
            JsonObject replaced = spoil.apply(hotline());
            assertEquals(400, client.put(COALITION + "/" + id, cora, replaced).statusCode(), replaced.encode());
        }
        HttpResponse<Buffer> twice = client.post(COALITION, cora, hotline().put("name", "STATEWIDE hotline"));
        assertEquals(400, twice.statusCode());
        assertEquals("name", twice.bodyAsJsonObject().getString("field"));
        assertEquals(413, client.post(COALITION, cora, hotline().put("name", "x".repeat(ConsoleGuards.MAX_BODY_BYTES))).statusCode());
        HttpResponse<Buffer> notJson = await(hub.http().post(hub.port(), "localhost", COALITION)
                .putHeader("Cookie", cora.cookie()).putHeader("X-CSRF-Token", cora.csrf())
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"name\": \"Half")));
        assertEquals(400, notJson.statusCode());
        for (String unknown : List.of("c-nobody", "%3Cscript%3E")) {
            assertEquals(404, client.put(COALITION + "/" + unknown, cora, hotline()).statusCode());
            assertEquals(404, client.send(HttpMethod.DELETE, COALITION + "/" + unknown, cora, null, true).statusCode());
        }
        JsonArray kept = listed(COALITION, cora);
        assertEquals(1, kept.size());
        assertEquals(hotline().put("id", id).put("source", "coalition").put("sms", null).put("email", null).put("program", null),
                kept.getJsonObject(0), "as first published");
        assertEquals(1, audited("coalition.partner.").size());
    }

    @Test
    void aControlOrTextDirectionCharacterInAShownFieldIsRefusedAtItAndNamesInAnyScriptAreKept() throws Exception {
        publish(hotline());
        PartnerDirectoryTest.assertShownFieldsChecked(client, cora, COALITION, hotline());
        assertEquals(1, audited("coalition.partner.add").size(), "only the first add");
    }

    @Test
    void hostileNamesAreInertOnTheAdminsAndTheLeadsPages() throws Exception {
        publish(hotline().put("name", PartnerDirectoryTest.SCRIPT).put("services", new JsonArray().add("\"><img src=x onerror=alert(1)>")));
        for (var page : List.of(client.get("/console/coalition/partners", cora), client.get("/console/lead/partners", lena))) {
            assertEquals(200, page.statusCode());
            String html = page.bodyAsString();
            assertFalse(html.contains(PartnerDirectoryTest.SCRIPT), "escaped into the data attribute");
            assertFalse(html.contains("<img src=x"));
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        }
    }
}
