package org.hearthhub.console;

import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.WidgetLook;
import org.hearthhub.model.SafeUrl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the widget looks and what it says ({@code /api/v1/lead/widget}). Texts are per language; an empty
 * one is dropped, so the widget falls back to its built-in wording.
 *
 * @param quickExitUrl where quick exit sends the survivor: a neutral page
 */
record WidgetSection(Map<String, String> title, Map<String, String> notice, String primaryColor, String position,
                     String quickExitUrl) implements SettingsSection {
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final List<String> POSITIONS = List.of("left", "right");
    static final SectionForm<WidgetSection> FORM = new SectionForm<>("widget", WidgetSection.class, "error.widget", (s, config) -> of(s));

    static WidgetSection of(ProgramSettings s) {
        WidgetLook w = s.widget();
        return new WidgetSection(texts(w.title()), texts(w.notice()), w.primaryColor(), w.position(), w.quickExitUrl());
    }

    @Override
    public List<SectionProblem> validate() {
        SectionChecks checks = new SectionChecks("error.widget");
        checks.byLanguage(title, "title").forEach((lang, text) -> checks.shownLine(text, "title." + lang, lang, MAX_TITLE, false));
        checks.byLanguage(notice, "notice").forEach((lang, text) -> checks.shownLines(text, "notice." + lang, lang, MAX_TEXT, false));
        checks.text(primaryColor, "primaryColor", 7, true);
        String colour = SectionChecks.clean(primaryColor);
        if (colour != null && colour.length() <= 7 && !COLOUR.matcher(colour).matches()) checks.at("primaryColor", "error.colour");
        checks.text(position, "position", 10, true);
        String at = SectionChecks.clean(position);
        if (at != null && at.length() <= 10 && !POSITIONS.contains(at)) checks.inSection("position must be left or right");
        if (!SafeUrl.isSafe(exit())) checks.at("quickExitUrl", "error.url");
        return checks.problems();
    }

    @Override
    public ProgramSettings applyTo(ProgramSettings current) {
        return current.withWidget(new WidgetLook(kept(title), kept(notice), primaryColor.strip().toLowerCase(Locale.ROOT),
                position.strip(), exit()));
    }

    private String exit() {
        return quickExitUrl == null ? "" : quickExitUrl.strip();
    }

    /** Every language, empty where nothing is set: one input each on the form. */
    private static Map<String, String> texts(Map<String, String> byLang) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String lang : SectionChecks.languages()) out.put(lang, byLang == null ? "" : byLang.getOrDefault(lang, ""));
        return out;
    }

    private static Map<String, String> kept(Map<String, String> byLang) {
        Map<String, String> out = new LinkedHashMap<>();
        SectionChecks.inLanguageOrder(byLang).forEach((lang, text) -> {
            if (SectionChecks.clean(text) != null) out.put(lang, SectionChecks.clean(text));
        });
        return out;
    }
}
