package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.model.Referral;
import org.hearthhub.model.SafeUrl;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.WidgetLook;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Web addresses a lead types (the quick-exit address, a referral's and a partner's web address): an invisible or
 * text-direction character in one can make a link show one address and go to another, so each class of them is
 * refused at its input with one message, in the lead's language, and nothing is saved. An address saved before
 * this check is left as it is: the lead sees it on the form, and the section's next save names its field.
 */
class HiddenCharactersInWebAddressesTest extends LeadApiTestBase {
    static final String HIDDEN = "Remove the invisible or text-direction character from this web address (such as a zero-width space "
            + "or a right-to-left override): it could make the link show one address and go to another.";
    static final String HIDDEN_ES = "Quite el carácter invisible o de dirección del texto de esta dirección web (como un espacio de ancho "
            + "cero o una inversión de derecha a izquierda): podría hacer que el enlace muestre una dirección y lleve a otra.";

    /** One of each class the check refuses, named for the failure message. */
    static final Map<String, String> HIDDEN_CHARACTERS = Map.ofEntries(
            Map.entry("zero-width space", "\u200B"),
            Map.entry("zero-width non-joiner", "\u200C"),
            Map.entry("zero-width joiner", "\u200D"),
            Map.entry("left-to-right mark", "\u200E"),
            Map.entry("right-to-left mark", "\u200F"),
            Map.entry("left-to-right embedding", "\u202A"),
            Map.entry("pop directional formatting", "\u202C"),
            Map.entry("right-to-left override", "\u202E"),
            Map.entry("left-to-right isolate", "\u2066"),
            Map.entry("pop directional isolate", "\u2069"),
            Map.entry("byte order mark", "\uFEFF"),
            Map.entry("word joiner", "\u2060"),
            Map.entry("soft hyphen", "\u00AD"),
            Map.entry("escape", "\u001B"),
            Map.entry("bell", "\u0007"),
            Map.entry("line feed", "\n"),
            Map.entry("next line (C1)", "\u0085"));

    /** One input holding a web address: the body with {@code url} in it, where it is sent and the field a refusal names. */
    private record Input(String path, String field, Function<String, JsonObject> body) {
    }

    private JsonObject widget(String exit) throws Exception {
        return client.get("/api/v1/lead/widget", lead).bodyAsJsonObject().put("quickExitUrl", exit);
    }

    private static JsonObject referral(String url) {
        return new JsonObject().put("referrals", new JsonObject().put("es", new JsonArray()).put("en", new JsonArray().add(
                new JsonObject().put("name", "Riverside").put("phone", "555 0100").put("url", url))));
    }

    private static JsonObject partner(String url) {
        return PartnerDirectoryTest.legalAid().put("url", url);
    }

    private List<Input> inputs() throws Exception {
        JsonObject widget = widget("https://weather.example");
        return List.of(
                new Input("/api/v1/lead/widget", "quickExitUrl", url -> widget.copy().put("quickExitUrl", url)),
                new Input("/api/v1/lead/referrals", "referrals.en.0.url", HiddenCharactersInWebAddressesTest::referral),
                new Input("/api/v1/lead/partners", "url", HiddenCharactersInWebAddressesTest::partner));
    }

    private HttpResponse<Buffer> send(Input input, String url) throws Exception {
        JsonObject body = input.body().apply(url);
        return input.path().endsWith("partners") ? client.post(input.path(), lead, body) : client.put(input.path(), lead, body);
    }

    @Test
    void everyClassOfHiddenCharacterInAWebAddressIsRefusedAtItsInputAndNothingIsSaved() throws Exception {
        ProgramSettings before = TestHub.await(hub.hub.settingsStore().programSettings());
        for (Input input : inputs()) {
            for (var hidden : HIDDEN_CHARACTERS.entrySet()) {
                for (String url : List.of("https://weather.example/" + hidden.getValue() + "today",
                        "https://" + hidden.getValue() + "weather.example/")) {
                    String what = input.field() + " " + hidden.getKey() + " " + url;
                    HttpResponse<Buffer> r = send(input, url);
                    assertEquals(400, r.statusCode(), what);
                    assertEquals(input.field(), r.bodyAsJsonObject().getString("field"), what + " " + r.bodyAsString());
                    assertEquals(HIDDEN, r.bodyAsJsonObject().getString("message"), what);
                }
            }
            HttpResponse<Buffer> plain = send(input, "https://weather.example/\u00e1rbol");
            assertTrue(plain.statusCode() < 300, "a letter beyond ASCII is kept: " + input + " " + plain.bodyAsString());
        }
        ProgramSettings after = TestHub.await(hub.hub.settingsStore().programSettings());
        String plain = "https://weather.example/\u00e1rbol";
        assertEquals(plain, after.widget().quickExitUrl(), "only the plain address was saved");
        assertEquals(plain, after.referrals().get("en").get(0).url());
        assertEquals(List.of(plain), after.partners().stream().map(p -> p.url()).toList());
        assertEquals(before.partners(), List.of(), "a fresh hub");

        assertEquals(200, client.put("/api/v1/console/me", lead, new JsonObject().put("uiLanguage", "es")).statusCode());
        assertEquals(HIDDEN_ES, client.put("/api/v1/lead/widget", lead, widget("https://weather.example/\u202Eexe.txt"))
                .bodyAsJsonObject().getString("message"));
    }

    @Test
    void noSuchAddressIsSafeSoAnAdvocateCannotSendItAsAReferral() {
        for (var hidden : HIDDEN_CHARACTERS.entrySet()) {
            String url = "https://riverside.example/" + hidden.getValue();
            assertFalse(SafeUrl.isSafe(url), hidden.getKey());
            assertFalse(new Referral("Riverside", null, null, url).keepsRules(), hidden.getKey());
        }
        assertTrue(SafeUrl.isSafe("https://riverside.example/\u00e1rbol"), "a letter beyond ASCII is kept");
    }

    @Test
    void aQuickExitAddressSavedBeforeIsShownAsItIsAndTheWidgetsNextSaveNamesItsField() throws Exception {
        String spoofed = "https://weather.example/\u202Efdp.exe";
        TestHub.await(hub.hub.settings().update(s -> {
            WidgetLook w = s.widget();
            return s.withWidget(new WidgetLook(w.title(), w.notice(), w.primaryColor(), w.position(), spoofed, w.embedOrigins()));
        }));
        JsonObject shown = client.get("/api/v1/lead/widget", lead).bodyAsJsonObject();
        assertEquals(spoofed, shown.getString("quickExitUrl"), "the lead sees what is stored, to fix it");

        HttpResponse<Buffer> r = client.put("/api/v1/lead/widget", lead, shown.copy().put("primaryColor", "#0b6e4f"));
        assertEquals(400, r.statusCode(), r.bodyAsString());
        assertEquals("quickExitUrl", r.bodyAsJsonObject().getString("field"));
        assertEquals(HIDDEN, r.bodyAsJsonObject().getString("message"));
        assertEquals(spoofed, TestHub.await(hub.hub.settingsStore().programSettings()).widget().quickExitUrl(), "nothing changed");

        assertEquals(200, client.put("/api/v1/lead/widget", lead, shown.copy().put("quickExitUrl", "https://weather.example/")).statusCode());
    }
}
