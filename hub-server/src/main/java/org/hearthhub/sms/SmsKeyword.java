package org.hearthhub.sms;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-message keywords. Carriers and Twilio treat a text that is exactly one of the opt-out words as
 * "stop texting me", so the hub does too; everything else is an ordinary message. Case, accents and
 * surrounding spaces or punctuation do not matter ("¡Párar!" is PARAR); any other word does
 * ("no quiero parar de hablar" is a message).
 */
enum SmsKeyword {
    /** Ends the conversation; nothing more is sent until START. */
    STOP,
    /** Lifts a STOP. */
    START,
    /** Gets the help text; on a crisis line it is also a plea, so it goes on to the queue as well. */
    HELP,
    SPANISH,
    ENGLISH,
    NONE;

    /**
     * Every keyword in every language: the one place to add a word (folded: upper case, no accents).
     * English: Twilio's default opt-out, opt-in and help words, which Twilio also answers itself.
     * Spanish: the usual opt-out, opt-in and help words. Twilio knows none of them unless a messaging
     * service's Advanced Opt-Out adds them, so the hub confirms them itself (see docs/sms.md).
     * Left out on purpose: ALTO, BAJA and ALTA, which some lists carry, are everyday one-word answers
     * ("¿riesgo alto o bajo?" → "Alto"), and an opt-out ends the conversation of someone in crisis;
     * likewise neither YES nor SÍ is an opt-in word.
     */
    private static final List<Words> TABLE = List.of(
            new Words(STOP, "en", "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"),
            new Words(STOP, "es", "PARAR", "DETENER", "CANCELAR"),
            new Words(START, "en", "START", "UNSTOP"),
            new Words(START, "es", "COMENZAR", "INICIAR"),
            new Words(HELP, "en", "HELP", "INFO"),
            new Words(HELP, "es", "AYUDA"),
            new Words(SPANISH, "es", "ESPANOL"),
            new Words(ENGLISH, "en", "ENGLISH", "INGLES"));
    private static final Map<String, Match> BY_WORD = index(TABLE);

    /** One row of the table: words of one language that mean one keyword. */
    private record Words(SmsKeyword keyword, String lang, String... words) {
    }

    /**
     * A text read as a keyword, with the language of its word (for ESPAÑOL and ENGLISH, the language
     * asked for; null for {@link #NONE}).
     */
    record Match(SmsKeyword keyword, String lang) {
        static final Match NOTHING = new Match(NONE, null);

        /** Twilio's default keyword handling knows only the English words, and confirms an English opt-out or opt-in itself. */
        boolean confirmedByTwilio() {
            return "en".equals(lang);
        }

        /**
         * The language of the reply: a Spanish word is answered in Spanish. The English words are the
         * carriers' own, which the Spanish texts also tell texters to send, so they are answered in the
         * texter's language.
         */
        String replyLang(String texterLang) {
            return lang == null || lang.equals("en") ? texterLang : lang;
        }
    }

    static SmsKeyword of(String body) {
        return match(body).keyword();
    }

    static Match match(String body) {
        if (body == null) return Match.NOTHING;
        String word = fold(body).replaceAll("[\\s.!¡?¿]+$", "").replaceAll("^[\\s¡¿]+", "");
        return BY_WORD.getOrDefault(word, Match.NOTHING);
    }

    /** Upper case without accents: "Español" → "ESPANOL". */
    static String fold(String s) {
        String decomposed = Normalizer.normalize(s.trim(), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toUpperCase(Locale.ROOT);
    }

    private static Map<String, Match> index(List<Words> table) {
        Map<String, Match> byWord = new HashMap<>();
        for (Words row : table) {
            for (String word : row.words()) {
                if (byWord.put(fold(word), new Match(row.keyword(), row.lang())) != null) {
                    throw new IllegalStateException("SMS keyword listed twice: " + word);
                }
            }
        }
        return Map.copyOf(byWord);
    }
}
