package org.hearthhub.settings;

import org.hearthhub.i18n.Languages;

import java.util.List;
import org.hearthhub.model.Referral;

/** The referrals for a language, falling back to the default language's list. */
public final class ReferralsFor {
    private ReferralsFor() {
    }

    public static List<Referral> lang(ProgramSettings settings, String lang) {
        List<Referral> list = settings.referrals().get(Languages.normalize(lang));
        if (list == null || list.isEmpty()) list = settings.referrals().getOrDefault(Languages.DEFAULT, List.of());
        return list;
    }
}
