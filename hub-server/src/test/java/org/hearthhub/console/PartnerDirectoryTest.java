package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Partner;
import org.hearthhub.testing.ShownNameSamples;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lead's partner directory over HTTP: one entry at a time, validated like referrals, audited by name
 * only, kept in the program's settings; advocates read it and change nothing.
 */
class PartnerDirectoryTest extends LeadApiTestBase {
    static final String SCRIPT = "<script>alert(1)</script>";

    static JsonObject legalAid() {
        return new JsonObject().put("name", "Legal Aid North").put("services", new JsonArray().add("legal aid").add("protection orders"))
                .put("languages", new JsonArray().add("English").add("Vietnamese")).put("phone", "+1 555 010 0300")
                .put("sms", "55510").put("email", "intake@legalaid.example").put("url", "https://legalaid.example/help");
    }

    private HttpResponse<Buffer> add(JsonObject partner) throws Exception {
        return client.post("/api/v1/lead/partners", lead, partner);
    }

    private List<AuditEntry> audit() throws Exception {
        return TestHub.await(hub.hub.settingsStore().auditEntries(1, 1000));
    }

    @Test
    void aLeadAddsEditsAndRemovesPartnersEachChangeAuditedByNameOnly() throws Exception {
        HttpResponse<Buffer> added = add(legalAid());
        assertEquals(201, added.statusCode(), added.bodyAsString());
        String id = added.bodyAsJsonObject().getString("id");
        assertTrue(id.matches("[A-Za-z0-9_-]{1,40}"), id);
        assertEquals("program", added.bodyAsJsonObject().getString("source"));
        assertNull(added.bodyAsJsonObject().getString("program"), "outside the hub");

        JsonObject shelter = new JsonObject().put("name", "Hillside Shelter").put("services", new JsonArray().add("shelter"))
                .put("program", "hillside");
        assertEquals(201, add(shelter).statusCode());
        JsonArray listed = client.get("/api/v1/lead/partners", lead).bodyAsJsonObject().getJsonArray("partners");
        assertEquals(2, listed.size());
        assertEquals("hillside", listed.getJsonObject(1).getString("program"), "a program on this hub");

        HttpResponse<Buffer> edited = client.put("/api/v1/lead/partners/" + id, lead, legalAid().put("name", "Legal Aid North-East")
                .put("phone", null));
        assertEquals(200, edited.statusCode(), edited.bodyAsString());
        assertEquals(id, edited.bodyAsJsonObject().getString("id"), "an edit keeps the id");
        Partner kept = hub.hub.settings().get().partner(id).orElseThrow();
        assertEquals("Legal Aid North-East", kept.name());
        assertNull(kept.phone());
        assertEquals(List.of("legal aid", "protection orders"), kept.services());

        assertEquals(204, client.send(HttpMethod.DELETE, "/api/v1/lead/partners/" + id, lead, null, true).statusCode());
        assertTrue(hub.hub.settings().get().partner(id).isEmpty());
        assertEquals(1, TestHub.await(hub.hub.settingsStore().programSettings()).partners().size(), "saved in the program's settings");

        List<AuditEntry> entries = audit().stream().filter(e -> e.record().action().startsWith("partner.")).toList();
        assertEquals(List.of("partner.add Legal Aid North", "partner.add Hillside Shelter", "partner.update Legal Aid North-East",
                "partner.remove Legal Aid North-East"), entries.stream().map(e -> e.record().action() + " " + e.record().target()).toList());
        for (AuditEntry e : entries) {
            assertNull(e.record().detail(), "names only");
            assertEquals("lena", e.record().actor().replaceFirst("^staff:", ""));
        }
    }

    @Test
    void contactsFollowTheReferralRulesAndEachRefusalNamesItsField() throws Exception {
        record Bad(String field, Object value, String key) {
        }
        for (Bad bad : List.of(
                new Bad("url", "javascript:alert(1)", "error.url"),
                new Bad("url", "data:text/html,<script>alert(1)</script>", "error.url"),
                new Bad("phone", SCRIPT, "error.field.phone"),
                new Bad("sms", "javascript:alert(1)", "error.field.phone"),
                new Bad("phone", "()", "error.field.phone"),
                new Bad("sms", "+ - .", "error.field.phone"),
                new Bad("email", "Someone <a@b.example>", "error.field.email"),
                new Bad("email", "javascript:alert(1)@x", "error.field.email"),
                new Bad("program", "Hillside!", "error.field.program"),
                new Bad("program", "main", "error.partner.self"))) {
            HttpResponse<Buffer> r = add(legalAid().put(bad.field(), bad.value()));
            assertEquals(400, r.statusCode(), bad.toString());
            assertEquals(bad.field(), r.bodyAsJsonObject().getString("field"), bad.toString());
        }
        assertEquals(201, add(legalAid()).statusCode());
        HttpResponse<Buffer> twice = add(legalAid().put("name", "legal aid NORTH"));
        assertEquals(400, twice.statusCode());
        assertEquals("name", twice.bodyAsJsonObject().getString("field"), "names are unique, whatever the case");
        assertEquals(1, hub.hub.settings().get().partners().size(), "nothing refused was saved");
    }

    /**
     * In a directory at {@code base} holding only {@code entry}: a control or text-direction character in a field the
     * directory shows (its name, services, languages, web address) is refused at that field, adding or editing, and
     * changes nothing; names in any script are kept in each.
     */
    static void assertShownFieldsChecked(ConsoleClient client, ConsoleClient.Staff who, String base, JsonObject entry) throws Exception {
        Map<String, Function<String, JsonObject>> fields = Map.of(
                "name", v -> entry.copy().put("name", v),
                "services", v -> entry.copy().put("services", new JsonArray().add("hotline").add(v)),
                "languages", v -> entry.copy().put("languages", new JsonArray().add(v)),
                "url", v -> entry.copy().put("url", "https://partner.example/" + v));
        JsonArray before = client.get(base, who).bodyAsJsonObject().getJsonArray("partners");
        String id = before.getJsonObject(0).getString("id");
        for (var field : fields.entrySet()) {
            for (String spoof : ShownNameSamples.SPOOFING) {
                String what = field.getKey() + " " + spoof.codePoints().mapToObj(Integer::toHexString).toList();
                JsonObject body = field.getValue().apply(spoof);
                for (HttpResponse<Buffer> r : List.of(client.post(base, who, body.copy().put("name", "Another " + body.getString("name"))),
                        client.put(base + "/" + id, who, body))) {
                    assertEquals(400, r.statusCode(), what);
                    assertEquals(field.getKey(), r.bodyAsJsonObject().getString("field"), what);
                    assertEquals(field.getKey().equals("url") ? HiddenCharactersInWebAddressesTest.HIDDEN : ShownTextsInSettingsTest.LINE,
                            r.bodyAsJsonObject().getString("message"), what);
                }
            }
        }
        assertEquals(before, client.get(base, who).bodyAsJsonObject().getJsonArray("partners"), "nothing was saved");
        for (String name : ShownNameSamples.IN_ANY_SCRIPT) {
            for (String field : List.of("name", "services", "languages")) {
                HttpResponse<Buffer> r = client.put(base + "/" + id, who, fields.get(field).apply(name));
                assertEquals(200, r.statusCode(), field + " " + name + " " + r.bodyAsString());
                Object kept = r.bodyAsJsonObject().getValue(field);
                assertTrue(kept.equals(name) || ((JsonArray) kept).contains(name), field + " " + name + " " + kept);
            }
        }
    }

    @Test
    void aControlOrTextDirectionCharacterInAShownFieldIsRefusedAtItAndNamesInAnyScriptAreKept() throws Exception {
        assertEquals(201, add(legalAid()).statusCode());
        assertShownFieldsChecked(client, lead, "/api/v1/lead/partners", legalAid());
        assertEquals(1, audit().stream().filter(e -> e.record().action().equals("partner.add")).count(), "only the first add");
    }

    @Test
    void malformedOversizedAndUnknownInputIsRefusedAndChangesNothing() throws Exception {
        assertEquals(201, add(legalAid()).statusCode());
        String id = hub.hub.settings().get().partners().get(0).id();
        List<JsonObject> refused = List.of(
                new JsonObject(),
                legalAid().putNull("name"),
                legalAid().put("name", "x".repeat(201)),
                legalAid().put("services", "not a list"),
                legalAid().put("services", new JsonArray().add(7)),
                legalAid().put("services", new JsonArray().add("x".repeat(81))),
                legalAid().put("services", new JsonArray().add("")),
                legalAid().put("languages", new JsonArray(java.util.Collections.nCopies(21, "English"))),
                legalAid().put("id", "chosen-by-me"),
                legalAid().put("source", "coalition"),
                legalAid().put("surprise", true));
        for (JsonObject body : refused) {
            HttpResponse<Buffer> r = add(body);
            assertEquals(400, r.statusCode(), body.encode());
            assertFalse(r.bodyAsString().contains("x".repeat(81)), "a refusal never repeats the value");
        }
        HttpResponse<Buffer> notJson = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/lead/partners")
                .putHeader("Cookie", lead.cookie()).putHeader("X-CSRF-Token", lead.csrf())
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"name\": \"Half")));
        assertEquals(400, notJson.statusCode());
        HttpResponse<Buffer> huge = add(legalAid().put("name", "x".repeat(ConsoleGuards.MAX_BODY_BYTES)));
        assertEquals(413, huge.statusCode());

        assertEquals(404, client.put("/api/v1/lead/partners/p-nobody", lead, legalAid()).statusCode());
        assertEquals(404, client.send(HttpMethod.DELETE, "/api/v1/lead/partners/p-nobody", lead, null, true).statusCode());
        assertEquals(404, client.send(HttpMethod.DELETE, "/api/v1/lead/partners/" + "%3Cscript%3E", lead, null, true).statusCode());
        assertEquals(List.of(id), hub.hub.settings().get().partners().stream().map(Partner::id).toList());
        assertEquals(1, audit().stream().filter(e -> e.record().action().startsWith("partner.")).count(), "only the one add");
    }

    @Test
    void aCoalitionsEntryIsNotTheLeadsToEditButMayBeRemoved() throws Exception {
        Partner published = new Partner("c-statewide", "Statewide Hotline", List.of("hotline"), List.of("English"), "1-800-555-0100",
                null, null, null, null, Partner.FROM_COALITION);
        TestHub.await(hub.hub.settings().save(hub.hub.settings().get().withPartners(List.of(published))));
        HttpResponse<Buffer> edit = client.put("/api/v1/lead/partners/c-statewide", lead, legalAid());
        assertEquals(409, edit.statusCode(), edit.bodyAsString());
        assertEquals(published, hub.hub.settings().get().partner("c-statewide").orElseThrow());
        assertEquals(204, client.send(HttpMethod.DELETE, "/api/v1/lead/partners/c-statewide", lead, null, true).statusCode());
    }

    @Test
    void advocatesReadTheDirectoryInTheirLibraryAndCannotChangeIt() throws Exception {
        assertEquals(201, add(legalAid()).statusCode());
        String id = hub.hub.settings().get().partners().get(0).id();
        ConsoleClient.Staff advocate = client.account("ana", Role.ADVOCATE);
        JsonArray seen = client.get("/api/v1/console/library", advocate).bodyAsJsonObject().getJsonArray("partners");
        assertEquals("Legal Aid North", seen.getJsonObject(0).getString("name"));
        assertEquals(id, seen.getJsonObject(0).getString("id"));

        assertEquals(403, client.get("/api/v1/lead/partners", advocate).statusCode());
        assertEquals(403, client.post("/api/v1/lead/partners", advocate, legalAid().put("name", "Other")).statusCode());
        assertEquals(403, client.put("/api/v1/lead/partners/" + id, advocate, legalAid()).statusCode());
        assertEquals(403, client.send(HttpMethod.DELETE, "/api/v1/lead/partners/" + id, advocate, null, true).statusCode());
        assertEquals(403, client.get("/console/lead/partners", advocate).statusCode());
        assertEquals(401, client.get("/api/v1/lead/partners", null).statusCode());
        assertEquals(401, client.get("/api/v1/console/library", null).statusCode());
        assertEquals(401, client.send(HttpMethod.POST, "/api/v1/lead/partners", null, legalAid(), false).statusCode());
        assertEquals(1, hub.hub.settings().get().partners().size());
        assertEquals("Legal Aid North", hub.hub.settings().get().partners().get(0).name());
    }

    @Test
    void hostileNamesAreInertInTheLeadsPage() throws Exception {
        assertEquals(201, add(legalAid().put("name", SCRIPT).put("services", new JsonArray().add("\"><img src=x onerror=alert(1)>"))).statusCode());
        String page = client.get("/console/lead/partners", lead).bodyAsString();
        assertFalse(page.contains(SCRIPT), "escaped into the data attribute");
        assertFalse(page.contains("<img src=x"));
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
}
