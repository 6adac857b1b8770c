package org.hearthhub.voice;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.HubProcess;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TwilioSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.hearthhub.voice.TwimlAnswers.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hotline in a third language added with no code: a hub in its own JVM with {@code src/test/extra-language}
 * (Arabic, whose hub bundle has the voice texts docs/languages.md asks for) in front of its class path, as
 * {@code ThirdLanguageBrowserTest} starts one. Signed webhooks, checked by the hub with the Twilio SDK's
 * validator, choose Arabic by its key and by speech, and the TwiML says the bundle's Arabic words in
 * Twilio's Arabic, and the texts the bundle lacks in English, in the English voice. The Arabic bundle fixes
 * no key, as a program's new language may not: it takes 3, and Spanish, which sorts after it, keeps 2.
 */
class ThirdLanguageHotlineTest {
    private static final Path EXTRA = Path.of("src", "test", "extra-language");
    /** Arabic letters: a Say holding one is Arabic words. */
    private static final String ARABIC = ".*[\\u0600-\\u06FF].*";

    @TempDir
    static Path dataDir;
    static Vertx vertx;
    static WebClient http;
    static FakeTwilio twilio;
    static HubProcess hub;
    static Properties arabic;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        http = WebClient.create(vertx);
        twilio = FakeTwilio.start(vertx);
        Map<String, String> env = CallForms.hubEnv(twilio);
        env.put("HEARTH_VOICE_CHAT_URL", "https://help.example.org/chat");
        hub = HubProcess.start(List.of(EXTRA), dataDir, env);
        arabic = new Properties();
        try (Reader in = Files.newBufferedReader(EXTRA.resolve("i18n/hub_ar.properties"), StandardCharsets.UTF_8)) {
            arabic.load(in);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (hub != null) hub.close();
        } finally {
            if (twilio != null) twilio.close();
            if (vertx != null) TestHub.await(vertx.close());
        }
    }

    @Test
    void theMenuOffersEveryLanguageInItsOwnWordsAndVoiceAndSpanishKeepsItsKey() throws Exception {
        Element root = webhook(CallUrls.INBOUND, CallForms.call(CallForms.newCallSid(), CallForms.newNumber()));
        Element gather = only(root, "Gather");
        assertEquals("en-US", gather.getAttribute("language"), "speech is recognized in the default language");
        for (String hint : List.of("English", "Spanish", "español", "العربية", "Arabic")) {
            assertTrue(List.of(gather.getAttribute("hints").split(", ")).contains(hint), hint + " in " + gather.getAttribute("hints"));
        }
        List<Element> says = says(gather);
        assertEquals(List.of("en-US", "es-MX", "ar-AE"), says.stream().map(s -> s.getAttribute("language")).toList(),
                "in the order of the keys");
        assertTrue(says.get(0).getTextContent().endsWith("For English, press 1 or say English."), says.get(0).getTextContent());
        assertTrue(says.get(1).getTextContent().endsWith("Para español, oprima 2 o diga español."),
                "Arabic sorts before Spanish, but Spanish's bundle fixes key 2: " + says.get(1).getTextContent());
        assertEquals(arabic.getProperty("voice.welcome") + " " + arabic.getProperty("voice.choose").replace("{0}", "3"),
                says.get(2).getTextContent(), "Arabic, with no key of its own, takes the first one free");
    }

    @Test
    void itsKeyAndItsWordsChooseItAndTheCallIsAnsweredInItsWordsAndVoice() throws Exception {
        for (Map<String, String> choice : List.of(Map.of("Digits", "3"), Map.of("SpeechResult", "Arabic please"),
                Map.of("SpeechResult", "العربية"), Map.of("Digits", "", "SpeechResult", "arabic"))) {
            // Nobody is on shift, so the line answers with why, the referrals, the text line and web chat, goodbye.
            List<Element> says = says(choose(choice));
            assertEquals(arabic.getProperty("voice.unstaffed"), says.get(0).getTextContent(), choice.toString());
            assertEquals("ar-AE", says.get(0).getAttribute("language"), choice.toString());
            assertEquals(arabic.getProperty("voice.goodbye"), says.get(says.size() - 1).getTextContent());
            String text = spoken(says);
            assertTrue(text.contains(arabic.getProperty("voice.text_us").replace("{0}", CallScripts.spoken(FakeTwilio.FROM))), text);
            // Arabic has no referrals of its own yet, and its bundle no voice.chat_us: those are said in English, in English.
            assertTrue(text.contains("These services can help."), text);
            assertTrue(text.contains("National Domestic Violence Hotline"), text);
            assertTrue(text.contains("Or chat with an advocate on our website, help.example.org/chat."), text);
            for (Element say : says) {
                boolean arabicWords = say.getTextContent().matches(ARABIC);
                assertEquals(arabicWords ? "ar-AE" : "en-US", say.getAttribute("language"), "each voice its own words: " + say.getTextContent());
            }
        }
    }

    @Test
    void theOtherLanguagesKeepTheirWaysIn() throws Exception {
        for (Map<String, String> choice : List.of(Map.of("Digits", "2"), Map.of("SpeechResult", "Español"))) {
            List<Element> says = says(choose(choice));
            assertTrue(says.get(0).getTextContent().startsWith("En este momento ninguna intercesora"), choice + ": " + spoken(says));
            assertTrue(says.stream().allMatch(s -> s.getAttribute("language").equals("es-MX")), choice + ": the Spanish referrals, in Spanish");
        }
        for (Map<String, String> choice : List.<Map<String, String>>of(Map.of("Digits", "1"), Map.of("Digits", "7"),
                Map.of("SpeechResult", "English"), Map.of())) {
            List<Element> says = says(choose(choice));
            assertTrue(says.get(0).getTextContent().startsWith("No advocate can take this call right now."), choice + ": " + spoken(says));
            assertTrue(says.stream().allMatch(s -> s.getAttribute("language").equals("en-US")), choice.toString());
        }
    }

    @Test
    void aNumberNoProgramOwnsIsToldSoInEveryLanguage() throws Exception {
        Map<String, String> form = CallForms.call(CallForms.newCallSid(), CallForms.newNumber());
        form.put("To", "+15559999999");
        List<Element> says = says(webhook(CallUrls.INBOUND, form));
        assertEquals(List.of("en-US", "es-MX", "ar-AE"), says.stream().map(s -> s.getAttribute("language")).toList());
        assertEquals(arabic.getProperty("voice.not_ours"), says.get(2).getTextContent());
    }

    // ---------------------------------------------------------------- helpers

    /** A new call, its greeting, then the language step with {@code choice} (Digits, SpeechResult); the TwiML of that step. */
    private static Element choose(Map<String, String> choice) throws Exception {
        Map<String, String> call = CallForms.call(CallForms.newCallSid(), CallForms.newNumber());
        webhook(CallUrls.INBOUND, call);
        Map<String, String> form = CallForms.with(call, "CallStatus", "in-progress");
        form.putAll(choice);
        return webhook(CallUrls.LANGUAGE, form);
    }

    /** A webhook signed as Twilio signs it (the hub checks it with the SDK's validator); its TwiML, parsed. */
    private static Element webhook(String path, Map<String, String> form) throws Exception {
        MultiMap fields = MultiMap.caseInsensitiveMultiMap();
        form.forEach(fields::add);
        HttpResponse<Buffer> r = TestHub.await(http.post(hub.port(), "localhost", path)
                .putHeader("X-Twilio-Signature", TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, hub.publicUrl() + path, form))
                .sendForm(fields));
        return TwimlAnswers.parse(r);
    }

    private static List<Element> says(Element root) {
        return TwimlAnswers.all(root, "Say");
    }

    private static String spoken(List<Element> says) {
        return String.join(" ", says.stream().map(Element::getTextContent).toList());
    }

    @Test
    void aBundleCopiedWithSpanishsKeyStopsTheHubAtStart(@TempDir Path copied) throws Exception {
        Path bundle = copied.resolve("i18n/hub_ar.properties");
        Files.createDirectories(bundle.getParent());
        Files.writeString(bundle, Files.readString(EXTRA.resolve("i18n/hub_ar.properties"), StandardCharsets.ISO_8859_1)
                + "\nvoice.key=2\n", StandardCharsets.ISO_8859_1);
        Map<String, String> env = CallForms.hubEnv(twilio);
        AssertionError refused = assertThrows(AssertionError.class,
                () -> HubProcess.start(List.of(copied, EXTRA), copied.resolve("data"), env).close());
        assertTrue(refused.getMessage().contains("languages ar and es both fix voice.key 2 in their hub bundles"), refused.getMessage());
    }
}
