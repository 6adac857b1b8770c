package org.hearthhub.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The survivor side loads nothing from third parties, keeps nothing on the device but the resume
 * token in sessionStorage, never turns untrusted text into markup, and runs under a CSP without
 * 'unsafe-inline' or 'unsafe-eval'.
 */
class WidgetAssetSafetyTest {

    private static final List<String> FORBIDDEN = List.of(
            "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
            "localStorage", "indexedDB", "document.cookie", "setAttribute('style'", "setAttribute(\"style\"",
            "javascript:");

    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)\\b(?:https?|wss?)://([^/\\s'\"`)<>]+)");
    private static final Pattern PROTOCOL_RELATIVE = Pattern.compile("(?i)(?:src|href|action)\\s*=\\s*[\"']?//|url\\(\\s*[\"']?//|@import");

    @Test
    void noAssetUsesUnsafeApisOrPersistentStorage() {
        List<String> problems = new ArrayList<>();
        for (Path file : WidgetAssets.all()) {
            String text = WidgetAssets.read(file);
            for (String bad : FORBIDDEN) {
                if (text.contains(bad)) problems.add(WidgetAssets.name(file) + " contains " + bad);
            }
        }
        assertTrue(problems.isEmpty(), () -> "unsafe code in the widget:\n" + String.join("\n", problems));
    }

    @Test
    void noAssetPointsAtAnotherHost() {
        List<String> problems = new ArrayList<>();
        for (Path file : WidgetAssets.all()) {
            String text = WidgetAssets.read(file);
            Matcher m = ABSOLUTE_URL.matcher(text);
            while (m.find()) {
                // only the loader's documented embed example may name a host, and only the placeholder HUB
                if (!m.group(1).equals("HUB")) problems.add(WidgetAssets.name(file) + " names " + m.group());
            }
            if (PROTOCOL_RELATIVE.matcher(text).find()) {
                problems.add(WidgetAssets.name(file) + " has a protocol-relative URL or @import");
            }
        }
        assertTrue(problems.isEmpty(), () -> "third-party URLs in the widget:\n" + String.join("\n", problems));
    }

    @Test
    void chatPageHasNoInlineScriptStyleOrHandlers() {
        String html = WidgetAssets.read(WidgetAssets.APP.resolve("index.html"));
        Matcher scripts = Pattern.compile("(?is)<script\\b([^>]*)>(.*?)</script>").matcher(html);
        List<String> sources = new ArrayList<>();
        while (scripts.find()) {
            Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(scripts.group(1));
            assertTrue(src.find(), "every <script> must load a file: " + scripts.group());
            sources.add(src.group(1));
            assertTrue(scripts.group(2).isBlank(), "inline script: " + scripts.group());
        }
        assertEquals(List.of("/w/video.js", "/w/app.js"), sources, "index.html loads its own two scripts, nothing else");
        assertFalse(Pattern.compile("(?i)<style\\b").matcher(html).find(), "inline <style> element");
        assertFalse(Pattern.compile("(?i)\\sstyle\\s*=").matcher(html).find(), "inline style attribute");
        Matcher handler = Pattern.compile("(?i)\\son[a-z]+\\s*=").matcher(html);
        assertFalse(handler.find(), () -> "inline event handler attribute");
    }

    @Test
    void chatPageTitleIsNeutral() {
        String html = WidgetAssets.read(WidgetAssets.APP.resolve("index.html"));
        assertTrue(html.contains("<title>Chat</title>"), "index.html title must be the neutral \"Chat\"");
        for (String lang : WidgetAssets.LANGUAGES) {
            String bundle = WidgetAssets.read(WidgetAssets.bundle(lang));
            Matcher title = Pattern.compile("\"pageTitle\"\\s*:\\s*\"([^\"]*)\"").matcher(bundle);
            assertTrue(title.find(), lang + ".json needs a pageTitle");
            String t = title.group(1).toLowerCase(Locale.ROOT);
            for (String word : List.of("violen", "abus", "assault", "agresi", "hotline", "crisis", "advocate")) {
                assertFalse(t.contains(word), lang + " pageTitle must be neutral, not \"" + title.group(1) + "\"");
            }
        }
    }
}
