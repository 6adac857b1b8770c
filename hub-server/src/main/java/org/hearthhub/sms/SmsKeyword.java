package org.hearthhub.sms;

import org.hearthhub.i18n.Languages;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Whole-message keywords. Carriers and Twilio treat a text that is exactly one of the opt-out words as
 * "stop texting me", so the hub does too; everything else is an ordinary message. Case, accents and
 * surrounding spaces or punctuation do not matter ("¡Párar!" is PARAR); any other word does
 * ("no quiero parar de hablar" is a message).
 */
enum SmsKeyword {
    /** Ends the conversation; nothing more is sent until START. */
    STOP("sms.words.stop"),
    /** Lifts a STOP. */
    START("sms.words.start"),
    /** Gets the help text; on a crisis line it is also a plea, so it goes on to the queue as well. */
    HELP("sms.words.help"),
    /** Switches the conversation into the word's language (ESPAÑOL, ENGLISH). */
    LANGUAGE("sms.words.language"),
    /** Answers to a warm referral offer (docs/sms.md): only while one waits in the chat; otherwise ordinary words. */
    REFERRAL_GO("sms.words.referral_go"),
    REFERRAL_SHARE("sms.words.referral_share"),
    REFERRAL_STAY("sms.words.referral_stay"),
    NONE(null);

    private static final Logger LOG = Logger.getLogger(SmsKeyword.class.getName());
    /** Every keyword in every language, from each language's hub bundle (i18n/hub_xx.properties). */
    private static final Map<String, Match> BY_WORD = index();

    private final String bundleKey;

    SmsKeyword(String bundleKey) {
        this.bundleKey = bundleKey;
    }

    /**
     * A text read as a keyword, with the language of its word (for {@link #LANGUAGE}, the language asked
     * for; null for {@link #NONE}).
     */
    record Match(SmsKeyword keyword, String lang) {
        static final Match NOTHING = new Match(NONE, null);

        /** Twilio's default keyword handling knows only the default (English) words, and confirms an opt-out or opt-in in them itself. */
        boolean confirmedByTwilio() {
            return Languages.DEFAULT.equals(lang);
        }

        /**
         * The language of the reply: a Spanish word is answered in Spanish. The English words are the
         * carriers' own, which the other languages' texts also tell texters to send, so they are answered
         * in the texter's language.
         */
        String replyLang(String texterLang) {
            return lang == null || lang.equals(Languages.DEFAULT) ? texterLang : lang;
        }
    }

    boolean answersReferral() {
        return this == REFERRAL_GO || this == REFERRAL_SHARE || this == REFERRAL_STAY;
    }

    static SmsKeyword of(String body) {
        return match(body).keyword();
    }

    static Match match(String body) {
        if (body == null) return Match.NOTHING;
        String word = fold(body).replaceAll("[\\s.!¡?¿؟]+$", "").replaceAll("^[\\s¡¿]+", "");
        return BY_WORD.getOrDefault(word, Match.NOTHING);
    }

    /** Upper case without accents: "Español" → "ESPANOL". */
    static String fold(String s) {
        String decomposed = Normalizer.normalize(s.trim(), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toUpperCase(Locale.ROOT);
    }

    private static Map<String, Match> index() {
        Map<String, Match> byWord = new HashMap<>();
        for (String lang : Languages.codes()) {
            for (SmsKeyword keyword : values()) {
                if (keyword.bundleKey == null) continue;
                String words = Languages.ownText(lang, keyword.bundleKey);
                if (words == null || words.isBlank()) continue;
                for (String word : words.strip().split("\\s+")) {
                    // Bundles may come from an operator: a clash must not take texting down. The first listed keeps it.
                    Match before = byWord.putIfAbsent(fold(word), new Match(keyword, lang));
                    if (before != null) {
                        LOG.warning("SMS keyword " + word + " of language " + lang + " is already a keyword of " + before.lang() + "; ignored");
                    }
                }
            }
        }
        return Map.copyOf(byWord);
    }
}
