package org.hearthhub.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.config.HubConfig;
import org.hearthhub.hours.OpeningHours;
import org.hearthhub.i18n.Languages;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.CannedResponse;
import org.hearthhub.settings.ProgramSettings.Holiday;
import org.hearthhub.settings.ProgramSettings.Retention;
import org.hearthhub.settings.ProgramSettings.StaffSecurity;
import org.hearthhub.settings.ProgramSettings.WeeklySlot;
import org.hearthhub.settings.ProgramSettings.WidgetLook;
import org.hearthhub.settings.Referral;
import org.hearthhub.settings.SafeUrl;
import org.hearthhub.ws.Frames;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The sections of {@link ProgramSettings} a lead edits, each to JSON (what the forms show) and from
 * JSON (what they send), checked before anything is stored. A refused section names its problem.
 */
final class SettingsSections {
    static final String HOURS = "hours";
    static final String REFERRALS = "referrals";
    static final String CANNED = "canned";
    static final String WIDGET = "widget";
    static final String RETENTION = "retention";
    static final String SECURITY = "security";

    static final int MAX_SLOTS = 70;
    static final int MAX_HOLIDAYS = 366;
    static final int MAX_REFERRALS = 50;
    static final int MAX_CANNED = 200;
    static final int MAX_NAME = Referral.MAX_NAME;
    static final int MAX_TEXT = Referral.MAX_TEXT;
    static final int MAX_CANNED_TEXT = 4000;
    static final int MAX_TITLE = 120;
    static final int MAX_PHONE = Referral.MAX_PHONE;
    /** No cap for this exists in the YAML config; the SMS relay clamps to the same year (SmsRelay.MAX_BLOCK_DAYS). */
    static final int MAX_SMS_BLOCK_DAYS = 365;
    /** What the SMS relay uses when the lead leaves it empty (SmsRelay.DEFAULT_BLOCK_DAYS). */
    static final int DEFAULT_SMS_BLOCK_DAYS = 30;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final List<String> POSITIONS = List.of("left", "right");

    private SettingsSections() {
    }

    // ---------------------------------------------------------------- hours

    static JsonObject hours(ProgramSettings s) {
        JsonArray slots = null;
        if (s.weeklyHours() != null) {
            slots = new JsonArray();
            for (WeeklySlot w : s.weeklyHours()) {
                slots.add(new JsonObject().put("day", w.day()).put("open", w.open().toString()).put("close", w.close().toString()));
            }
        }
        JsonArray holidays = new JsonArray();
        for (Holiday h : s.holidays() == null ? List.<Holiday>of() : s.holidays()) {
            holidays.add(new JsonObject().put("date", h.date().toString()).put("name", h.name()));
        }
        return new JsonObject().put("timeZone", s.timeZone()).put("alwaysOpen", s.weeklyHours() == null)
                .put("weeklyHours", slots).put("holidays", holidays).put("closedWhenUnstaffed", s.closedWhenUnstaffed());
    }

    static ProgramSettings withHours(ProgramSettings s, JsonObject body) {
        String zone = body.getValue("timeZone") instanceof String z ? z.strip() : "";
        try {
            java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw ConsoleException.badField("timeZone", "error.field.time_zone");
        }
        boolean alwaysOpen = Boolean.TRUE.equals(body.getValue("alwaysOpen"));
        List<WeeklySlot> slots = null;
        if (!alwaysOpen) {
            JsonArray list = array(body, "weeklyHours", MAX_SLOTS, "error.hours");
            slots = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonObject slot = object(list.getValue(i), "error.hours");
                if (!(slot.getValue("day") instanceof Number day)) throw ConsoleException.badRequest("error.hours", "every slot needs a day 1-7");
                String at = "weeklyHours." + i + ".";
                LocalTime open = time(slot, "open", at);
                LocalTime close = time(slot, "close", at);
                // A slot may run past midnight (22:00-06:00); only an empty one makes no sense (OpeningHours).
                if (open.equals(close) && !open.equals(LocalTime.MIDNIGHT)) {
                    throw ConsoleException.badField(at + "close", "error.field.same_time");
                }
                slots.add(new WeeklySlot(day.intValue(), open, close));
            }
        }
        List<Holiday> holidays = new ArrayList<>();
        JsonArray days = array(body, "holidays", MAX_HOLIDAYS, "error.hours");
        for (int i = 0; i < days.size(); i++) {
            JsonObject h = object(days.getValue(i), "error.hours");
            String date = h.getValue("date") instanceof String d ? d.strip() : "";
            try {
                holidays.add(new Holiday(LocalDate.parse(date), string(h, "name", MAX_NAME, false, "error.hours")));
            } catch (DateTimeParseException e) {
                throw ConsoleException.badField("holidays." + i + ".date", "error.field.date");
            }
        }
        holidays.sort((a, b) -> a.date().compareTo(b.date()));
        ProgramSettings next = new ProgramSettings(zone, slots, holidays, s.referrals(), s.cannedResponses(), s.widget(),
                s.retention(), s.staffSecurity(), Boolean.TRUE.equals(body.getValue("closedWhenUnstaffed")));
        try {
            OpeningHours.validate(next);
        } catch (IllegalArgumentException e) {
            throw ConsoleException.badRequest("error.hours", e.getMessage());
        }
        return next;
    }

    private static LocalTime time(JsonObject slot, String field, String at) {
        String text = slot.getValue(field) instanceof String s ? s.strip() : "";
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ConsoleException.badField(at + field, "error.field.time");
        }
    }

    // ---------------------------------------------------------------- referrals

    static JsonObject referrals(ProgramSettings s) {
        JsonObject byLang = new JsonObject();
        for (String lang : Languages.SUPPORTED) {
            byLang.put(lang, Frames.referrals(s.referrals().getOrDefault(lang, List.of())));
        }
        return new JsonObject().put("referrals", byLang);
    }

    static ProgramSettings withReferrals(ProgramSettings s, JsonObject body) {
        JsonObject byLang = objectField(body, "referrals", "error.referrals");
        Map<String, List<Referral>> out = new TreeMap<>();
        for (String lang : languagesOf(byLang, "error.referrals")) {
            List<Referral> list = new ArrayList<>();
            JsonArray entries = array(byLang, lang, MAX_REFERRALS, "error.referrals");
            for (int i = 0; i < entries.size(); i++) {
                JsonObject r = object(entries.getValue(i), "error.referrals");
                String at = "referrals." + lang + "." + i + ".";
                String name = string(r, "name", MAX_NAME, true, "error.referrals");
                String phone = string(r, "phone", MAX_PHONE, false, "error.referrals");
                if (phone != null && !Referral.isPhone(phone)) throw ConsoleException.badField(at + "phone", "error.field.phone");
                String sms = string(r, "sms", MAX_PHONE, false, "error.referrals");
                if (sms != null && !Referral.isPhone(sms)) throw ConsoleException.badField(at + "sms", "error.field.phone");
                String url = string(r, "url", SafeUrl.MAX_LENGTH, false, "error.referrals");
                if (url != null && !SafeUrl.isSafe(url)) throw ConsoleException.badField(at + "url", "error.url");
                list.add(new Referral(name, phone, sms, string(r, "text", MAX_TEXT, false, "error.referrals"), url));
            }
            out.put(lang, List.copyOf(list));
        }
        return s.withReferrals(out);
    }

    // ---------------------------------------------------------------- canned responses

    static JsonObject canned(ProgramSettings s) {
        JsonObject byLang = new JsonObject();
        for (String lang : Languages.SUPPORTED) {
            JsonArray list = new JsonArray();
            Map<String, List<CannedResponse>> all = s.cannedResponses() == null ? Map.of() : s.cannedResponses();
            for (CannedResponse c : all.getOrDefault(lang, List.of())) {
                list.add(new JsonObject().put("title", c.title()).put("text", c.text()));
            }
            byLang.put(lang, list);
        }
        return new JsonObject().put("cannedResponses", byLang);
    }

    static ProgramSettings withCanned(ProgramSettings s, JsonObject body) {
        JsonObject byLang = objectField(body, "cannedResponses", "error.canned");
        Map<String, List<CannedResponse>> out = new TreeMap<>();
        for (String lang : languagesOf(byLang, "error.canned")) {
            List<CannedResponse> list = new ArrayList<>();
            for (Object o : array(byLang, lang, MAX_CANNED, "error.canned")) {
                JsonObject c = object(o, "error.canned");
                list.add(new CannedResponse(string(c, "title", MAX_TITLE, true, "error.canned"),
                        string(c, "text", MAX_CANNED_TEXT, true, "error.canned")));
            }
            out.put(lang, List.copyOf(list));
        }
        return new ProgramSettings(s.timeZone(), s.weeklyHours(), s.holidays(), s.referrals(), out, s.widget(), s.retention(),
                s.staffSecurity(), s.closedWhenUnstaffed());
    }

    // ---------------------------------------------------------------- widget

    static JsonObject widget(ProgramSettings s) {
        WidgetLook w = s.widget();
        return new JsonObject()
                .put("title", texts(w.title()))
                .put("notice", texts(w.notice()))
                .put("primaryColor", w.primaryColor())
                .put("position", w.position())
                .put("quickExitUrl", w.quickExitUrl());
    }

    static ProgramSettings withWidget(ProgramSettings s, JsonObject body) {
        Map<String, String> title = textsFrom(body, "title", MAX_TITLE);
        Map<String, String> notice = textsFrom(body, "notice", MAX_TEXT);
        String colour = string(body, "primaryColor", 7, true, "error.widget");
        if (!COLOUR.matcher(colour).matches()) throw ConsoleException.badField("primaryColor", "error.colour");
        String position = string(body, "position", 10, true, "error.widget");
        if (!POSITIONS.contains(position)) throw ConsoleException.badRequest("error.widget", "position must be left or right");
        String exit = body.getValue("quickExitUrl") instanceof String e ? e.strip() : "";
        if (exit.length() > SafeUrl.MAX_LENGTH || !SafeUrl.isSafe(exit)) throw ConsoleException.badField("quickExitUrl", "error.url");
        WidgetLook look = new WidgetLook(title, notice, colour.toLowerCase(java.util.Locale.ROOT), position, exit);
        return new ProgramSettings(s.timeZone(), s.weeklyHours(), s.holidays(), s.referrals(), s.cannedResponses(), look,
                s.retention(), s.staffSecurity(), s.closedWhenUnstaffed());
    }

    private static JsonObject texts(Map<String, String> byLang) {
        JsonObject out = new JsonObject();
        for (String lang : Languages.SUPPORTED) out.put(lang, byLang == null ? "" : byLang.getOrDefault(lang, ""));
        return out;
    }

    /** Empty texts are dropped, so the widget falls back to its built-in wording. */
    private static Map<String, String> textsFrom(JsonObject body, String field, int max) {
        JsonObject byLang = objectField(body, field, "error.widget");
        Map<String, String> out = new LinkedHashMap<>();
        for (String lang : languagesOf(byLang, "error.widget")) {
            String text = string(byLang, lang, max, false, "error.widget");
            if (text != null && !text.isBlank()) out.put(lang, text);
        }
        return out;
    }

    // ---------------------------------------------------------------- retention

    static JsonObject retention(ProgramSettings s, HubConfig config) {
        Retention r = s.retention() == null ? new Retention(null, null, null) : s.retention();
        return new JsonObject()
                .put("idleTimeoutMinutes", r.idleTimeoutMinutes())
                .put("maxConversationHours", r.maxConversationHours())
                .put("smsBlockDays", r.smsBlockDays())
                .put("caps", new JsonObject()
                        .put("idleTimeoutMinutes", config.retention().idleTimeoutMinutes())
                        .put("maxConversationHours", config.retention().maxConversationHours())
                        .put("smsBlockDays", MAX_SMS_BLOCK_DAYS))
                .put("defaults", new JsonObject()
                        .put("idleTimeoutMinutes", config.retention().idleTimeoutMinutes())
                        .put("maxConversationHours", config.retention().maxConversationHours())
                        .put("smsBlockDays", DEFAULT_SMS_BLOCK_DAYS));
    }

    /** Each limit is optional (null = the operator's default) and never above the operator's cap. */
    static ProgramSettings withRetention(ProgramSettings s, JsonObject body, HubConfig config) {
        Retention r = new Retention(
                limit(body, "idleTimeoutMinutes", "retention.idle", config.retention().idleTimeoutMinutes()),
                limit(body, "maxConversationHours", "retention.lifetime", config.retention().maxConversationHours()),
                limit(body, "smsBlockDays", "retention.sms_block", MAX_SMS_BLOCK_DAYS));
        return new ProgramSettings(s.timeZone(), s.weeklyHours(), s.holidays(), s.referrals(), s.cannedResponses(), s.widget(),
                r, s.staffSecurity(), s.closedWhenUnstaffed());
    }

    /** @param label the console text key of the field's label, for the message */
    private static Integer limit(JsonObject body, String field, String label, int cap) {
        Object v = body.getValue(field);
        if (v == null) return null;
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1 || n.longValue() > cap) {
            throw ConsoleException.badField(field, "error.field.whole_number", new ConsoleException.Label(label), cap);
        }
        return n.intValue();
    }

    // ---------------------------------------------------------------- staff security

    static ProgramSettings withSecurity(ProgramSettings s, StaffSecurity security) {
        return new ProgramSettings(s.timeZone(), s.weeklyHours(), s.holidays(), s.referrals(), s.cannedResponses(), s.widget(),
                s.retention(), security, s.closedWhenUnstaffed());
    }

    // ---------------------------------------------------------------- reading JSON strictly

    static String string(JsonObject o, String field, int max, boolean required, String textKey) {
        Object v = o.getValue(field);
        if (v == null || (v instanceof String str && str.isBlank() && !required)) {
            if (required) throw ConsoleException.badRequest(textKey, "\"" + field + "\" is required");
            return null;
        }
        if (!(v instanceof String str)) throw ConsoleException.badRequest(textKey, "\"" + field + "\" must be text");
        String text = str.strip();
        if (required && text.isEmpty()) throw ConsoleException.badRequest(textKey, "\"" + field + "\" is required");
        if (text.length() > max) throw ConsoleException.badRequest(textKey, "\"" + field + "\" is longer than " + max + " characters");
        return text;
    }

    private static JsonArray array(JsonObject o, String field, int max, String textKey) {
        Object v = o.getValue(field);
        if (v == null) return new JsonArray();
        if (!(v instanceof JsonArray a)) throw ConsoleException.badRequest(textKey, "\"" + field + "\" must be a list");
        if (a.size() > max) throw ConsoleException.badRequest(textKey, "\"" + field + "\" has more than " + max + " entries");
        return a;
    }

    private static JsonObject object(Object o, String textKey) {
        if (!(o instanceof JsonObject j)) throw ConsoleException.badRequest(textKey, "every entry must be an object");
        return j;
    }

    private static JsonObject objectField(JsonObject body, String field, String textKey) {
        Object v = body.getValue(field);
        if (!(v instanceof JsonObject o)) throw ConsoleException.badRequest(textKey, "\"" + field + "\" must be an object keyed by language");
        return o;
    }

    private static List<String> languagesOf(JsonObject byLang, String textKey) {
        for (String lang : byLang.fieldNames()) {
            if (!Languages.SUPPORTED.contains(lang)) {
                throw ConsoleException.badRequest(textKey, "language '" + lang + "' is not one of " + Languages.SUPPORTED);
            }
        }
        return Languages.SUPPORTED.stream().filter(byLang::containsKey).toList();
    }
}
