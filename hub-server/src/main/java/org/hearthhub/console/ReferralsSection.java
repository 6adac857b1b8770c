package org.hearthhub.console;

import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.Referral;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Hotlines and services survivors are offered, per language ({@code /api/v1/lead/referrals}). */
record ReferralsSection(Map<String, List<Entry>> referrals) implements SettingsSection {
    static final int MAX_REFERRALS = 50;
    static final int MAX_PHONE = 40;
    private static final Pattern PHONE = Pattern.compile("[0-9A-Za-z +().,#*/-]{1," + MAX_PHONE + "}");
    static final SectionForm<ReferralsSection> FORM = new SectionForm<>("referrals", ReferralsSection.class, "error.referrals",
            (s, config) -> of(s));

    /** Any field but the name may be empty. */
    record Entry(String name, String phone, String text, String url) {
    }

    static ReferralsSection of(ProgramSettings s) {
        Map<String, List<Entry>> byLang = new LinkedHashMap<>();
        for (String lang : SectionChecks.languages()) {
            byLang.put(lang, s.referrals().getOrDefault(lang, List.of()).stream()
                    .map(r -> new Entry(r.name(), r.phone(), r.text(), r.url())).toList());
        }
        return new ReferralsSection(byLang);
    }

    @Override
    public List<SectionProblem> validate() {
        SectionChecks checks = new SectionChecks("error.referrals");
        checks.byLanguage(referrals, "referrals").forEach((lang, entries) -> {
            List<Entry> list = checks.list(entries, lang, MAX_REFERRALS);
            for (int i = 0; i < list.size(); i++) {
                Entry r = list.get(i);
                if (!checks.entry(r)) continue;
                String at = "referrals." + lang + "." + i + ".";
                checks.text(r.name(), "name", MAX_NAME, true);
                checks.text(r.phone(), "phone", MAX_PHONE, false);
                String phone = SectionChecks.clean(r.phone());
                if (phone != null && phone.length() <= MAX_PHONE && !PHONE.matcher(phone).matches()) checks.at(at + "phone", "error.field.phone");
                checks.text(r.url(), "url", SafeUrl.MAX_LENGTH, false);
                String url = SectionChecks.clean(r.url());
                if (url != null && url.length() <= SafeUrl.MAX_LENGTH && !SafeUrl.isSafe(url)) checks.at(at + "url", "error.url");
                checks.text(r.text(), "text", MAX_TEXT, false);
            }
        });
        return checks.problems();
    }

    @Override
    public ProgramSettings applyTo(ProgramSettings current) {
        Map<String, List<Referral>> out = new TreeMap<>();
        SectionChecks.inLanguageOrder(referrals).forEach((lang, entries) -> out.put(lang, (entries == null ? List.<Entry>of() : entries)
                .stream().map(r -> new Referral(SectionChecks.clean(r.name()), SectionChecks.clean(r.phone()),
                        SectionChecks.clean(r.text()), SectionChecks.clean(r.url()))).toList()));
        return current.withReferrals(out);
    }
}
