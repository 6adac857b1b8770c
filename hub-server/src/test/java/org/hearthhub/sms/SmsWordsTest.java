package org.hearthhub.sms;

import org.hearthhub.i18n.Languages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keywords and the first-text language guess. */
class SmsWordsTest {

    @Test
    void carrierOptOutWordsAreStopWhateverTheirCase() {
        for (String w : new String[]{"STOP", "stop", " Stop ", "STOPALL", "unsubscribe", "Cancel", "END", "quit", "stop.", "REVOKE", "OptOut"}) {
            assertEquals(SmsKeyword.STOP, SmsKeyword.of(w), w);
        }
    }

    @Test
    void aSentenceContainingAKeywordIsAnOrdinaryMessage() {
        assertEquals(SmsKeyword.NONE, SmsKeyword.of("please don't stop texting me"));
        assertEquals(SmsKeyword.NONE, SmsKeyword.of("I need help"));
        assertEquals(SmsKeyword.NONE, SmsKeyword.of(""));
        assertEquals(SmsKeyword.NONE, SmsKeyword.of(null));
    }

    @Test
    void startHelpAndLanguageWords() {
        assertEquals(SmsKeyword.START, SmsKeyword.of("start"));
        assertEquals(SmsKeyword.START, SmsKeyword.of("UNSTOP"));
        assertEquals(SmsKeyword.HELP, SmsKeyword.of("Help!"));
        assertEquals(SmsKeyword.HELP, SmsKeyword.of("¡Ayuda!"));
        assertEquals(new SmsKeyword.Match(SmsKeyword.LANGUAGE, "es"), SmsKeyword.match("ESPAÑOL"));
        assertEquals(new SmsKeyword.Match(SmsKeyword.LANGUAGE, "es"), SmsKeyword.match("espanol"));
        assertEquals(new SmsKeyword.Match(SmsKeyword.LANGUAGE, "en"), SmsKeyword.match("Inglés"));
        assertEquals(new SmsKeyword.Match(SmsKeyword.LANGUAGE, "en"), SmsKeyword.match("English"));
    }

    @Test
    void spanishKeywordsWhateverTheirCaseAccentsOrPunctuation() {
        for (String w : new String[]{"PARAR", "parar", " Parar ", "Párar", "¡PARAR!", "detener", "Detener.", "CANCELAR", "cancelár",
                "¡Cancelar!"}) {
            assertEquals(new SmsKeyword.Match(SmsKeyword.STOP, "es"), SmsKeyword.match(w), w);
        }
        for (String w : new String[]{"AYUDA", "ayuda", "AYÚDA", "¿Ayuda?", "ayuda."}) {
            assertEquals(new SmsKeyword.Match(SmsKeyword.HELP, "es"), SmsKeyword.match(w), w);
        }
        for (String w : new String[]{"COMENZAR", "Comenzar", "iniciar", "Iniciár", "¡Comenzar!"}) {
            assertEquals(new SmsKeyword.Match(SmsKeyword.START, "es"), SmsKeyword.match(w), w);
        }
    }

    @Test
    void englishKeywordsAreEnglishAndTwilioConfirmsOnlyThose() {
        for (String w : new String[]{"STOP", "OPTOUT", "revoke", "START", "HELP", "info"}) {
            assertEquals("en", SmsKeyword.match(w).lang(), w);
            assertTrue(SmsKeyword.match(w).confirmedByTwilio(), w);
        }
        assertFalse(SmsKeyword.match("PARAR").confirmedByTwilio());
        assertFalse(SmsKeyword.match("COMENZAR").confirmedByTwilio());
        assertEquals(SmsKeyword.Match.NOTHING, SmsKeyword.match("hola"));
    }

    @Test
    void everyWordOfEveryBundleIsItsLanguagesKeyword() {
        for (String lang : Languages.codes()) {
            for (SmsKeyword keyword : List.of(SmsKeyword.STOP, SmsKeyword.START, SmsKeyword.HELP, SmsKeyword.LANGUAGE)) {
                String words = Languages.ownText(lang, "sms.words." + keyword.name().toLowerCase(Locale.ROOT));
                assertNotNull(words, lang + " " + keyword);
                for (String w : words.strip().split("\\s+")) assertEquals(new SmsKeyword.Match(keyword, lang), SmsKeyword.match(w), w);
            }
        }
    }

    @Test
    void aSpanishWordIsAnsweredInSpanishAndACarrierWordInTheTextersLanguage() {
        assertEquals("es", SmsKeyword.match("AYUDA").replyLang("en"));
        assertEquals("es", SmsKeyword.match("HELP").replyLang("es"));
        assertEquals("en", SmsKeyword.match("HELP").replyLang("en"));
    }

    @Test
    void aSpanishSentenceContainingAKeywordIsAnOrdinaryMessage() {
        for (String w : new String[]{"no quiero parar de hablar", "parar ya", "alto ahí", "necesito ayuda", "ayuda por favor",
                "me dieron de alta", "quiero darme de baja", "para", "altos", "bajar", "ayudame",
                "Alto", "¡ALTO!", "baja", "Alta"}) {
            assertEquals(SmsKeyword.NONE, SmsKeyword.of(w), w);
        }
    }

    @Test
    void spanishFirstTextsAreRecognised() {
        assertEquals("es", LanguageGuess.of("Hola"));
        assertEquals("es", LanguageGuess.of("Hola, necesito ayuda por favor"));
        assertEquals("es", LanguageGuess.of("¿Hay alguien?"));
        assertEquals("es", LanguageGuess.of("tengo miedo de mi esposo"));
        assertEquals("es", LanguageGuess.of("ESPAÑOL"));
        assertEquals("es", LanguageGuess.of("AYÚDA"), "a keyword is in its own language, accents or not");
        assertEquals("es", LanguageGuess.of("Ayuda"));
    }

    @Test
    void englishAndUnknownTextsStayEnglish() {
        assertEquals("en", LanguageGuess.of("I need to talk to someone"));
        assertEquals("en", LanguageGuess.of("hello"));
        assertEquals("en", LanguageGuess.of("ok"));
        assertEquals("en", LanguageGuess.of("12345"));
        assertEquals("en", LanguageGuess.of(""));
        assertEquals("en", LanguageGuess.of("INFO"));
        assertEquals("en", LanguageGuess.of("Inglés"));
    }
}
