package org.hearthhub.console;

import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.SafeguardingBasis;
import org.hearthhub.sharing.SharingRegister;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The lawful bases, besides consent, on which the lead allows sharing with a partner
 * ({@code /api/v1/lead/safeguarding}). Names are unique and "consent" is the register's own word.
 */
record SafeguardingSection(List<Basis> bases) implements SettingsSection {
    static final int MAX_BASES = 20;
    static final SectionForm<SafeguardingSection> FORM = new SectionForm<>("safeguarding", SafeguardingSection.class,
            "error.safeguarding", (s, config) -> of(s));

    record Basis(String name, String description) {
    }

    static SafeguardingSection of(ProgramSettings s) {
        return new SafeguardingSection(s.safeguardingBases().stream().map(b -> new Basis(b.name(), b.description())).toList());
    }

    @Override
    public List<SectionProblem> validate() {
        SectionChecks checks = new SectionChecks("error.safeguarding");
        Set<String> names = new HashSet<>();
        List<Basis> list = checks.list(bases, "bases", MAX_BASES);
        for (int i = 0; i < list.size(); i++) {
            Basis b = list.get(i);
            if (!checks.entry(b)) continue;
            checks.shownLine(b.name(), "bases." + i + ".name", "name", MAX_TITLE, true);
            checks.shownLines(b.description(), "bases." + i + ".description", "description", MAX_TEXT, false);
            String name = SectionChecks.clean(b.name());
            if (name == null) continue;
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals(SharingRegister.CONSENT)) checks.at("bases." + i + ".name", "error.safeguarding.consent");
            else if (!names.add(key)) checks.at("bases." + i + ".name", "error.safeguarding.duplicate");
        }
        return checks.problems();
    }

    @Override
    public ProgramSettings applyTo(ProgramSettings current) {
        return current.withSafeguardingBases((bases == null ? List.<Basis>of() : bases).stream()
                .map(b -> new SafeguardingBasis(SectionChecks.clean(b.name()), SectionChecks.clean(b.description()))).toList());
    }
}
