package org.hearthhub.settings;

import org.hearthhub.i18n.Languages;

import java.util.List;
import org.hearthhub.model.Referral;

/** The referrals for a language, falling back to the default language's list. */
public final class ReferralsFor {
    private ReferralsFor() {
    }

    public static List<Referral> lang(ProgramSettings settings, String lang) {
        return settings.referrals().getOrDefault(language(settings, lang), List.of());
    }

    /** Whose list {@link #lang} gives: the language's own, or the default language's when it has none. */
    public static String language(ProgramSettings settings, String lang) {
        String code = Languages.normalize(lang);
        List<Referral> own = settings.referrals().get(code);
        return own == null || own.isEmpty() ? Languages.DEFAULT : code;
    }
}
