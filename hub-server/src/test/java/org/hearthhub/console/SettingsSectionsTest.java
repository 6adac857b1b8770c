package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.hearthhub.auth.TestConfigs;
import org.hearthhub.config.HubConfig;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.model.Referral;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a lead's form may send for each settings section, bound as the lead API binds it: every class of
 * bad input is refused with the section's message and a detail naming where, or with a message for the
 * one input at fault; what passes is kept as sent (stripped), script payloads included, for the pages to
 * escape.
 */
class SettingsSectionsTest {
    private static final HubConfig CONFIG = TestConfigs.hub(Path.of("unused"), "http://localhost:8080", new HubConfig.Auth(30, 5, 15, false));

    private static <T extends SettingsSection> T received(SectionForm<T> form, String json) {
        return form.received().apply(SectionJson.read(Buffer.buffer(json), form), CONFIG);
    }

    private static <T extends SettingsSection> Refusal refused(SectionForm<T> form, String json) {
        return assertThrows(Refusal.class, () -> {
            List<SectionProblem> problems = received(form, json).validate();
            if (!problems.isEmpty()) throw problems.get(0).refusal();
        }, json);
    }

    private static void assertRefused(Refusal e, String textKey, String detail) {
        assertEquals(400, e.code().httpStatus());
        assertEquals(textKey, e.messageKey(), e.getMessage());
        assertEquals(detail, e.detail(), e.getMessage());
        assertNull(e.field(), "about the section, not one input");
    }

    private static void assertAtField(Refusal e, String field, String textKey) {
        assertEquals(400, e.code().httpStatus());
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(textKey, e.messageKey(), e.getMessage());
    }

    /** {@code text} as a JSON string. */
    private static String quoted(String text) {
        return io.vertx.core.json.Json.encode(text);
    }

    private static String referral(String fields) {
        return "{\"referrals\":{\"en\":[{" + fields + "}]}}";
    }

    @Test
    void whatTheFormsShowComesBackUnchanged() {
        ProgramSettings s = ProgramSettings.defaults().withReferrals(java.util.Map.of("en",
                List.of(new Referral("Riverside", "(555) 010-2000", "24/7", "https://riverside.example"))));
        for (SectionForm<?> form : List.of(HoursSection.FORM, ReferralsSection.FORM, CannedSection.FORM, WidgetSection.FORM, RetentionSection.FORM,
                SecuritySection.FORM)) {
            String shown = SectionJson.write(form.view().apply(s, CONFIG)).encode();
            SettingsSection back = received(form, shown);
            assertEquals(List.of(), back.validate(), form.name() + ": " + shown);
            assertEquals(shown, SectionJson.write(form.view().apply(back.applyTo(s), CONFIG)).encode(),
                    form.name() + ": saving what GET shows changes nothing it shows");
        }
        JsonObject retention = SectionJson.write(RetentionSection.of(s, CONFIG));
        assertEquals(30, retention.getJsonObject("caps").getInteger("idleTimeoutMinutes"), "the caps are shown; sent back they are ignored");
    }

    @Test
    void unknownFieldsAreRefusedByTheirPath() {
        assertRefused(refused(HoursSection.FORM, "{\"timeZone\":\"UTC\",\"alwaysopen\":true}"), "error.hours", "unknown field \"alwaysopen\"");
        assertRefused(refused(ReferralsSection.FORM, referral("\"name\":\"X\",\"nmae\":\"Y\"")), "error.referrals",
                "unknown field \"referrals.en.0.nmae\"");
        assertRefused(refused(WidgetSection.FORM, "{\"cannedResponses\":{}}"), "error.widget", "unknown field \"cannedResponses\"");
    }

    @Test
    void wrongTypesAreRefusedWithWhatWasExpected() {
        assertRefused(refused(HoursSection.FORM, "{\"timeZone\":\"UTC\",\"weeklyHours\":\"mon-fri\"}"), "error.hours",
                "\"weeklyHours\" must be a list");
        assertRefused(refused(HoursSection.FORM, "{\"timeZone\":\"UTC\",\"weeklyHours\":[{\"day\":1.5,\"open\":\"09:00\",\"close\":\"17:00\"}]}"),
                "error.hours", "\"weeklyHours.0.day\" must be a whole number");
        assertRefused(refused(HoursSection.FORM, "{\"timeZone\":\"UTC\",\"alwaysOpen\":\"perhaps\"}"), "error.hours",
                "\"alwaysOpen\" must be true or false");
        assertRefused(refused(ReferralsSection.FORM, "{\"referrals\":[]}"), "error.referrals",
                "\"referrals\" must be an object keyed by language");
        assertRefused(refused(ReferralsSection.FORM, "{\"referrals\":{\"en\":[[\"X\"]]}}"), "error.referrals",
                "\"referrals.en.0\" must be an object");
        assertRefused(refused(WidgetSection.FORM, "{\"title\":{\"en\":{\"text\":\"Hi\"}}}"), "error.widget", "\"title.en\" must be text");
        assertRefused(refused(RetentionSection.FORM, "{\"smsBlockDays\":\"a month\"}"), "error.retention", "\"smsBlockDays\" must be a number");
        assertRefused(refused(ReferralsSection.FORM, "{\"referrals\":{\"en\":[null]}}"), "error.referrals", "every entry must be an object");
        assertRefused(refused(CannedSection.FORM, "{\"cannedResponses\":{\"fr\":[]}}"), "error.canned", "language 'fr' is not one of [en, es]");
    }

    @Test
    void scalarsOfAnotherTypeAreRefusedNotCoerced() {
        assertRefused(refused(HoursSection.FORM, "{\"timeZone\":\"UTC\",\"alwaysOpen\":\"true\"}"), "error.hours",
                "\"alwaysOpen\" must be true or false");
        assertRefused(refused(HoursSection.FORM, "{\"timeZone\":\"UTC\",\"alwaysOpen\":1}"), "error.hours",
                "\"alwaysOpen\" must be true or false");
        assertRefused(refused(HoursSection.FORM, "{\"timeZone\":\"UTC\",\"weeklyHours\":[{\"day\":\"1\",\"open\":\"09:00\",\"close\":\"17:00\"}]}"),
                "error.hours", "\"weeklyHours.0.day\" must be a whole number");
        assertRefused(refused(RetentionSection.FORM, "{\"smsBlockDays\":\"30\"}"), "error.retention", "\"smsBlockDays\" must be a number");
    }

    @Test
    void bodiesThatAreNotOneObjectAreBadRequests() {
        for (String body : new String[]{"", "null", "[1]", "\"hours\"", "{not json", "{} {}", "{\"timeZone\":\"UTC\""}) {
            Refusal e = refused(HoursSection.FORM, body);
            assertEquals(400, e.code().httpStatus(), body);
            assertEquals("error.bad_request", e.messageKey(), body);
        }
    }

    @Test
    void overLongTextsAndListsAreRefusedWithTheirLimit() {
        assertRefused(refused(ReferralsSection.FORM, referral("\"name\":\"" + "n".repeat(201) + "\"")), "error.referrals",
                "\"name\" is longer than 200 characters");
        assertRefused(refused(CannedSection.FORM, "{\"cannedResponses\":{\"es\":[{\"title\":\"T\",\"text\":\"" + "t".repeat(4001) + "\"}]}}"),
                "error.canned", "\"text\" is longer than 4000 characters");
        assertRefused(refused(WidgetSection.FORM, "{\"title\":{\"en\":\"" + "t".repeat(121) + "\"},\"notice\":{},\"primaryColor\":\"#000000\","
                + "\"position\":\"left\",\"quickExitUrl\":\"https://a.example\"}"), "error.widget", "\"en\" is longer than 120 characters");
        String slots = "{\"day\":1,\"open\":\"09:00\",\"close\":\"10:00\"},".repeat(71);
        assertRefused(refused(HoursSection.FORM, "{\"timeZone\":\"UTC\",\"weeklyHours\":[" + slots.substring(0, slots.length() - 1) + "]}"),
                "error.hours", "\"weeklyHours\" has more than 70 entries");
        assertRefused(refused(CannedSection.FORM, "{\"cannedResponses\":{\"en\":[{\"title\":\"  \",\"text\":\"x\"}]}}"), "error.canned",
                "\"title\" is required");
    }

    @Test
    void scriptPayloadsInLinksAreRefusedAndInTextsKeptVerbatimForThePagesToEscape() {
        for (String url : new String[]{"javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "JaVaScRiPt:alert(1)",
                "https://example.org/\"><script>"}) {
            assertAtField(refused(ReferralsSection.FORM, referral("\"name\":\"X\",\"url\":" + quoted(url))), "referrals.en.0.url", "error.url");
        }
        assertAtField(refused(WidgetSection.FORM, "{\"title\":{},\"notice\":{},\"primaryColor\":\"#000000\",\"position\":\"left\","
                + "\"quickExitUrl\":\"javascript:history.back()\"}"), "quickExitUrl", "error.url");
        assertAtField(refused(WidgetSection.FORM, "{\"title\":{},\"notice\":{},\"primaryColor\":\"#00000g\",\"position\":\"left\","
                + "\"quickExitUrl\":\"https://a.example\"}"), "primaryColor", "error.colour");

        String payload = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>";
        ReferralsSection kept = received(ReferralsSection.FORM, referral("\"name\":" + quoted(payload)));
        assertEquals(List.of(), kept.validate());
        assertEquals(payload, kept.applyTo(ProgramSettings.defaults()).referrals().get("en").get(0).name());
    }

    @Test
    void problemsWithOneInputNameItAndComeInFormOrder() {
        HoursSection hours = received(HoursSection.FORM, "{\"timeZone\":\"Mars/Olympus\",\"weeklyHours\":[{\"day\":1,\"open\":\"09:00\","
                + "\"close\":\"17:00\"},{\"day\":2,\"open\":\"9am\",\"close\":\"09:00\"}],\"holidays\":[{\"date\":\"tomorrow\"}]}");
        assertEquals(List.of("timeZone", "weeklyHours.1.open", "holidays.0.date"),
                hours.validate().stream().map(SectionProblem::field).toList());
        Refusal idle = refused(RetentionSection.FORM, "{\"idleTimeoutMinutes\":2.5}");
        assertAtField(idle, "idleTimeoutMinutes", "error.field.whole_number");
        assertEquals(List.of(new Refusal.Label("retention.idle"), 30), List.of(idle.messageArgs()), "the label and the cap fill the message");
        assertAtField(refused(RetentionSection.FORM, "{\"maxConversationHours\":13}"), "maxConversationHours", "error.field.whole_number");
        assertAtField(refused(RetentionSection.FORM, "{\"smsBlockDays\":0}"), "smsBlockDays", "error.field.whole_number");
        assertAtField(refused(ReferralsSection.FORM, referral("\"name\":\"X\",\"phone\":\"call <b>me</b>\"")), "referrals.en.0.phone",
                "error.field.phone");
        assertTrue(received(RetentionSection.FORM, "{\"idleTimeoutMinutes\":10,\"caps\":{\"idleTimeoutMinutes\":9999}}").validate().isEmpty(),
                "caps sent back are ignored, not trusted");
        assertEquals(30, refused(RetentionSection.FORM, "{\"idleTimeoutMinutes\":31,\"caps\":{\"idleTimeoutMinutes\":9999}}").messageArgs()[1],
                "the operator's cap decides");
    }
}
