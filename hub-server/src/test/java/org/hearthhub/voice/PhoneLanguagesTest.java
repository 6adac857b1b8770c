package org.hearthhub.voice;

import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import org.hearthhub.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which languages the hotline offers, from bundle entries alone: the menu's keys, what a caller's choice means, and the fallbacks. */
class PhoneLanguagesTest {
    /** Each language's own bundle entries, in list order (the default first). */
    private final Map<String, Map<String, String>> bundles = new LinkedHashMap<>();

    private void bundle(String code, String... keysAndValues) {
        Map<String, String> own = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) own.put(keysAndValues[i], keysAndValues[i + 1]);
        bundles.put(code, own);
    }

    /** A bundle with everything the phone needs. */
    private void spoken(String code, String sayLanguage, String words) {
        bundle(code, "language.name", code.toUpperCase(), "voice.say_language", sayLanguage, "voice.choose.words", words,
                "voice.welcome", "welcome " + code, "voice.choose", "choose " + code + " {0}");
    }

    private PhoneLanguages phone() {
        return new PhoneLanguages(List.copyOf(bundles.keySet()), (code, key) -> bundles.getOrDefault(code, Map.of()).get(key));
    }

    private static List<String> codes(PhoneLanguages phone) {
        return phone.menu().stream().map(PhoneLanguages.Offered::code).toList();
    }

    @Test
    void theShippedBundlesOfferEnglishOnOneAndSpanishOnTwoAsBefore() {
        PhoneLanguages hub = PhoneLanguages.HUB;
        assertEquals(List.of(new PhoneLanguages.Offered("en", 1, Say.Language.EN_US, List.of("English", "inglés")),
                new PhoneLanguages.Offered("es", 2, Say.Language.ES_MX, List.of("Spanish", "español"))), hub.menu());
        assertEquals("English, inglés, Spanish, español", hub.hints());
        assertEquals(Gather.Language.EN_US, hub.recognition().orElseThrow());
        assertEquals("Spanish", hub.name("es", "en"));
        assertEquals("inglés", hub.name("en", "es"));
    }

    @Test
    void everyLanguageWithAVoiceTakesTheNextKeyInListOrderAndTheRestAreLeftOutWithAReason() {
        spoken("en", "en-US", "English");
        bundle("ar", "language.name", "العربية", "voice.welcome", "w", "voice.choose", "c {0}"); // no voice.say_language
        spoken("es", "es-MX", "Spanish, español");
        spoken("hmn", "hmn-US", "Hmong"); // not a language Twilio's <Say> knows
        bundle("so", "voice.say_language", "so-SO");
        bundle("vi", "language.name", "Tiếng Việt", "voice.say_language", " vi-vn ", "voice.welcome", "w", "voice.choose", "c {0}");
        bundle("zh", "voice.say_language", "zh-CN", "voice.choose", "c {0}"); // no welcome
        PhoneLanguages phone;
        try (LogCapture logs = LogCapture.install()) {
            phone = phone();
            String log = logs.all();
            assertTrue(log.contains("language ar is not offered on the phone: its hub bundle has no voice.say_language"), log);
            assertTrue(log.contains("language hmn is not offered on the phone: voice.say_language 'hmn-US' is not one Twilio"), log);
            assertTrue(log.contains("language zh is not offered on the phone: its hub bundle has no voice.welcome"), log);
        }
        assertEquals(List.of("en", "es", "vi"), codes(phone));
        assertEquals(List.of(1, 2, 3), phone.menu().stream().map(PhoneLanguages.Offered::digit).toList(), "no gaps on the keypad");
        assertEquals(Say.Language.VI_VN, phone.say("vi"), "the tag is read in any case, without spaces around it");
        assertEquals(List.of("Tiếng Việt"), phone.menu().get(2).words(), "without words of its own, its name chooses it");
        assertEquals("English, Spanish, español, Tiếng Việt", phone.hints());
        assertEquals(Say.Language.EN_US, phone.say("ar"), "a language not on the phone is spoken to in the default's voice");
        assertEquals("en", phone.speaking("ar", "voice.welcome"), "and in the default's words, though its bundle has them");
    }

    @Test
    void aCallerChoosesByKeyOrByAWordOfTheLanguageAndAnythingElseIsTheDefault() {
        spoken("en", "en-US", "English, inglés");
        spoken("es", "es-MX", "Spanish, español");
        spoken("vi", "vi-VN", "Tiếng Việt, Vietnamese");
        PhoneLanguages phone = phone();
        assertEquals("vi", phone.chosen("3", null));
        assertEquals("vi", phone.chosen(" 3#", "Spanish"), "a key outweighs what was heard");
        assertEquals("es", phone.chosen("2", null));
        assertEquals("en", phone.chosen("1", null));
        assertEquals("en", phone.chosen("4", null), "a key no language has");
        assertEquals("en", phone.chosen("*", null));
        assertEquals("vi", phone.chosen(null, "tieng viet"), "heard without its accents");
        assertEquals("vi", phone.chosen("", "VIETNAMESE PLEASE"));
        assertEquals("es", phone.chosen(null, "Español."));
        assertEquals("es", phone.chosen(null, "not English, Spanish"), "another language's word before the default's");
        assertEquals("en", phone.chosen(null, "English"));
        assertEquals("en", phone.chosen(null, "   "));
        assertEquals("en", phone.chosen(null, null), "silence");
    }

    @Test
    void aTextALanguageLacksIsSaidInTheDefaultLanguageAndVoice() {
        spoken("en", "en-US", "English");
        spoken("vi", "vi-VN", "Vietnamese");
        bundles.get("vi").put("voice.queued", "xin vui lòng giữ máy");
        bundles.get("en").put("voice.lang.vi", "Vietnamese");
        PhoneLanguages phone = phone();
        assertEquals("vi", phone.speaking("vi", "voice.queued"));
        assertEquals("en", phone.speaking("vi", "voice.position"));
        assertEquals(Say.Language.VI_VN, phone.say("vi"));
        assertEquals(Say.Language.EN_US, phone.say("fr"));
        assertEquals("Vietnamese", phone.name("vi", "en"));
        assertNull(phone.name("en", "vi"), "no name for English in Vietnamese: the whisper says none");
    }

    @Test
    void atMostNineLanguagesFitTheKeypad() {
        spoken("en", "en-US", "English");
        List<String> more = new ArrayList<>(List.of("da", "de", "es", "fi", "fr", "it", "ja", "ko", "nl"));
        for (String code : more) spoken(code, "es-MX", code);
        try (LogCapture logs = LogCapture.install()) {
            PhoneLanguages phone = phone();
            assertEquals(9, phone.menu().size());
            assertEquals("ko", phone.menu().get(8).code());
            assertTrue(logs.all().contains("language nl is not offered on the phone: the keypad has no digit left for it"), logs.all());
        }
    }

    @Test
    void theDefaultLanguageMustBeSpeakable() {
        bundle("en", "language.name", "English", "voice.welcome", "w", "voice.choose", "c {0}");
        spoken("es", "es-MX", "Spanish");
        IllegalStateException e = assertThrows(IllegalStateException.class, this::phone);
        assertTrue(e.getMessage().contains("no voice.say_language"), e.getMessage());
    }
}
