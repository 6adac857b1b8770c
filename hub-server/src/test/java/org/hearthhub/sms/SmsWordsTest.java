package org.hearthhub.sms;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keywords and the first-text language guess. */
class SmsWordsTest {

    @Test
    void carrierOptOutWordsAreStopWhateverTheirCase() {
        for (String w : new String[]{"STOP", "stop", " Stop ", "STOPALL", "unsubscribe", "Cancel", "END", "quit", "stop."}) {
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
        assertEquals(SmsKeyword.SPANISH, SmsKeyword.of("ESPAÑOL"));
        assertEquals(SmsKeyword.SPANISH, SmsKeyword.of("espanol"));
        assertEquals(SmsKeyword.ENGLISH, SmsKeyword.of("Inglés"));
    }

    @Test
    void spanishFirstTextsAreRecognised() {
        assertEquals("es", LanguageGuess.of("Hola"));
        assertEquals("es", LanguageGuess.of("Hola, necesito ayuda por favor"));
        assertEquals("es", LanguageGuess.of("¿Hay alguien?"));
        assertEquals("es", LanguageGuess.of("tengo miedo de mi esposo"));
        assertEquals("es", LanguageGuess.of("ESPAÑOL"));
    }

    @Test
    void englishAndUnknownTextsStayEnglish() {
        assertEquals("en", LanguageGuess.of("I need to talk to someone"));
        assertEquals("en", LanguageGuess.of("hello"));
        assertEquals("en", LanguageGuess.of("ok"));
        assertEquals("en", LanguageGuess.of("12345"));
        assertEquals("en", LanguageGuess.of(""));
    }
}
