package org.hearthhub.sms;

import org.hearthhub.chat.ReferralText;
import org.hearthhub.i18n.Messages;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Referral;

import java.util.List;

/** What the hub texts to a texter, in their language, from the i18n bundles. */
final class SmsTexts {
    private static final String BREAK = "\n\n";

    private SmsTexts() {
    }

    /** The first reply of a conversation: the place in line, then how to keep the texts private. */
    static String queued(String lang, int position) {
        return Messages.text(lang, "sms.queued", position) + BREAK + Messages.text(lang, "sms.privacy");
    }

    /**
     * The first reply as it leaves ({@link SmsRelay#firstReply}): without the place in line once an advocate has taken
     * the chat (position null), as their greeting may have gone first; the note on pictures if the text had one.
     */
    static String firstReply(String lang, Integer position, boolean media) {
        String text = position == null ? Messages.text(lang, "sms.privacy") : queued(lang, position);
        return media ? text + BREAK + media(lang) : text;
    }

    static String assigned(String lang, String advocateName) {
        return Messages.text(lang, "sms.assigned", advocateName);
    }

    static String transferred(String lang, String advocateName) {
        return Messages.text(lang, "system.transferred", advocateName);
    }

    /** Null when nothing should be sent for this reason (see {@link SmsRelay}). */
    static String ended(String lang, EndReason reason) {
        return switch (reason) {
            case ADVOCATE -> Messages.text(lang, "sms.ended.advocate");
            case TIMEOUT -> Messages.text(lang, "sms.ended.timeout");
            default -> null;
        };
    }

    /** The after-hours reply: it is also a first reply, so it carries the privacy note. */
    static String closed(String lang, List<Referral> referrals) {
        String head = referrals.isEmpty() ? Messages.text(lang, "sms.closed.none") : Messages.text(lang, "sms.closed");
        return head + referralLines(referrals, lang) + BREAK + Messages.text(lang, "sms.privacy");
    }

    static String queueFull(String lang, List<Referral> referrals) {
        return Messages.text(lang, "error.queue_full") + referralLines(referrals, lang);
    }

    static String help(String lang) {
        return Messages.text(lang, "sms.help");
    }

    static String media(String lang) {
        return Messages.text(lang, "sms.media");
    }

    static String rateLimited(String lang) {
        return Messages.text(lang, "error.rate_limited");
    }

    static String languageSwitched(String lang) {
        return Messages.text(lang, "sms.lang");
    }

    /** A warm referral offer: a closed or unstaffed partner told first, then the agency, why, and the keywords. */
    static String referralOffer(String lang, String agency, String reason, boolean open, boolean staffed) {
        String notice = !open ? Messages.text(lang, "sms.referral.closed", agency)
                : !staffed ? Messages.text(lang, "sms.referral.unstaffed", agency) : null;
        String ask = Messages.text(lang, "sms.referral.offer", agency, reason);
        return notice == null ? ask : notice + BREAK + ask;
    }

    static String referralGone(String lang) {
        return Messages.text(lang, "sms.referral.gone");
    }

    /** After a move ({@link SmsRelay#referralMoved}): the place in line there, or (position null, taken) only the agency. */
    static String referralMoved(String lang, String agency, Integer position) {
        return position == null ? Messages.text(lang, "sms.referral.connected", agency)
                : Messages.text(lang, "sms.referral.moved", agency, position);
    }

    /** A consented move that failed ({@link SmsRelay#referralFailed}): not connected with the agency, still here. */
    static String referralFailed(String lang, String agency) {
        return Messages.text(lang, "sms.referral.failed", agency);
    }

    /** The confirmation of an opt-out keyword Twilio does not answer itself (PARAR…). */
    static String optedOut(String lang) {
        return Messages.text(lang, "sms.optout");
    }

    /** The confirmation of an opt-in keyword Twilio does not answer itself (COMENZAR…). */
    static String optedIn(String lang) {
        return Messages.text(lang, "sms.optin");
    }

    private static String referralLines(List<Referral> referrals, String lang) {
        StringBuilder out = new StringBuilder();
        for (Referral r : referrals) out.append("\n• ").append(ReferralText.line(r, lang));
        return out.toString();
    }
}
