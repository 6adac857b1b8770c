package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.testing.ShownNameSamples;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Names and texts a lead types into the settings sections, which survivors and staff are shown (referrals, canned
 * responses, the widget's texts, holidays): a control or text-direction character is refused at its input, in the
 * lead's language, and nothing is saved; names in any script are kept, and texts over several lines keep their line
 * breaks. The partner directories are {@link PartnerDirectoryTest}'s and {@link CoalitionPartnersTest}'s.
 */
class ShownTextsInSettingsTest extends LeadApiTestBase {
    static final String LINE = "Remove the control or text-direction character here (such as an escape, a line break or a right-to-left "
            + "override): it could garble this text or make it read as another.";
    static final String LINES = "Remove the control or text-direction character here (such as an escape or a right-to-left override; "
            + "line breaks and tabs are fine): it could garble this text or make it read as another.";
    static final String LINE_ES = "Quite el carácter de control o de dirección del texto (como un escape, un salto de línea o una inversión "
            + "de derecha a izquierda): podría desfigurar este texto o hacer que se lea como otro.";

    /** One input of a section: the section's body with {@code value} in that input, and the field a refusal names. */
    private record Input(String section, String field, boolean lines, Function<String, JsonObject> body) {
    }

    private static JsonObject referral(String name, String text, String url) {
        return new JsonObject().put("referrals", new JsonObject().put("es", new JsonArray()).put("en", new JsonArray().add(
                new JsonObject().put("name", name).put("phone", "555 0100").put("text", text).put("url", url))));
    }

    private static JsonObject canned(String title, String text) {
        return new JsonObject().put("cannedResponses", new JsonObject().put("es", new JsonArray()).put("en", new JsonArray().add(
                new JsonObject().put("title", title).put("text", text))));
    }

    private JsonObject widget(String title, String notice) throws Exception {
        JsonObject w = client.get("/api/v1/lead/widget", lead).bodyAsJsonObject();
        return w.put("title", new JsonObject().put("en", title).put("es", "Chat")).put("notice", new JsonObject().put("en", notice).put("es", ""));
    }

    private static JsonObject hours(String holiday) {
        return new JsonObject().put("timeZone", "America/Chicago").put("alwaysOpen", true).put("closedWhenUnstaffed", false)
                .put("holidays", new JsonArray().add(new JsonObject().put("date", "2026-12-25").put("name", holiday)));
    }

    private static JsonObject safeguarding(String name, String description) {
        return new JsonObject().put("bases", new JsonArray().add(new JsonObject().put("name", name).put("description", description)));
    }

    private List<Input> inputs() throws Exception {
        JsonObject widget = widget("Talk to us", "Not for emergencies.\nCall 911.");
        Function<String, JsonObject> widgetTitle = v -> widget.copy().put("title", new JsonObject().put("en", v).put("es", "Chat"));
        Function<String, JsonObject> widgetNotice = v -> widget.copy().put("notice", new JsonObject().put("en", v).put("es", ""));
        return List.of(
                new Input("referrals", "referrals.en.0.name", false, v -> referral(v, "Open late", "https://riverside.example")),
                new Input("referrals", "referrals.en.0.text", true, v -> referral("Riverside", v, "https://riverside.example")),
                new Input("canned", "cannedResponses.en.0.title", false, v -> canned(v, "Hello.\nWe are here.")),
                new Input("canned", "cannedResponses.en.0.text", true, v -> canned("Welcome", v)),
                new Input("widget", "title.en", false, widgetTitle),
                new Input("widget", "notice.en", true, widgetNotice),
                new Input("hours", "holidays.0.name", false, ShownTextsInSettingsTest::hours),
                new Input("safeguarding", "bases.0.name", false, v -> safeguarding(v, "A child at risk.")),
                new Input("safeguarding", "bases.0.description", true, v -> safeguarding("Child protection", v)));
    }

    /** The value at a refusal's field path (referrals.en.0.name) in a section as GET shows it. */
    private static Object at(JsonObject shown, String path) {
        Object here = shown;
        for (String step : path.split("\\.")) {
            here = here instanceof JsonArray list ? list.getValue(Integer.parseInt(step)) : ((JsonObject) here).getValue(step);
        }
        return here;
    }

    private Map<String, JsonObject> shownSections() throws Exception {
        Map<String, JsonObject> out = new java.util.TreeMap<>();
        for (String section : List.of("referrals", "canned", "widget", "hours")) {
            out.put(section, client.get("/api/v1/lead/" + section, lead).bodyAsJsonObject());
        }
        return out;
    }

    private long settingsUpdates() throws Exception {
        List<AuditEntry> all = TestHub.await(hub.hub.settingsStore().auditEntries(0, 10_000));
        return all.stream().filter(e -> e.record().action().equals("settings.update")).count();
    }

    @Test
    void aControlOrTextDirectionCharacterInAShownTextIsRefusedAtItsInputAndNothingIsSaved() throws Exception {
        List<Input> inputs = inputs();
        for (Input input : inputs) {
            HttpResponse<Buffer> r = client.put("/api/v1/lead/" + input.section(), lead, input.body().apply("Riverside"));
            assertEquals(200, r.statusCode(), input.field() + " " + r.bodyAsString());
        }
        Map<String, JsonObject> before = shownSections();
        long saves = settingsUpdates();

        for (Input input : inputs) {
            for (String spoof : input.lines() ? ShownNameSamples.SPOOFING_IN_LINES : ShownNameSamples.SPOOFING) {
                HttpResponse<Buffer> r = client.put("/api/v1/lead/" + input.section(), lead, input.body().apply(spoof));
                String what = input.field() + " " + spoof.codePoints().mapToObj(Integer::toHexString).toList();
                assertEquals(400, r.statusCode(), what);
                JsonObject refusal = r.bodyAsJsonObject();
                assertEquals("bad_request", refusal.getString("code"), what);
                assertEquals(input.field(), refusal.getString("field"), what + " " + refusal.encode());
                assertEquals(input.lines() ? LINES : LINE, refusal.getString("message"), what);
            }
        }
        assertEquals(before, shownSections(), "the previous settings are intact");
        assertEquals(saves, settingsUpdates(), "nothing was saved");

        assertEquals(200, client.put("/api/v1/console/me", lead, new JsonObject().put("uiLanguage", "es")).statusCode());
        assertEquals(LINE_ES, client.put("/api/v1/lead/hours", lead, hours("Navidad\u202E")).bodyAsJsonObject().getString("message"));
    }

    @Test
    void aReferralsWebAddressWithATextDirectionCharacterIsRefusedAtIt() throws Exception {
        // An address is shown as its link's label; U+202E is a character a URI may hold, so only this check stops it
        // (every class of such character: HiddenCharactersInWebAddressesTest).
        JsonObject before = client.get("/api/v1/lead/referrals", lead).bodyAsJsonObject();
        for (String spoof : ShownNameSamples.SPOOFING) {
            HttpResponse<Buffer> r = client.put("/api/v1/lead/referrals", lead, referral("Riverside", null, "https://riverside.example/" + spoof));
            assertEquals(400, r.statusCode(), spoof);
            assertEquals("referrals.en.0.url", r.bodyAsJsonObject().getString("field"));
            assertEquals(HiddenCharactersInWebAddressesTest.HIDDEN, r.bodyAsJsonObject().getString("message"));
        }
        assertEquals(before, client.get("/api/v1/lead/referrals", lead).bodyAsJsonObject(), "nothing was saved");
    }

    @Test
    void namesInAnyScriptAreKeptAndTextsOverSeveralLinesKeepTheirLineBreaks() throws Exception {
        for (Input input : inputs()) {
            List<String> samples = new ArrayList<>(ShownNameSamples.IN_ANY_SCRIPT);
            if (input.lines()) samples.addAll(ShownNameSamples.IN_LINES);
            for (String sample : samples) {
                HttpResponse<Buffer> r = client.put("/api/v1/lead/" + input.section(), lead, input.body().apply(sample));
                assertEquals(200, r.statusCode(), input.field() + " " + sample + " " + r.bodyAsString());
                assertEquals(sample, at(client.get("/api/v1/lead/" + input.section(), lead).bodyAsJsonObject(), input.field()), input.field());
            }
        }
    }
}
