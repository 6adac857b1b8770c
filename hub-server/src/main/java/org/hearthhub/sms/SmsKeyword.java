package org.hearthhub.sms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Whole-message keywords. Carriers and Twilio treat a text that is exactly one of the opt-out words as
 * "stop texting me", so the hub does too; everything else is an ordinary message.
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

    // Twilio's default opt-out, opt-in and help keywords (see docs/sms.md).
    private static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    private static final Set<String> START_WORDS = Set.of("START", "UNSTOP");
    private static final Set<String> HELP_WORDS = Set.of("HELP", "INFO", "AYUDA");

    static SmsKeyword of(String body) {
        if (body == null) return NONE;
        String word = fold(body).replaceAll("[\\s.!¡?¿]+$", "").replaceAll("^[\\s¡¿]+", "");
        if (STOP_WORDS.contains(word)) return STOP;
        if (START_WORDS.contains(word)) return START;
        if (HELP_WORDS.contains(word)) return HELP;
        if (word.equals("ESPANOL")) return SPANISH;
        if (word.equals("ENGLISH") || word.equals("INGLES")) return ENGLISH;
        return NONE;
    }

    /** Upper case without accents: "Español" → "ESPANOL". */
    static String fold(String s) {
        String decomposed = Normalizer.normalize(s.trim(), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toUpperCase(Locale.ROOT);
    }
}
