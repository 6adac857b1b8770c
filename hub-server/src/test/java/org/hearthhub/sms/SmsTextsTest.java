package org.hearthhub.sms;

import org.hearthhub.model.EndReason;
import org.hearthhub.model.Referral;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmsTextsTest {

    private static Properties bundle(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = SmsTextsTest.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everySmsTextExistsInEnglishAndSpanish() throws Exception {
        Properties en = bundle("hub.properties");
        Properties es = bundle("hub_es.properties");
        List<String> smsKeys = en.stringPropertyNames().stream().filter(k -> k.startsWith("sms.")).sorted().toList();
        assertTrue(smsKeys.size() >= 15, smsKeys.toString());
        for (String key : smsKeys) assertTrue(es.containsKey(key), "missing in Spanish: " + key);
        assertEquals(smsKeys, es.stringPropertyNames().stream().filter(k -> k.startsWith("sms.")).sorted().toList());
    }

    @Test
    void textsAreFilledInBothLanguages() {
        for (String lang : List.of("en", "es")) {
            String queued = SmsTexts.queued(lang, 3);
            assertTrue(queued.contains("3"), queued);
            assertFalse(queued.contains("{0}") || queued.contains("sms."), queued);
            assertTrue(SmsTexts.assigned(lang, "Ana").contains("Ana"));
            assertTrue(SmsTexts.transferred(lang, "Ana").contains("Ana"));
            assertTrue(SmsTexts.help(lang).contains("STOP"));
        }
        assertTrue(SmsTexts.queued("es", 1).startsWith("Gracias"));
    }

    @Test
    void aFirstReplyLeavingAfterTheChatWasTakenHasNoPlaceInLineButKeepsTheRest() {
        for (String lang : List.of("en", "es")) {
            assertEquals(SmsTexts.queued(lang, 2), SmsTexts.firstReply(lang, 2, false));
            String taken = SmsTexts.firstReply(lang, null, true);
            assertFalse(taken.contains("in line") || taken.contains("en la fila"), taken);
            assertTrue(taken.startsWith(SmsTexts.queued(lang, 1).split("\n\n")[1]), "the privacy note: " + taken);
            assertTrue(taken.endsWith(SmsTexts.media(lang)), taken);
        }
    }

    @Test
    void aMovedChatAlreadyTakenIsToldTheAgencyWithoutAPlaceInLine() {
        for (String lang : List.of("en", "es")) {
            String waiting = SmsTexts.referralMoved(lang, "Riverside Shelter", 4);
            assertTrue(waiting.contains("Riverside Shelter") && waiting.contains("4"), waiting);
            assertTrue(waiting.contains("in line") || waiting.contains("en la fila"), waiting);
            String taken = SmsTexts.referralMoved(lang, "Riverside Shelter", null);
            assertTrue(taken.contains("Riverside Shelter"), taken);
            assertFalse(taken.contains("in line") || taken.contains("en la fila") || taken.contains("{"), taken);
        }
        assertTrue(SmsTexts.referralMoved("es", "Riverside Shelter", null).startsWith("Ahora está en contacto con Riverside Shelter"));
    }

    @Test
    void aFailedMoveNamesTheAgencyAndSaysTheTexterStaysInBothLanguages() {
        assertEquals("We could not connect you with Riverside Shelter. You are still in this conversation here: keep texting this number.",
                SmsTexts.referralFailed("en", "Riverside Shelter"));
        assertEquals("No pudimos conectarle con Riverside Shelter. Sigue en esta conversación aquí: siga escribiendo a este número.",
                SmsTexts.referralFailed("es", "Riverside Shelter"));
    }

    @Test
    void spanishKeywordConfirmationsNameTheSpanishKeywords() {
        assertTrue(SmsTexts.optedOut("es").contains("COMENZAR"), SmsTexts.optedOut("es"));
        assertTrue(SmsTexts.optedIn("es").contains("PARAR") && SmsTexts.optedIn("es").contains("AYUDA"), SmsTexts.optedIn("es"));
        assertTrue(SmsTexts.optedOut("en").contains("START"));
    }

    @Test
    void closedReplyListsReferralsAndWorksWithoutAny() {
        String text = SmsTexts.closed("en", List.of(new Referral("Hotline", "1-800-799-7233", "Any time.", "https://example.org"),
                new Referral("Shelter", null, null, null)));
        assertTrue(text.contains("• Hotline: 1-800-799-7233 — Any time. https://example.org"), text);
        assertTrue(text.contains("• Shelter\n") || text.contains("• Shelter"), text);
        assertTrue(SmsTexts.closed("en", List.of()).contains("call 911"));
    }

    @Test
    void onlyAdvocateAndTimeoutEndsAreTexted() {
        assertTrue(SmsTexts.ended("en", EndReason.ADVOCATE).contains("ended"));
        assertTrue(SmsTexts.ended("es", EndReason.TIMEOUT).contains("inactiva"));
        for (EndReason silent : List.of(EndReason.SURVIVOR, EndReason.SAFETY_EXIT, EndReason.BLOCKED, EndReason.QUICK_EXIT)) {
            assertNull(SmsTexts.ended("en", silent), silent.name());
        }
    }
}
