package org.hearthhub.console;

import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.model.Referral;
import org.hearthhub.model.SafeUrl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Hotlines and services survivors are offered, per language ({@code /api/v1/lead/referrals}). */
record ReferralsSection(Map<String, List<Entry>> referrals) implements SettingsSection {
    static final int MAX_REFERRALS = 50;
    static final int MAX_PHONE = Referral.MAX_PHONE;
    static final SectionForm<ReferralsSection> FORM = new SectionForm<>("referrals", ReferralsSection.class, "error.referrals",
            (s, config) -> of(s));

    /** Any field but the name may be empty; {@code sms} is a number that takes texts. */
    record Entry(String name, String phone, String sms, String text, String url) {
    }

    static ReferralsSection of(ProgramSettings s) {
        Map<String, List<Entry>> byLang = new LinkedHashMap<>();
        for (String lang : SectionChecks.languages()) {
            byLang.put(lang, s.referrals().getOrDefault(lang, List.of()).stream()
                    .map(r -> new Entry(r.name(), r.phone(), r.sms(), r.text(), r.url())).toList());
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
                checks.shownLine(r.name(), at + "name", "name", MAX_NAME, true);
                number(checks, r.phone(), at, "phone");
                number(checks, r.sms(), at, "sms");
                checks.text(r.url(), "url", SafeUrl.MAX_LENGTH, false);
                String url = SectionChecks.clean(r.url());
                if (url == null || url.length() <= SafeUrl.MAX_LENGTH) checks.url(url, at + "url");
                checks.shownLines(r.text(), at + "text", "text", MAX_TEXT, false);
            }
        });
        return checks.problems();
    }

    /** A phone or text number, as {@link Referral#isPhone} allows, its problem attached to its field. */
    private static void number(SectionChecks checks, String value, String at, String field) {
        checks.text(value, field, MAX_PHONE, false);
        String number = SectionChecks.clean(value);
        if (number != null && number.length() <= MAX_PHONE && !Referral.isPhone(number)) checks.at(at + field, "error.field.phone");
    }

    @Override
    public ProgramSettings applyTo(ProgramSettings current) {
        Map<String, List<Referral>> out = new TreeMap<>();
        SectionChecks.inLanguageOrder(referrals).forEach((lang, entries) -> out.put(lang, (entries == null ? List.<Entry>of() : entries)
                .stream().map(r -> new Referral(SectionChecks.clean(r.name()), SectionChecks.clean(r.phone()),
                        SectionChecks.clean(r.sms()), SectionChecks.clean(r.text()), SectionChecks.clean(r.url()))).toList()));
        return current.withReferrals(out);
    }
}
