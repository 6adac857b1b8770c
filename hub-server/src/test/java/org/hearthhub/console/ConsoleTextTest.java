package org.hearthhub.console;

import org.hearthhub.model.EndReason;
import org.hearthhub.stats.DurationBucket;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every console text exists in English and Spanish, and every key the pages, scripts and code use is in the bundles. */
class ConsoleTextTest {
    private static final Path MAIN = Paths.get("src", "main");
    private final ConsoleText texts = new ConsoleText();

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> matches(Path dir, String suffix, Pattern pattern) throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> p.toString().endsWith(suffix)).forEach(p -> {
                Matcher m = pattern.matcher(read(p));
                while (m.find()) keys.add(m.group(1));
            });
        }
        return keys;
    }

    @Test
    void englishAndSpanishHaveTheSameKeysAndNoEmptyText() {
        Map<String, String> en = texts.all("en");
        Map<String, String> es = texts.all("es");
        assertEquals(en.keySet(), es.keySet());
        en.forEach((k, v) -> assertFalse(v.isBlank(), "empty English text " + k));
        es.forEach((k, v) -> assertFalse(v.isBlank(), "empty Spanish text " + k));
        long same = en.keySet().stream().filter(k -> en.get(k).equals(es.get(k)) && en.get(k).length() > 12).count();
        assertTrue(same < 5, "long texts left untranslated: " + same);
    }

    @Test
    void everyKeyTheTemplatesUseExists() throws IOException {
        Set<String> used = matches(MAIN.resolve("resources/templates/console"), ".peb", Pattern.compile("t\\['([a-z0-9_.]+)'\\]"));
        assertTrue(used.size() > 100, "the templates were found: " + used.size());
        for (String key : used) assertTrue(texts.all("en").containsKey(key), "missing text " + key);
        // Keys put together in the templates.
        for (int day = 1; day <= 7; day++) assertTrue(texts.all("en").containsKey("day." + day));
        for (String k : new String[]{"lang.en", "lang.es", "role.advocate", "role.lead"}) assertTrue(texts.all("en").containsKey(k), k);
        PageModels.LEAD_NAV.forEach(n -> assertTrue(texts.all("en").containsKey(n.get("key")), n.get("key")));
    }

    @Test
    void everyKeyTheScriptsUseExists() throws IOException {
        Set<String> used = matches(MAIN.resolve("resources/console-assets"), ".js", Pattern.compile("\\bt\\('([a-z0-9_.]+)'[,)]"));
        assertTrue(used.size() > 25, "the scripts were found: " + used.size());
        String js = texts.scriptTexts("en");
        for (String key : used) assertTrue(texts.all("en").containsKey("js." + key), "missing script text js." + key);
        // Keys put together in the scripts.
        for (String k : new String[]{"channel.web", "channel.sms", "lang.en", "lang.es", "from.survivor", "from.advocate", "from.system"}) {
            assertTrue(texts.all("en").containsKey("js." + k), k);
        }
        for (EndReason r : EndReason.values()) assertTrue(texts.all("es").containsKey("js.ended." + r.wire()), r.wire());
        for (String kind : new String[]{"end", "safety", "block"}) {
            for (String part : new String[]{"title", "text", "ok"}) assertTrue(texts.all("es").containsKey("js.confirm." + kind + "." + part));
        }
        assertTrue(js.contains("\"confirm.end.ok\""), "script texts lose their js. prefix");
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Set<String> used = matches(MAIN.resolve("java/org/hearthhub/console"), ".java",
                Pattern.compile("\"((?:error|stats)\\.[a-z0-9_.]+)\""));
        assertTrue(used.size() > 20, "the sources were found: " + used.size());
        for (String key : used) {
            if (key.endsWith(".")) continue; // a prefix, completed below
            assertTrue(texts.all("en").containsKey(key), "missing text " + key);
        }
        for (DurationBucket b : DurationBucket.values()) assertTrue(texts.all("es").containsKey("stats.bucket." + b.key()));
        for (EndReason r : EndReason.values()) assertTrue(texts.all("es").containsKey("stats.end." + r.wire()));
    }

    @Test
    void argumentsAreFilledIn() {
        assertEquals("That date range is not valid (at most 366 days); showing the last 30 days.",
                texts.text("en", "stats.bad_range", 366));
        assertTrue(texts.text("es-MX", "stats.bad_range", 366).startsWith("Ese intervalo"), "regional tags use their language");
        assertEquals("Sign in", texts.text("fr", "login.title"), "unsupported languages fall back to English");
    }
}
