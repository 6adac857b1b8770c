package org.hearthhub.console;

import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.WidgetLook;
import org.hearthhub.model.SiteOrigin;

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
 * @param embedOrigins the sites whose pages may frame the chat (empty: any); absent, as from a form older than
 *                     the list, leaves the list saved as it is rather than opening the chat to every site
 */
record WidgetSection(Map<String, String> title, Map<String, String> notice, String primaryColor, String position,
                     String quickExitUrl, List<String> embedOrigins) implements SettingsSection {
    static final int MAX_EMBED_ORIGINS = 20;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final List<String> POSITIONS = List.of("left", "right");
    static final SectionForm<WidgetSection> FORM = new SectionForm<>("widget", WidgetSection.class, "error.widget", (s, config) -> of(s));

    static WidgetSection of(ProgramSettings s) {
        WidgetLook w = s.widget();
        return new WidgetSection(texts(w.title()), texts(w.notice()), w.primaryColor(), w.position(), w.quickExitUrl(),
                w.embedOrigins());
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
        if (exit().isEmpty()) checks.at("quickExitUrl", "error.url");
        else checks.url(exit(), "quickExitUrl");
        checkEmbedOrigins(checks);
        return checks.problems();
    }

    @Override
    public ProgramSettings applyTo(ProgramSettings current) {
        List<String> sites = embedOrigins == null ? current.widget().embedOrigins()
                : embedOrigins.stream().map(o -> SiteOrigin.parse(o).orElseThrow().value()).distinct().toList();
        return current.withWidget(new WidgetLook(kept(title), kept(notice), primaryColor.strip().toLowerCase(Locale.ROOT),
                position.strip(), exit(), sites));
    }

    /** The list's one input on the form shows the first problem: too many sites, or the first line that is no origin. */
    private void checkEmbedOrigins(SectionChecks checks) {
        if (embedOrigins == null) return;
        if (embedOrigins.size() > MAX_EMBED_ORIGINS) {
            checks.at("embedOrigins", "error.field.embed_origins_many", MAX_EMBED_ORIGINS);
            return;
        }
        for (int i = 0; i < embedOrigins.size(); i++) {
            if (SiteOrigin.parse(embedOrigins.get(i)).isEmpty()) {
                checks.at("embedOrigins", "error.field.embed_origin", i + 1);
                return;
            }
        }
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
