package org.hearthhub.voice;

import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import org.hearthhub.i18n.Languages;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * The languages the hotline speaks, read from the hub bundles like every other language (docs/languages.md,
 * "On the phone"). A language is offered on the phone when its own bundle names the Twilio language to
 * speak it in ({@code voice.say_language}, one of the SDK's {@code <Say>} languages) and has its lines of
 * the menu ({@code voice.welcome}, {@code voice.choose}). A text a language's own bundle lacks is said in
 * the default language, in the default's voice, so no voice ever reads another language's words.
 * <p>
 * Its keypad digit is the one its bundle fixes ({@code voice.key}, 1 to 9), so that installing another
 * language never moves it: callers learn "press 2", and posters and cards print it. The fixed keys are
 * placed first; a language without {@code voice.key} then takes the lowest digit left, in list order. Two
 * languages fixing one key, or a {@code voice.key} that is not a single digit 1 to 9, stop the hub at start,
 * naming the languages: a bundle copied from Spanish's, key and all, would otherwise take Spanish's key or
 * silently drop Spanish from the hotline, and a warning in the log is read too late by a caller who pressed 2.
 * The default must be on the phone: a default that cannot be (unspeakable, no digit left) also stops the hub.
 * <p>
 * The menu is said in the order of the digits, not of the list: a caller hears the keys rising (1, 2, 3…),
 * and a language keeps its place in the menu as well as its key when one with a later key is installed.
 * As shipped, English is 1 and so still comes first.
 */
final class PhoneLanguages {
    private static final Logger LOG = Logger.getLogger(PhoneLanguages.class.getName());
    static final String SAY_LANGUAGE = "voice.say_language";
    static final String WORDS = "voice.choose.words";
    /** A language's fixed keypad digit, in its own bundle. */
    static final String KEY = "voice.key";
    private static final List<String> MENU = List.of("voice.welcome", "voice.choose");
    /** One keypress chooses; 0 is left for nothing. */
    private static final int MAX_DIGIT = 9;

    /** A language on the phone: its key on the menu, the Twilio language it is said in, and the words that choose it. */
    record Offered(String code, int digit, Say.Language say, List<String> words) {
    }

    private final Map<String, Offered> offered = new LinkedHashMap<>();
    private final BiFunction<String, String, String> ownText;

    /**
     * The hub's, from the bundles on its class path; a mistake in them throws IllegalStateException.
     * {@link VoiceBridge#start} builds it once, so that the mistake fails the start, not a caller's first call.
     */
    static PhoneLanguages fromHubBundles() {
        return new PhoneLanguages(Languages.codes(), Languages::ownText);
    }

    /**
     * @param codes   the languages, the default first
     * @param ownText a language's own bundle entry (not inherited from the default's), or null
     */
    PhoneLanguages(List<String> codes, BiFunction<String, String, String> ownText) {
        this.ownText = ownText;
        Map<Integer, String> keys = new TreeMap<>(); // digit → language
        List<String> unfixed = new ArrayList<>();
        for (String code : codes) {
            String key = ownText.apply(code, KEY);
            String why = unspeakable(code);
            if (why == null && key != null && !key.isBlank()) fixKey(keys, code, key.strip());
            else if (why == null) unfixed.add(code);
            else refuse(code, why);
        }
        for (String code : unfixed) {
            OptionalInt free = IntStream.rangeClosed(1, MAX_DIGIT).filter(d -> !keys.containsKey(d)).findFirst();
            if (free.isPresent()) keys.put(free.getAsInt(), code);
            else refuse(code, "the keypad has no digit left for it");
        }
        keys.forEach((digit, code) -> offered.put(code,
                new Offered(code, digit, sayLanguage(ownText.apply(code, SAY_LANGUAGE)), words(code))));
    }

    /** Gives {@code code} the digit its bundle fixes; a key that is no digit, or another language's, stops the hub. */
    private static void fixKey(Map<Integer, String> keys, String code, String key) {
        if (!key.matches("[1-9]")) {
            throw new IllegalStateException("language " + code + ": " + KEY + " '" + key + "' is not a single digit from 1 to 9");
        }
        String holder = keys.putIfAbsent(Integer.parseInt(key), code);
        if (holder != null) {
            throw new IllegalStateException("languages " + holder + " and " + code + " both fix " + KEY + " " + key
                    + " in their hub bundles: give each its own key (docs/languages.md, \"On the phone\")");
        }
    }

    private static void refuse(String code, String why) {
        if (code.equals(Languages.DEFAULT)) throw new IllegalStateException("the default language cannot be spoken on the phone: " + why);
        LOG.warning("language " + code + " is not offered on the phone: " + why);
    }

    private String unspeakable(String code) {
        String tag = ownText.apply(code, SAY_LANGUAGE);
        if (tag == null || tag.isBlank()) return "its hub bundle has no " + SAY_LANGUAGE;
        if (sayLanguage(tag) == null) return SAY_LANGUAGE + " '" + tag.strip() + "' is not one Twilio's <Say> knows";
        for (String key : MENU) if (ownText.apply(code, key) == null) return "its hub bundle has no " + key;
        return null;
    }

    private static Say.Language sayLanguage(String tag) {
        if (tag == null) return null;
        return Arrays.stream(Say.Language.values()).filter(l -> l.toString().equalsIgnoreCase(tag.strip())).findFirst().orElse(null);
    }

    /** What a caller may say to choose it: its own list, else its name. */
    private List<String> words(String code) {
        String listed = ownText.apply(code, WORDS);
        if (listed == null || listed.isBlank()) listed = ownText.apply(code, "language.name");
        List<String> words = new ArrayList<>();
        if (listed != null) for (String w : listed.split(",")) if (!w.isBlank()) words.add(w.strip());
        return words;
    }

    /** The menu, in the order of its digits. */
    List<Offered> menu() {
        return List.copyOf(offered.values());
    }

    /**
     * The language chosen by a key (its digit) or by speech (one of its words heard, in any case and without
     * accents; the other languages are checked before the default's); anything else, or nothing, is the default.
     */
    String chosen(String digits, String speech) {
        if (digits != null && !digits.isBlank()) {
            int digit = Character.digit(digits.strip().charAt(0), 10);
            return offered.values().stream().filter(o -> o.digit() == digit).map(Offered::code).findFirst().orElse(Languages.DEFAULT);
        }
        String heard = folded(speech == null ? "" : speech);
        for (Offered o : offered.values()) {
            if (o.code().equals(Languages.DEFAULT)) continue;
            if (o.words().stream().anyMatch(w -> heard.contains(folded(w)))) return o.code();
        }
        return Languages.DEFAULT;
    }

    /** Every language's words, for Twilio's speech recognition. */
    String hints() {
        return String.join(", ", offered.values().stream().flatMap(o -> o.words().stream()).toList());
    }

    /** Speech is recognized in the default language (the menu's first line), where Twilio can. */
    Optional<Gather.Language> recognition() {
        String tag = offered.get(Languages.DEFAULT).say().toString();
        return Arrays.stream(Gather.Language.values()).filter(l -> l.toString().equals(tag)).findFirst();
    }

    /** The language text {@code key} is said in to someone in {@code lang}: theirs if offered and it has the text, else the default. */
    String speaking(String lang, String key) {
        return offered.containsKey(lang) && ownText.apply(lang, key) != null ? lang : Languages.DEFAULT;
    }

    /** The Twilio language {@code lang}'s texts are said in (the default's for a language not on the phone). */
    Say.Language say(String lang) {
        return offered.getOrDefault(lang, offered.get(Languages.DEFAULT)).say();
    }

    /** The name of language {@code code} in language {@code in} ({@code voice.lang.xx} in its bundle), or null. */
    String name(String code, String in) {
        return ownText.apply(in, "voice.lang." + code);
    }

    private static String folded(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
