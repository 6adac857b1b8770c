package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.i18n.Language;
import org.hearthhub.i18n.Languages;
import org.hearthhub.i18n.Messages;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * Every console text, from the {@code i18n/console} bundles (UTF-8 properties), loaded once. Pages
 * get the whole map as {@code t}; the scripts get the {@code js.*} keys through a data attribute.
 */
final class ConsoleText {
    private static final String BUNDLE = "i18n.console";
    private static final String SCRIPT_PREFIX = "js.";

    private final Map<String, Map<String, String>> byLang = new TreeMap<>();
    private final Map<String, String> scriptJson = new TreeMap<>();

    ConsoleText() {
        for (Language language : Languages.console()) {
            String lang = language.code();
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(lang),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            Map<String, String> texts = new TreeMap<>();
            for (String key : Collections.list(bundle.getKeys())) texts.put(key, bundle.getString(key));
            byLang.put(lang, Collections.unmodifiableMap(texts));
            JsonObject script = new JsonObject();
            texts.forEach((k, v) -> {
                if (k.startsWith(SCRIPT_PREFIX)) script.put(k.substring(SCRIPT_PREFIX.length()), v);
            });
            scriptJson.put(lang, script.encode());
        }
    }

    /** All texts of a language ("es-MX" and unknown tags fall back as {@link Languages#normalizeConsole} says). */
    Map<String, String> all(String lang) {
        return byLang.get(Languages.normalizeConsole(lang));
    }

    String text(String lang, String key, Object... args) {
        String pattern = all(lang).get(key);
        // The hub's own texts (refusals from the conversation service, the sign-in guards) are not repeated here.
        if (pattern == null) return Messages.text(lang, key, args);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(Languages.normalizeConsole(lang))).format(args);
    }

    /** The script texts of a language as one JSON object, keys without their {@code js.} prefix. */
    String scriptTexts(String lang) {
        return scriptJson.get(Languages.normalizeConsole(lang));
    }
}
