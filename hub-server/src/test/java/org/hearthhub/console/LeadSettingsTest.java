package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.model.Role;
import org.hearthhub.testing.HubErrors;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a lead saves reaches survivors at once, is checked first, and leaves an audit entry. */
class LeadSettingsTest extends LeadApiTestBase {
    private HttpResponse<Buffer> putHours(String zone, JsonArray slots, JsonArray holidays) throws Exception {
        return client.put("/api/v1/lead/hours", lead, new JsonObject().put("timeZone", zone).put("alwaysOpen", false)
                .put("weeklyHours", slots).put("holidays", holidays));
    }

    private static JsonObject slot(int day, String open, String close) {
        return new JsonObject().put("day", day).put("open", open).put("close", close);
    }

    private List<AuditEntry> audit() throws Exception {
        return TestHub.await(hub.hub.settingsStore().auditEntries(0, 10_000));
    }

    @Test
    void hoursALeadSavesDecideWhetherStatusSaysOpen() throws Exception {
        // The hub's clock reads Monday 2026-11-23 15:00 UTC, which is 09:00 in Chicago.
        assertTrue(client.status("en").getBoolean("open"), "open at all hours until a lead sets hours");
        HttpResponse<Buffer> r = putHours("America/Chicago", new JsonArray().add(slot(1, "10:00", "18:00")).add(slot(3, "20:00", "02:00")),
                new JsonArray());
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject status = client.status("en");
        assertFalse(status.getBoolean("open"), "closed before 10:00 in Chicago");
        assertEquals("2026-11-23T16:00:00Z", status.getString("opensAt"));

        assertEquals(200, putHours("America/Chicago", new JsonArray().add(slot(1, "08:00", "18:00")), new JsonArray()).statusCode());
        assertTrue(client.status("en").getBoolean("open"));

        assertEquals(200, putHours("America/Chicago", new JsonArray().add(slot(1, "08:00", "18:00")),
                new JsonArray().add(new JsonObject().put("date", "2026-11-23").put("name", "Staff day"))).statusCode());
        assertFalse(client.status("en").getBoolean("open"), "a holiday closes the whole day");

        JsonObject shown = client.get("/api/v1/lead/hours", lead).bodyAsJsonObject();
        assertEquals("America/Chicago", shown.getString("timeZone"));
        assertEquals("Staff day", shown.getJsonArray("holidays").getJsonObject(0).getString("name"));

        assertEquals(200, client.put("/api/v1/lead/hours", lead, shown.copy().put("alwaysOpen", true)).statusCode());
        assertTrue(client.status("en").getBoolean("open"), "back to open at all hours");
    }

    @Test
    void leadChoosesWhetherOpenNeedsSomeoneOnShift() throws Exception {
        JsonObject hours = client.get("/api/v1/lead/hours", lead).bodyAsJsonObject();
        assertEquals(Boolean.FALSE, hours.getBoolean("closedWhenUnstaffed"), "off unless a lead ticks it");
        assertTrue(client.status("en").getBoolean("open"), "open, nobody on shift: survivors may still wait");

        assertEquals(200, client.put("/api/v1/lead/hours", lead, hours.copy().put("closedWhenUnstaffed", true)).statusCode());
        JsonObject status = client.status("en");
        assertFalse(status.getBoolean("open"), "shown as closed while nobody is on shift");
        assertNull(status.getString("opensAt"), "no reopening time to promise: it depends on a shift");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        assertFalse(survivor.await("closed").getJsonArray("referrals").isEmpty());

        // saving another section keeps the choice
        JsonObject widget = client.get("/api/v1/lead/widget", lead).bodyAsJsonObject();
        assertEquals(200, client.put("/api/v1/lead/widget", lead, widget).statusCode());
        assertEquals(Boolean.TRUE, client.get("/api/v1/lead/hours", lead).bodyAsJsonObject().getBoolean("closedWhenUnstaffed"));

        hub.advocateOnShift("maria");
        assertTrue(client.status("en").getBoolean("open"), "open once someone is on shift");
        WsClient next = hub.survivor();
        next.send("start", "lang", "en");
        assertEquals(Boolean.TRUE, next.await("started").getBoolean("staffed"));
    }

    @Test
    void hoursThatMakeNoSenseAreRefusedWithTheReason() throws Exception {
        HttpResponse<Buffer> zone = putHours("Mars/Olympus", new JsonArray(), new JsonArray());
        assertEquals(400, zone.statusCode());
        assertEquals("timeZone", zone.bodyAsJsonObject().getString("field"), zone.bodyAsString());
        assertEquals(400, putHours("UTC", new JsonArray().add(slot(8, "09:00", "17:00")), new JsonArray()).statusCode());
        HttpResponse<Buffer> time = putHours("UTC", new JsonArray().add(slot(1, "09:00", "17:00")).add(slot(1, "9am", "17:00")),
                new JsonArray());
        assertEquals(400, time.statusCode());
        assertEquals("weeklyHours.1.open", time.bodyAsJsonObject().getString("field"), "the refusal names the input");
        assertEquals("Enter a time as HH:MM, for example 09:00.", time.bodyAsJsonObject().getString("message"));
        HttpResponse<Buffer> same = putHours("UTC", new JsonArray().add(slot(1, "09:00", "09:00")), new JsonArray());
        assertEquals("weeklyHours.0.close", same.bodyAsJsonObject().getString("field"));
        HttpResponse<Buffer> date = putHours("UTC", new JsonArray(), new JsonArray().add(new JsonObject().put("date", "tomorrow")));
        assertEquals("holidays.0.date", date.bodyAsJsonObject().getString("field"));
        // Neither "always open" nor any hours (a script sending its time zone only): refused, not closed at every hour.
        HttpResponse<Buffer> unsaid = client.put("/api/v1/lead/hours", lead, new JsonObject().put("timeZone", "America/Chicago"));
        assertEquals(400, unsaid.statusCode());
        assertEquals("weeklyHours", unsaid.bodyAsJsonObject().getString("field"), unsaid.bodyAsString());
        assertTrue(client.status("en").getBoolean("open"), "nothing was saved");
        assertTrue(audit().stream().noneMatch(e -> e.record().action().equals("settings.update")));
    }

    /** A 400 bad_request whose message names {@code key}, in English. */
    private static void assertDuplicateKey(HttpResponse<Buffer> r, String key) {
        assertEquals(400, r.statusCode(), r.bodyAsString());
        assertEquals("bad_request", r.bodyAsJsonObject().getString("code"), r.bodyAsString());
        assertEquals("The key \"" + key + "\" is given twice in the request. Send each key once.", r.bodyAsJsonObject().getString("message"));
    }

    @Test
    void aSettingsBodyWithAKeyGivenTwiceIsRefusedByNameAndNothingIsSaved() throws Exception {
        JsonObject before = client.get("/api/v1/lead/hours", lead).bodyAsJsonObject();
        JsonObject widgetBefore = client.get("/api/v1/lead/widget", lead).bodyAsJsonObject();

        assertDuplicateKey(client.sendText(io.vertx.core.http.HttpMethod.PUT, "/api/v1/lead/hours", lead,
                "{\"timeZone\":\"UTC\",\"alwaysOpen\":true,\"alwaysOpen\":false,\"weeklyHours\":[],\"holidays\":[]}"), "alwaysOpen");
        assertDuplicateKey(client.sendText(io.vertx.core.http.HttpMethod.PUT, "/api/v1/lead/hours", lead,
                "{\"timeZone\":\"UTC\",\"alwaysOpen\":false,\"weeklyHours\":[{\"day\":1,\"day\":2,\"open\":\"09:00\",\"close\":\"10:00\"}],"
                        + "\"holidays\":[]}"), "weeklyHours.0.day");
        assertDuplicateKey(client.sendText(io.vertx.core.http.HttpMethod.PUT, "/api/v1/lead/widget", lead,
                "{\"title\":{\"en\":\"Talk with us\",\"en\":\"Chat\"},\"notice\":{},\"primaryColor\":\"#0b6e4f\",\"position\":\"left\","
                        + "\"quickExitUrl\":\"https://weather.example\"}"), "title.en");

        assertEquals(before, client.get("/api/v1/lead/hours", lead).bodyAsJsonObject(), "the hours as they were");
        assertEquals(widgetBefore, client.get("/api/v1/lead/widget", lead).bodyAsJsonObject(), "the widget as it was");
        assertTrue(client.status("en").getBoolean("open"));
        assertTrue(audit().stream().noneMatch(e -> e.record().action().equals("settings.update")));
    }

    @Test
    void aStaffBodyWithAKeyGivenTwiceIsRefusedAndNoAccountIsMade() throws Exception {
        assertDuplicateKey(client.sendText(io.vertx.core.http.HttpMethod.POST, "/api/v1/lead/staff", lead,
                "{\"username\":\"tomas\",\"displayName\":\"Tomas\",\"role\":\"advocate\",\"password\":\"" + TestHub.PASSWORD + "\","
                        + "\"capacity\":1,\"capacity\":2}"), "capacity");
        assertTrue(TestHub.await(hub.hub.accounts().account("tomas")).isEmpty(), "no account made");
    }

    @Test
    void aSlotWithoutAWeekdayIsRefusedAtItsDay() throws Exception {
        JsonObject noDay = new JsonObject().putNull("day").put("open", "09:00").put("close", "17:00");
        for (JsonObject bad : List.of(noDay, slot(0, "09:00", "17:00"), slot(8, "09:00", "17:00"), slot(9, "09:00", "17:00"))) {
            HttpResponse<Buffer> r = putHours("UTC", new JsonArray().add(slot(1, "09:00", "17:00")).add(bad), new JsonArray());
            assertEquals(400, r.statusCode(), bad.encode());
            assertEquals("weeklyHours.1.day", r.bodyAsJsonObject().getString("field"), r.bodyAsString());
            assertEquals("Choose a day of the week.", r.bodyAsJsonObject().getString("message"), r.bodyAsString());
        }
        assertTrue(client.status("en").getBoolean("open"), "nothing was saved");
    }

    @Test
    void referralsALeadSavesAreWhatSurvivorsGetPerLanguage() throws Exception {
        JsonObject body = new JsonObject().put("referrals", new JsonObject()
                .put("en", new JsonArray().add(new JsonObject().put("name", "Riverside Shelter").put("phone", "(555) 010-2000")
                        .put("sms", "555-0123").put("text", "Emergency shelter, 24/7.").put("url", "https://riverside.example")))
                .put("es", new JsonArray().add(new JsonObject().put("name", "Refugio Riverside").put("phone", "(555) 010-2000"))));
        HttpResponse<Buffer> r = client.put("/api/v1/lead/referrals", lead, body);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonArray en = client.status("en").getJsonArray("referrals");
        assertEquals(1, en.size());
        assertEquals("Riverside Shelter", en.getJsonObject(0).getString("name"));
        assertEquals("https://riverside.example", en.getJsonObject(0).getString("url"));
        assertEquals("555-0123", en.getJsonObject(0).getString("sms"), "the number that takes texts");
        assertEquals("Refugio Riverside", client.status("es").getJsonArray("referrals").getJsonObject(0).getString("name"));
        assertNull(client.status("es").getJsonArray("referrals").getJsonObject(0).getString("url"));

        AuditEntry entry = audit().get(audit().size() - 1);
        assertEquals("lena", entry.record().actor());
        assertEquals("settings.update", entry.record().action());
        assertEquals("referrals", entry.record().target());
    }

    @Test
    void referralLinksMustBeWebAddresses() throws Exception {
        for (String url : new String[]{"javascript:alert(1)", "data:text/html,<b>x</b>", "//evil.example", "https://", "ftp://x.example",
                "https://exa mple.com", "https://user:pw@example.com"}) {
            JsonObject body = new JsonObject().put("referrals", new JsonObject()
                    .put("en", new JsonArray().add(new JsonObject().put("name", "X").put("url", url))));
            HttpResponse<Buffer> r = client.put("/api/v1/lead/referrals", lead, body);
            assertEquals(400, r.statusCode(), url);
        }
        HttpResponse<Buffer> noName = client.put("/api/v1/lead/referrals", lead, new JsonObject().put("referrals",
                new JsonObject().put("en", new JsonArray().add(new JsonObject().put("phone", "911")))));
        assertEquals(400, noName.statusCode());
        HttpResponse<Buffer> badSms = client.put("/api/v1/lead/referrals", lead, new JsonObject().put("referrals",
                new JsonObject().put("en", new JsonArray().add(new JsonObject().put("name", "X").put("sms", "<script>")))));
        assertEquals(400, badSms.statusCode());
        assertEquals("referrals.en.0.sms", badSms.bodyAsJsonObject().getString("field"));
        HttpResponse<Buffer> badLang = client.put("/api/v1/lead/referrals", lead, new JsonObject().put("referrals",
                new JsonObject().put("fr", new JsonArray())));
        assertEquals(400, badLang.statusCode());
        assertEquals("National Domestic Violence Hotline", client.status("en").getJsonArray("referrals").getJsonObject(0).getString("name"));
    }

    @Test
    void aReferralNumberNeedsADigit() throws Exception {
        // "()" or "+ - ." would give survivors a tel: link that dials nothing
        for (String field : new String[]{"phone", "sms"}) {
            for (String number : new String[]{"()", "+ - .", "HOTLINE"}) {
                HttpResponse<Buffer> r = client.put("/api/v1/lead/referrals", lead, new JsonObject().put("referrals", new JsonObject()
                        .put("en", new JsonArray().add(new JsonObject().put("name", "X").put(field, number)))));
                assertEquals(400, r.statusCode(), field + " " + number);
                assertEquals("referrals.en.0." + field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
            }
        }
        HttpResponse<Buffer> vanity = client.put("/api/v1/lead/referrals", lead, new JsonObject().put("referrals", new JsonObject()
                .put("en", new JsonArray().add(new JsonObject().put("name", "X").put("phone", "1-800-FLOWERS").put("sms", "(555) 010-2000")))));
        assertEquals(200, vanity.statusCode(), vanity.bodyAsString());
    }

    @Test
    void widgetTextsColourPositionAndQuickExitReachTheStatus() throws Exception {
        JsonObject body = new JsonObject()
                .put("title", new JsonObject().put("en", "Talk with us").put("es", "Hable con nosotras"))
                .put("notice", new JsonObject().put("en", "Not for emergencies: call 911.").put("es", "No es para emergencias: llame al 911."))
                .put("primaryColor", "#0B6E4F").put("position", "left").put("quickExitUrl", "https://weather.example/today");
        HttpResponse<Buffer> r = client.put("/api/v1/lead/widget", lead, body);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject es = client.status("es");
        assertEquals("Hable con nosotras", es.getJsonObject("widget").getString("title"));
        assertEquals("No es para emergencias: llame al 911.", es.getJsonObject("widget").getString("notice"));
        assertEquals("#0b6e4f", es.getJsonObject("widget").getString("primaryColor"));
        assertEquals("left", es.getJsonObject("widget").getString("position"));
        assertEquals("https://weather.example/today", es.getString("quickExitUrl"));

        assertEquals(400, client.put("/api/v1/lead/widget", lead, body.copy().put("quickExitUrl", "javascript:void(0)")).statusCode());
        assertEquals(400, client.put("/api/v1/lead/widget", lead, body.copy().put("primaryColor", "red; background:url(x)")).statusCode());
        assertEquals(400, client.put("/api/v1/lead/widget", lead, body.copy().put("position", "top")).statusCode());
    }

    @Test
    void theWidgetPageTellsTheLeadWhetherVideoIsOnAndHowToTurnItOn() throws Exception {
        String off = client.get("/console/lead/widget", lead).bodyAsString();
        assertTrue(off.contains("Video calls are off for this program."), "a lead learns video exists and is off");
        assertTrue(off.contains("jitsi.domain"), "and what the operator sets to turn it on");

        hub = hubs.start(Map.of("HEARTH_JITSI_DOMAIN", "meet.example.org", "HEARTH_JITSI_APP_ID", "hearth",
                "HEARTH_JITSI_APP_SECRET", "0123456789abcdef0123456789abcdef-test-secret"));
        client = new ConsoleClient(hub);
        lead = client.login("lena", TestHub.PASSWORD, null);
        String on = client.get("/console/lead/widget", lead).bodyAsString();
        assertTrue(on.contains("Video calls are on"), on);
        assertFalse(on.contains("jitsi.domain"));
    }

    @Test
    void retentionLimitsStayWithinTheOperatorsCaps() throws Exception {
        JsonObject caps = client.get("/api/v1/lead/retention", lead).bodyAsJsonObject().getJsonObject("caps");
        assertEquals(30, caps.getInteger("idleTimeoutMinutes"));
        assertEquals(12, caps.getInteger("maxConversationHours"));
        HttpResponse<Buffer> ok = client.put("/api/v1/lead/retention", lead, new JsonObject()
                .put("idleTimeoutMinutes", 10).put("maxConversationHours", 4).put("smsBlockDays", 30));
        assertEquals(200, ok.statusCode(), ok.bodyAsString());
        assertEquals(java.time.Duration.ofMinutes(10), hub.hub.conversations().timeouts().idleTimeout(), "the hot path sees it at once");
        assertEquals(java.time.Duration.ofHours(4), hub.hub.conversations().timeouts().maxLifetime());
        assertEquals(400, client.put("/api/v1/lead/retention", lead, new JsonObject().put("idleTimeoutMinutes", 31)).statusCode());
        assertEquals(400, client.put("/api/v1/lead/retention", lead, new JsonObject().put("maxConversationHours", 13)).statusCode());
        assertEquals(400, client.put("/api/v1/lead/retention", lead, new JsonObject().put("smsBlockDays", 0)).statusCode());
        assertEquals(400, client.put("/api/v1/lead/retention", lead, new JsonObject().put("idleTimeoutMinutes", 2.5)).statusCode());
        assertEquals(200, client.put("/api/v1/lead/retention", lead, new JsonObject()).statusCode(), "empty = the operator's defaults");
        assertEquals(java.time.Duration.ofMinutes(30), hub.hub.conversations().timeouts().idleTimeout());
    }

    @Test
    void cannedResponsesArePerLanguageAndReachTheConsole() throws Exception {
        JsonObject body = new JsonObject().put("cannedResponses", new JsonObject()
                .put("en", new JsonArray().add(new JsonObject().put("title", "Hello").put("text", "Hi, I'm here.")))
                .put("es", new JsonArray().add(new JsonObject().put("title", "Hola").put("text", "Hola, estoy aquí."))));
        assertEquals(200, client.put("/api/v1/lead/canned", lead, body).statusCode());
        ConsoleClient.Staff ana = client.account("ana", Role.ADVOCATE);
        JsonObject library = client.get("/api/v1/console/library", ana).bodyAsJsonObject();
        assertEquals("Hola, estoy aquí.", library.getJsonObject("canned").getJsonArray("es").getJsonObject(0).getString("text"));
        assertEquals(400, client.put("/api/v1/lead/canned", lead, new JsonObject().put("cannedResponses", new JsonObject()
                .put("en", new JsonArray().add(new JsonObject().put("title", "Empty").put("text", " "))))).statusCode());
    }

    @Test
    void theSecuritySectionIsOneFlagKeepingWhoMustUseTotpByName() throws Exception {
        client.account("ana", Role.ADVOCATE);
        assertEquals(200, client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("requireTotp", true)).statusCode());
        assertEquals(new JsonObject().put("requireTotpForAll", false), client.get("/api/v1/lead/security", lead).bodyAsJsonObject());

        for (JsonObject bad : List.of(new JsonObject(), new JsonObject().putNull("requireTotpForAll"),
                new JsonObject().put("requireTotpForAll", "perhaps"), new JsonObject().put("requireTotpForAll", "true"),
                new JsonObject().put("requireTotpForAll", 1), new JsonObject().put("requireTotpForAll", new JsonArray()))) {
            JsonObject refused = HubErrors.assertAnswer(client.put("/api/v1/lead/security", lead, bad), 400, "bad_request");
            assertEquals("\"requireTotpForAll\" must be true or false", refused.getString("detail"), bad.encode());
        }
        JsonObject typo = HubErrors.assertAnswer(client.put("/api/v1/lead/security", lead,
                new JsonObject().put("requireTotpForAll", true).put("requireTotpforall", true)), 400, "bad_request");
        assertEquals("unknown field \"requireTotpforall\"", typo.getString("detail"), "read as strictly as the other sections");
        assertFalse(TestHub.await(hub.hub.settingsStore().programSettings()).staffSecurity().requireTotpForAll(), "nothing refused was saved");

        // Saved last: from here on the lead must enrol first, like everyone.
        HttpResponse<Buffer> saved = client.put("/api/v1/lead/security", lead, new JsonObject().put("requireTotpForAll", true));
        assertEquals(200, saved.statusCode(), saved.bodyAsString());
        assertEquals(new JsonObject().put("requireTotpForAll", true), saved.bodyAsJsonObject(), "answered as GET shows it");
        var security = TestHub.await(hub.hub.settingsStore().programSettings()).staffSecurity();
        assertTrue(security.requireTotpForAll());
        assertEquals(List.of("ana"), security.requireTotpFor(), "who must use TOTP by name is kept");
    }

    @Test
    void everySettingsChangeIsAuditedBySection() throws Exception {
        for (String section : new String[]{"hours", "referrals", "canned", "widget", "retention"}) {
            JsonObject current = client.get("/api/v1/lead/" + section, lead).bodyAsJsonObject();
            assertEquals(200, client.put("/api/v1/lead/" + section, lead, current).statusCode(), section);
        }
        assertEquals(200, client.put("/api/v1/lead/security", lead, new JsonObject().put("requireTotpForAll", false)).statusCode());
        List<String> sections = audit().stream().filter(e -> e.record().action().equals("settings.update"))
                .map(e -> e.record().target()).toList();
        assertEquals(List.of("hours", "referrals", "canned", "widget", "retention", "security"), sections);
        assertTrue(audit().stream().filter(e -> e.record().action().equals("settings.update"))
                .allMatch(e -> e.record().actor().equals("lena")));
    }
}
