package org.hearthhub.console;

import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.CannedResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Replies advocates insert with one click, per language ({@code /api/v1/lead/canned}). */
record CannedSection(Map<String, List<Entry>> cannedResponses) implements SettingsSection {
    static final int MAX_CANNED = 200;
    static final int MAX_CANNED_TEXT = 4000;
    static final SectionForm<CannedSection> FORM = new SectionForm<>("canned", CannedSection.class, "error.canned", (s, config) -> of(s));

    record Entry(String title, String text) {
    }

    static CannedSection of(ProgramSettings s) {
        Map<String, List<CannedResponse>> all = s.cannedResponses() == null ? Map.of() : s.cannedResponses();
        Map<String, List<Entry>> byLang = new LinkedHashMap<>();
        for (String lang : SectionChecks.languages()) {
            byLang.put(lang, all.getOrDefault(lang, List.of()).stream().map(c -> new Entry(c.title(), c.text())).toList());
        }
        return new CannedSection(byLang);
    }

    @Override
    public List<SectionProblem> validate() {
        SectionChecks checks = new SectionChecks("error.canned");
        checks.byLanguage(cannedResponses, "cannedResponses").forEach((lang, entries) -> {
            List<Entry> list = checks.list(entries, lang, MAX_CANNED);
            for (int i = 0; i < list.size(); i++) {
                Entry c = list.get(i);
                if (!checks.entry(c)) continue;
                String at = "cannedResponses." + lang + "." + i + ".";
                checks.shownLine(c.title(), at + "title", "title", MAX_TITLE, true);
                checks.shownLines(c.text(), at + "text", "text", MAX_CANNED_TEXT, true);
            }
        });
        return checks.problems();
    }

    @Override
    public ProgramSettings applyTo(ProgramSettings current) {
        Map<String, List<CannedResponse>> out = new TreeMap<>();
        SectionChecks.inLanguageOrder(cannedResponses).forEach((lang, entries) -> out.put(lang, (entries == null ? List.<Entry>of() : entries)
                .stream().map(c -> new CannedResponse(SectionChecks.clean(c.title()), SectionChecks.clean(c.text()))).toList()));
        return current.withCannedResponses(out);
    }
}
