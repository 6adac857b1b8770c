package org.hearthhub.sms;

import java.util.Locale;
import java.util.Set;

/**
 * Guesses whether a first text is Spanish, so the first reply can be in the texter's language.
 * Deliberately simple: a keyword is in its own language (AYUDA and ESPAÑOL are Spanish, HELP is
 * English); otherwise Spanish-only punctuation or letters (¿ ¡ ñ) count double, then common short
 * Spanish words are weighed against common English ones. Ties and unknowns stay English, the
 * program's default; a texter can always switch with ESPAÑOL or ENGLISH.
 */
final class LanguageGuess {
    private static final Set<String> SPANISH = Set.of(
            "hola", "ayuda", "ayudame", "necesito", "estoy", "esta", "por", "favor", "gracias", "quiero", "tengo",
            "miedo", "mi", "me", "esposo", "esposa", "pareja", "novio", "novia", "que", "qué", "puedo", "pueden",
            "hablar", "alguien", "buenas", "buenos", "dias", "días", "tardes", "noches", "soy", "mis", "hijos", "casa",
            "peligro", "golpea", "pega", "abuso", "violencia", "con", "para", "una", "un", "el", "la", "los", "las",
            "y", "es", "usted", "hay", "donde", "dónde", "como", "cómo", "señora", "señor", "sí", "si", "español");
    private static final Set<String> ENGLISH = Set.of(
            "hello", "hi", "hey", "help", "need", "i", "i'm", "im", "am", "is", "the", "a", "an", "my", "me", "please",
            "thanks", "thank", "you", "want", "talk", "someone", "scared", "afraid", "husband", "wife", "partner",
            "boyfriend", "girlfriend", "can", "to", "and", "with", "for", "what", "how", "where", "there", "anyone",
            "kids", "home", "danger", "hurt", "hits", "abuse", "yes", "it", "of", "in", "he", "she");

    private LanguageGuess() {
    }

    /** "es" or "en". */
    static String of(String text) {
        if (text == null || text.isBlank()) return "en";
        SmsKeyword.Match keyword = SmsKeyword.match(text);
        if (keyword.lang() != null) return keyword.lang();
        String lower = text.toLowerCase(Locale.ROOT);
        int spanish = 0;
        int english = 0;
        if (lower.indexOf('¿') >= 0 || lower.indexOf('¡') >= 0 || lower.indexOf('ñ') >= 0) spanish += 2;
        for (String word : lower.split("[^\\p{L}']+")) {
            if (word.isEmpty()) continue;
            if (SPANISH.contains(word)) spanish++;
            if (ENGLISH.contains(word)) english++;
        }
        return spanish > english ? "es" : "en";
    }
}
