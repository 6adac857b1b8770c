package org.hearthhub.chat;

import org.hearthhub.i18n.Messages;
import org.hearthhub.model.Referral;

import java.util.List;
import java.util.stream.Collectors;

/** Referrals as plain text, one line each: what SMS carries, and what a client that shows no referral items shows. */
public final class ReferralText {
    private ReferralText() {
    }

    /** "Name: 1-800-799-7233 (text 88788) — description https://…", in the conversation's language. */
    public static String line(Referral r, String lang) {
        StringBuilder out = new StringBuilder(r.name());
        if (present(r.phone())) out.append(": ").append(r.phone());
        if (present(r.sms())) out.append(' ').append(Messages.text(lang, "referral.sms", r.sms()));
        if (present(r.text())) out.append(" — ").append(r.text());
        if (present(r.url())) out.append(' ').append(r.url());
        return out.toString();
    }

    public static String lines(List<Referral> referrals, String lang) {
        return referrals.stream().map(r -> line(r, lang)).collect(Collectors.joining("\n"));
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
