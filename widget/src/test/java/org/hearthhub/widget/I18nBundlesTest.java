package org.hearthhub.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every language says the same things as English: same keys, same placeholders, every key the app uses. */
class I18nBundlesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /**
     * End reasons from docs/protocol.md, shown on the ended screen as reason_<wire name>; not quick_exit and
     * safety_exit, which leave the page at once and show no ended screen.
     */
    private static final List<String> END_REASONS =
            List.of("survivor", "advocate", "timeout", "blocked", "away", "ended");

    private static JsonNode bundle(String lang) throws IOException {
        return JSON.readTree(WidgetAssets.read(WidgetAssets.bundle(lang)));
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void everyLanguageHasEnglishsKeys() throws IOException {
        assertTrue(WidgetAssets.LANGUAGES.containsAll(List.of("en", "es")), "English and Spanish ship: " + WidgetAssets.LANGUAGES);
        for (String lang : WidgetAssets.LANGUAGES) assertEquals(keys(bundle("en")), keys(bundle(lang)), lang);
    }

    @Test
    void placeholdersMatchAcrossLanguages() throws IOException {
        JsonNode en = bundle("en");
        for (String lang : WidgetAssets.LANGUAGES) {
            JsonNode other = bundle(lang);
            List<String> problems = new ArrayList<>();
            for (String key : keys(en)) {
                if (!placeholders(en.get(key)).equals(placeholders(other.get(key)))) problems.add(key);
            }
            assertTrue(problems.isEmpty(), () -> lang + ": placeholders differ in: " + problems);
        }
    }

    @Test
    void everyTextTheAppAsksForExists() throws IOException {
        Set<String> used = new TreeSet<>();
        collect(used, WidgetAssets.read(WidgetAssets.APP.resolve("index.html")), "data-t(?:-label)?=\"([\\w]+)\"");
        String js = WidgetAssets.read(WidgetAssets.APP.resolve("app.js")) + WidgetAssets.read(WidgetAssets.APP.resolve("video.js"));
        collect(used, js, "\\bt\\('(\\w+)'\\s*[,)]");
        collect(used, js, "setConn\\('(\\w+)'");
        collect(used, js, "setState\\(item, '(\\w+)'");
        collect(used, js, "failStart\\('(\\w+)'");
        collect(used, js, "'(queueFull|startFailed|tooLarge|somethingWrong)'");
        collect(used, js, "'(v(?:ideo|oice)Offer)'");
        // video.js words a call by its kind: w('Join') is videoJoin for a video call, voiceJoin for a voice call.
        Set<String> callWords = new TreeSet<>();
        collect(callWords, js, "\\bw\\('(\\w+)'\\)");
        assertTrue(callWords.contains("Join"), "the call's words are found: " + callWords);
        callWords.forEach(w -> {
            used.add("video" + w);
            used.add("voice" + w);
        });
        END_REASONS.forEach(r -> used.add("reason_" + r));
        used.add("notice");
        for (String lang : WidgetAssets.LANGUAGES) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(keys(bundle(lang)));
            assertTrue(missing.isEmpty(), () -> lang + ".json lacks " + missing);
        }
    }

    @Test
    void defaultNoticeCoversSafetyQuickExitRetentionAndConfidentiality() throws IOException {
        for (String lang : WidgetAssets.LANGUAGES) {
            JsonNode notice = bundle(lang).get("notice");
            assertTrue(notice.isArray() && notice.size() >= 4, lang + ": notice needs its four paragraphs");
            String all = notice.toString().toLowerCase();
            assertTrue(all.contains("esc"), lang + ": notice must explain the Escape quick exit");
        }
    }

    private static void collect(Set<String> into, String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) into.add(m.group(1));
    }

    private static Set<String> placeholders(JsonNode value) {
        Set<String> names = new TreeSet<>();
        if (value != null) collect(names, value.toString(), PLACEHOLDER.pattern());
        return names;
    }
}
