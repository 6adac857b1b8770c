package org.hearthhub.sms;

import org.hearthhub.i18n.Languages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Guesses the language of a first text, so the first reply can be in the texter's language.
 * Deliberately simple: a keyword is in its own language (AYUDA and ESPAÑOL are Spanish, HELP is
 * English); otherwise letters only one language uses (Spanish ¿ ¡ ñ) count double, then each
 * language's common short words are counted ({@code sms.guess.*} in its hub bundle). The language with
 * the most wins; ties and unknowns stay English, the program's default. A texter can always switch
 * with ESPAÑOL or ENGLISH.
 */
final class LanguageGuess {
    private static final Map<String, Clues> CLUES = clues();

    private record Clues(Set<String> words, String letters) {
        int score(String lower, String[] words) {
            int score = letters.codePoints().anyMatch(c -> lower.indexOf(c) >= 0) ? 2 : 0;
            for (String word : words) if (this.words.contains(word)) score++;
            return score;
        }
    }

    private LanguageGuess() {
    }

    /** One of {@link Languages#codes()}. */
    static String of(String text) {
        if (text == null || text.isBlank()) return Languages.DEFAULT;
        SmsKeyword.Match keyword = SmsKeyword.match(text);
        if (keyword.lang() != null) return keyword.lang();
        String lower = text.toLowerCase(Locale.ROOT);
        String[] words = lower.split("[^\\p{L}\\p{M}']+");
        String best = Languages.DEFAULT;
        int bestScore = CLUES.get(Languages.DEFAULT).score(lower, words);
        boolean tie = false;
        for (Map.Entry<String, Clues> e : CLUES.entrySet()) {
            if (e.getKey().equals(Languages.DEFAULT)) continue;
            int score = e.getValue().score(lower, words);
            if (score > bestScore) {
                best = e.getKey();
                bestScore = score;
                tie = false;
            } else if (score == bestScore && !best.equals(Languages.DEFAULT)) {
                tie = true;
            }
        }
        return tie ? Languages.DEFAULT : best;
    }

    private static Map<String, Clues> clues() {
        Map<String, Clues> clues = new LinkedHashMap<>();
        for (String lang : Languages.codes()) {
            String words = Languages.ownText(lang, "sms.guess.words");
            String letters = Languages.ownText(lang, "sms.guess.letters");
            clues.put(lang, new Clues(words == null || words.isBlank() ? Set.of()
                    : Set.copyOf(Arrays.asList(words.strip().toLowerCase(Locale.ROOT).split("\\s+"))),
                    letters == null ? "" : letters.strip().toLowerCase(Locale.ROOT)));
        }
        return Map.copyOf(clues);
    }
}
