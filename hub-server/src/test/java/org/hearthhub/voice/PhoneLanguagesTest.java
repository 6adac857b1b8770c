package org.hearthhub.voice;

import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import org.hearthhub.i18n.Languages;
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

    /** A bundle with everything the phone needs and a fixed key. */
    private void spoken(String code, String sayLanguage, String words, String key) {
        spoken(code, sayLanguage, words);
        bundles.get(code).put(PhoneLanguages.KEY, key);
    }

    private PhoneLanguages phone() {
        return phone(List.copyOf(bundles.keySet()));
    }

    private PhoneLanguages phone(List<String> codes) {
        return new PhoneLanguages(codes, (code, key) -> bundles.getOrDefault(code, Map.of()).get(key));
    }

    /** The phone, checking that the log names each language left off and why ({@code code, why, code, why…}). */
    private PhoneLanguages phoneLeavingOff(String... codesAndWhys) {
        try (LogCapture logs = LogCapture.install()) {
            PhoneLanguages phone = phone();
            for (int i = 0; i < codesAndWhys.length; i += 2) {
                String line = "language " + codesAndWhys[i] + " is not offered on the phone: " + codesAndWhys[i + 1];
                assertTrue(logs.all().contains(line), line + " in " + logs.all());
            }
            return phone;
        }
    }

    private static Map<String, Integer> keys(PhoneLanguages phone) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        for (PhoneLanguages.Offered o : phone.menu()) keys.put(o.code(), o.digit());
        return keys;
    }

    private static List<String> codes(PhoneLanguages phone) {
        return phone.menu().stream().map(PhoneLanguages.Offered::code).toList();
    }

    @Test
    void theShippedBundlesOfferEnglishOnOneAndSpanishOnTwoAsBefore() {
        PhoneLanguages hub = PhoneLanguages.fromHubBundles();
        assertEquals(List.of(new PhoneLanguages.Offered("en", 1, Say.Language.EN_US, List.of("English", "inglés")),
                new PhoneLanguages.Offered("es", 2, Say.Language.ES_MX, List.of("Spanish", "español"))), hub.menu());
        assertEquals("English, inglés, Spanish, español", hub.hints());
        assertEquals(Gather.Language.EN_US, hub.recognition().orElseThrow());
        assertEquals("1", Languages.ownText("en", PhoneLanguages.KEY));
        assertEquals("2", Languages.ownText("es", PhoneLanguages.KEY), "fixed, so no language installed later moves Spanish");
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
        PhoneLanguages phone = phoneLeavingOff("ar", "its hub bundle has no voice.say_language",
                "hmn", "voice.say_language 'hmn-US' is not one Twilio", "zh", "its hub bundle has no voice.welcome");
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
        PhoneLanguages phone = phoneLeavingOff("nl", "the keypad has no digit left for it");
        assertEquals(9, phone.menu().size());
        assertEquals("ko", phone.menu().get(8).code());
    }

    @Test
    void aFixedKeyIsKeptWhateverLanguagesAreAddedBeforeIt() {
        spoken("en", "en-US", "English, inglés", "1");
        spoken("ar", "ar-AE", "العربية, Arabic"); // installed later, no key, sorts before Spanish
        spoken("es", "es-MX", "Spanish, español", "2");
        for (List<String> order : List.of(List.of("en", "ar", "es"), List.of("en", "es", "ar"))) {
            PhoneLanguages phone = phone(order);
            assertEquals(Map.of("en", 1, "es", 2, "ar", 3), keys(phone), order.toString());
            assertEquals(List.of("en", "es", "ar"), codes(phone), "the menu says the keys rising");
            assertEquals("es", phone.chosen("2", null));
            assertEquals("ar", phone.chosen("3", null));
            assertEquals("es", phone.chosen(null, "Español."), "speech chooses as before");
            assertEquals("ar", phone.chosen(null, "arabic please"));
            assertEquals("English, inglés, Spanish, español, العربية, Arabic", phone.hints());
        }
    }

    @Test
    void aLanguageWithoutAKeyTakesTheLowestDigitTheFixedKeysLeave() {
        spoken("en", "en-US", "English", "1");
        spoken("de", "de-DE", "Deutsch");
        spoken("es", "es-MX", "español", " 2 "); // spaces around it are no matter
        spoken("fr", "fr-FR", "français", "5");
        spoken("it", "it-IT", "italiano", "");
        spoken("vi", "vi-VN", "Vietnamese", "3");
        PhoneLanguages phone = phone();
        assertEquals(List.of("en", "es", "vi", "de", "fr", "it"), codes(phone));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), phone.menu().stream().map(PhoneLanguages.Offered::digit).toList(),
                "German, listed before Spanish, Vietnamese and French, takes the first digit none of them fixed; a blank key is none");
    }

    @Test
    void aFixedKeyWinsTheLastDigitOverALanguageWithoutOne() {
        spoken("en", "en-US", "English");
        for (String code : List.of("da", "de", "es", "fi", "fr", "it", "ja", "ko")) spoken(code, "es-MX", code);
        spoken("nl", "nl-NL", "Nederlands", "9");
        PhoneLanguages phone = phoneLeavingOff("ko", "the keypad has no digit left for it");
        assertEquals(9, keys(phone).get("nl"));
        assertEquals(9, phone.menu().size());
    }

    @Test
    void twoLanguagesOnOneKeyStopTheHubAtStartNamingBoth() {
        spoken("en", "en-US", "English", "1");
        spoken("ar", "ar-AE", "Arabic", "2"); // copied from the Spanish bundle, key and all
        spoken("es", "es-MX", "español", "2");
        IllegalStateException e = assertThrows(IllegalStateException.class, this::phone);
        assertEquals("languages ar and es both fix voice.key 2 in their hub bundles: give each its own key"
                + " (docs/languages.md, \"On the phone\")", e.getMessage());

        spoken("ar", "ar-AE", "Arabic", "1");
        assertTrue(assertThrows(IllegalStateException.class, this::phone).getMessage().startsWith("languages en and ar both fix voice.key 1"),
                "the default's key too");
    }

    @Test
    void aKeyThatIsNotOneDigitFromOneToNineStopsTheHubAtStart() {
        spoken("es", "es-MX", "español", "2");
        for (String lang : List.of("vi", "en")) {
            for (String key : List.of("0", "10", "x", "٣")) { // ٣ is an Arabic-Indic 3, which no keypad sends
                spoken("en", "en-US", "English", "1");
                spoken("vi", "vi-VN", "Vietnamese", "3");
                spoken(lang, lang.equals("en") ? "en-US" : "vi-VN", lang, key);
                IllegalStateException e = assertThrows(IllegalStateException.class, this::phone);
                assertEquals("language " + lang + ": voice.key '" + key + "' is not a single digit from 1 to 9", e.getMessage());
            }
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
