package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Partner;
import org.hearthhub.sharing.Sharing;
import org.hearthhub.sharing.SharingCsv;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.sharing.SharingRegister;
import org.hearthhub.testing.HeldChat;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharing register as leads see it (page, JSON, CSV) and as an advocate fills it (a partner's card
 * sent in a chat), and the safeguarding bases it accepts. The hub's clock reads 2026-11-23.
 */
class SharingRegisterApiTest extends LeadApiTestBase {
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"Open\")";
    static final String SCRIPT = "<script>alert('x')</script>";

    private String addPartner(JsonObject partner) throws Exception {
        HttpResponse<Buffer> r = client.post("/api/v1/lead/partners", lead, partner);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private List<SharingEntry> november() throws Exception {
        return TestHub.await(hub.hub.settingsStore().sharingEntries(YearMonth.of(2026, 11)));
    }

    @Test
    void anOutsidePartnersCardReachesTheSurvivorAsLinksAndIsRecordedAsAReferralByConsent() throws Exception {
        String id = addPartner(PartnerDirectoryTest.legalAid());
        HeldChat chat = HeldChat.maria(hub);
        chat.sendCard("p1", id);
        assertEquals(1L, chat.advocate().await("ack").getLong("seq"));
        JsonObject card = chat.receivedCard();
        assertEquals("Legal Aid North", card.getString("name"));
        assertEquals("+1 555 010 0300", card.getString("phone"));
        assertEquals("55510", card.getString("sms"));
        assertEquals("https://legalaid.example/help", card.getString("url"));
        assertEquals("legal aid, protection orders · intake@legalaid.example", card.getString("text"));

        assertEquals(List.of(new SharingEntry(hub.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES), "referral", "main",
                null, "Legal Aid North", "none", "consent", null, "maria")), november());
        JsonObject listed = client.get("/api/v1/lead/sharing?month=2026-11", lead).bodyAsJsonObject();
        assertEquals("2026-11", listed.getString("month"));
        assertEquals("Legal Aid North", listed.getJsonArray("entries").getJsonObject(0).getString("toPartner"));
        assertEquals(listed, client.get("/api/v1/lead/sharing", lead).bodyAsJsonObject(), "this month by default");
        assertTrue(client.get("/api/v1/lead/sharing?month=2026-10", lead).bodyAsJsonObject().getJsonArray("entries").isEmpty());
    }

    @Test
    void aCardOfAProgramOnTheHubNamesThatProgram() throws Exception {
        String id = addPartner(new JsonObject().put("name", "Hillside Shelter").put("program", "hillside").put("phone", "555-0101"));
        HeldChat chat = HeldChat.maria(hub);
        chat.sendCard("p1", id);
        chat.advocate().await("ack");
        SharingEntry e = november().get(0);
        assertEquals("hillside", e.toProgram());
        assertEquals("Hillside Shelter", e.toPartner());
    }

    @Test
    void badPartnerFramesAreRefusedAndNeitherSendNorRecordAnything() throws Exception {
        String id = addPartner(PartnerDirectoryTest.legalAid());
        HeldChat chat = HeldChat.maria(hub);
        chat.sendCard("u", "p-nobody");
        assertEquals("not_found", chat.advocate().await("error").getString("code"));
        chat.sendCard("h", "<script>");
        assertEquals("bad_request", chat.advocate().await("error").getString("code"));
        chat.sendCard("n", 7);
        assertEquals("bad_request", chat.advocate().await("error").getString("code"));
        chat.sendCard("l", "p".repeat(41));
        assertEquals("bad_request", chat.advocate().await("error").getString("code"));
        chat.advocate().send(new JsonObject().put("type", "message").put("conversation", chat.conversation()).put("clientId", "t")
                .put("partner", id).put("text", "and words"));
        assertEquals("bad_request", chat.advocate().await("error").getString("code"), "a card or text, not both");
        chat.sendCard("x", id);
        chat.advocate().send(new JsonObject().put("type", "message").put("conversation", "not-a-conversation").put("clientId", "o")
                .put("partner", id));
        chat.advocate().await("ack");
        assertFalse(chat.advocate().await("error").getString("code").isEmpty(), "a chat the advocate does not hold");
        assertEquals(1, november().size(), "only the one card sent was recorded");
    }

    @Test
    void hostileNamesAreInertInTheRegistersPageAndCsv() throws Exception {
        String formula = addPartner(new JsonObject().put("name", FORMULA).put("url", "https://evil.example"));
        String script = addPartner(new JsonObject().put("name", SCRIPT).put("phone", "555"));
        HeldChat chat = HeldChat.maria(hub);
        chat.sendCard("f", formula);
        chat.advocate().await("ack");
        chat.sendCard("s", script);
        chat.advocate().await("ack");

        String page = client.get("/console/lead/sharing?month=2026-11", lead).bodyAsString();
        assertFalse(page.contains(SCRIPT));
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), page);

        HttpResponse<Buffer> csv = client.get("/api/v1/lead/sharing.csv?month=2026-11", lead);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.getHeader("Content-Type").startsWith("text/csv"), csv.getHeader("Content-Type"));
        assertEquals("attachment; filename=\"sharing-register-2026-11.csv\"", csv.getHeader("Content-Disposition"));
        String[] lines = csv.bodyAsString().split("\r\n");
        assertEquals(SharingCsv.HEADER, lines[0]);
        assertEquals(3, lines.length);
        assertTrue(lines[1].contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Open\"\")\","), lines[1]);
        assertTrue(lines[2].contains(",<script>alert('x')</script>,"), "CSV is data, not HTML: kept as written");

        List<AuditEntry> exports = TestHub.await(hub.hub.settingsStore().auditEntries(1, 1000)).stream()
                .filter(e -> e.record().action().equals("sharing.export")).toList();
        assertEquals(1, exports.size());
        assertEquals("2026-11", exports.get(0).record().target());
    }

    @Test
    void badMonthsAreRefusedWithoutReadingAnything() throws Exception {
        for (String month : List.of("2026-13", "2026-1", "november", "2026-11-01", "-2026-11", "9".repeat(500), "2026-00")) {
            assertEquals(400, client.get("/api/v1/lead/sharing?month=" + month, lead).statusCode(), month);
            assertEquals(400, client.get("/api/v1/lead/sharing.csv?month=" + month, lead).statusCode(), month);
        }
        String page = client.get("/console/lead/sharing?month=2026-13", lead).bodyAsString();
        assertTrue(page.contains("Months must be written as YYYY-MM."), "the page says so and shows this month");
    }

    @Test
    void advocatesCannotReadTheRegisterNorChangeItsBasesAndSignedOutPeopleGet401() throws Exception {
        ConsoleClient.Staff advocate = client.account("ana", Role.ADVOCATE);
        for (String path : List.of("/api/v1/lead/sharing", "/api/v1/lead/sharing.csv", "/api/v1/lead/safeguarding", "/console/lead/sharing")) {
            assertEquals(403, client.get(path, advocate).statusCode(), path);
            assertEquals(path.startsWith("/api") ? 401 : 302, client.get(path, null).statusCode(), path);
        }
        JsonObject bases = new JsonObject().put("bases", new JsonArray().add(new JsonObject().put("name", "Mine")));
        assertEquals(403, client.put("/api/v1/lead/safeguarding", advocate, bases).statusCode());
        assertTrue(hub.hub.settings().get().safeguardingBases().isEmpty());
    }

    @Test
    void leadsDefineSafeguardingBasesThatTheRegisterThenAccepts() throws Exception {
        JsonObject bases = new JsonObject().put("bases", new JsonArray()
                .add(new JsonObject().put("name", "Risk to a child").put("description", "Children Act s.47")));
        HttpResponse<Buffer> saved = client.put("/api/v1/lead/safeguarding", lead, bases);
        assertEquals(200, saved.statusCode(), saved.bodyAsString());
        assertEquals(bases, client.get("/api/v1/lead/safeguarding", lead).bodyAsJsonObject());

        SharingRegister register = new SharingRegister(hub.hub.settingsStore(), name -> hub.hub.settings().get().hasSafeguardingBasis(name), "main",
                hub.clock);
        TestHub.await(register.record(new Sharing(Sharing.Kind.TRANSFER, "main", "hillside", null, Sharing.Categories.TRANSCRIPT,
                "Risk to a child", "Court order 2026/114", "maria")));
        String page = client.get("/console/lead/sharing?month=2026-11", lead).bodyAsString();
        assertTrue(page.contains("Court order 2026/114") && page.contains("Risk to a child"), "the page shows basis and reason");

        for (JsonArray bad : List.of(
                new JsonArray().add(new JsonObject().put("name", "consent")),
                new JsonArray().add(new JsonObject().put("name", "Consent")),
                new JsonArray().add(new JsonObject().put("name", "Twice")).add(new JsonObject().put("name", "twice")),
                new JsonArray().add(new JsonObject().put("name", " ")),
                new JsonArray().add(new JsonObject().put("name", "x".repeat(121))),
                new JsonArray().add(new JsonObject().put("name", "Ok").put("description", "x".repeat(2001))),
                new JsonArray().add(new JsonObject().put("name", "Ok").put("surprise", 1)),
                new JsonArray(java.util.Collections.nCopies(21, new JsonObject().put("name", "Many"))))) {
            HttpResponse<Buffer> r = client.put("/api/v1/lead/safeguarding", lead, new JsonObject().put("bases", bad));
            assertEquals(400, r.statusCode(), bad.encode());
        }
        assertEquals(List.of("Risk to a child"), hub.hub.settings().get().safeguardingBases().stream()
                .map(b -> b.name()).toList(), "nothing refused was saved");
    }

    @Test
    void theDirectoryEntryTheCardCameFromMayChangeLaterWithoutChangingTheRegister() throws Exception {
        String id = addPartner(PartnerDirectoryTest.legalAid());
        HeldChat chat = HeldChat.maria(hub);
        chat.sendCard("p1", id);
        chat.advocate().await("ack");
        assertEquals(200, client.put("/api/v1/lead/partners/" + id, lead, PartnerDirectoryTest.legalAid().put("name", "Renamed")).statusCode());
        assertEquals("Legal Aid North", november().get(0).toPartner());
        Partner now = hub.hub.settings().get().partner(id).orElseThrow();
        assertEquals("Renamed", now.name());
    }
}
