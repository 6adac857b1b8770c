package org.hearthhub.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The languages Hearth speaks, found once from the bundles on the class path (fixed for the process),
 * so that adding one is adding files, not code (docs/languages.md). A language is spoken when it has a
 * hub bundle, {@code i18n/hub_xx.properties} (English, the default, is the base bundle
 * {@code hub.properties}), naming itself ({@code language.name}, {@code language.direction}), and a
 * widget bundle, {@code widget/w/i18n/xx.json}. The consoles speak those that also have
 * {@code i18n/console_xx.properties}. The default comes first, then the others by code.
 */
public final class Languages {
    public static final String DEFAULT = "en";

    private static final Logger LOG = Logger.getLogger(Languages.class.getName());
    private static final Pattern HUB_BUNDLE = Pattern.compile("hub_([a-z]{2,3})\\.properties");
    private static final Map<String, Language> ALL;
    /** Each hub bundle's own entries, without what it inherits from the base bundle: the SMS words live there. */
    private static final Map<String, Properties> OWN;

    static {
        ClassLoader loader = Languages.class.getClassLoader();
        TreeSet<String> codes = new TreeSet<>();
        for (String file : fileNames(loader, "i18n")) {
            Matcher m = HUB_BUNDLE.matcher(file);
            if (m.matches()) codes.add(m.group(1));
        }
        codes.remove(DEFAULT);
        List<String> ordered = new ArrayList<>();
        ordered.add(DEFAULT);
        ordered.addAll(codes);
        Map<String, Language> all = new LinkedHashMap<>();
        Map<String, Properties> own = new LinkedHashMap<>();
        for (String code : ordered) {
            String hubBundle = DEFAULT.equals(code) ? "i18n/hub.properties" : "i18n/hub_" + code + ".properties";
            if (loader.getResource("widget/w/i18n/" + code + ".json") == null) {
                LOG.warning("language " + code + ": " + hubBundle + " has no widget bundle widget/w/i18n/" + code
                        + ".json beside it, so it is not offered");
                continue;
            }
            Properties texts = properties(loader, hubBundle);
            String name = texts.getProperty("language.name", "").strip();
            String direction = texts.getProperty("language.direction", "ltr").strip();
            if (name.isEmpty()) {
                LOG.warning("language " + code + ": " + hubBundle + " has no language.name; showing its code");
                name = code;
            }
            if (!direction.equals("ltr") && !direction.equals("rtl")) {
                LOG.warning("language " + code + ": language.direction must be ltr or rtl, not '" + direction + "'; using ltr");
            }
            boolean console = loader.getResource(DEFAULT.equals(code) ? "i18n/console.properties"
                    : "i18n/console_" + code + ".properties") != null;
            all.put(code, new Language(code, name, direction.equals("rtl"), console));
            own.put(code, texts);
        }
        if (!all.containsKey(DEFAULT)) throw new IllegalStateException("the English bundles are missing from the class path");
        ALL = Collections.unmodifiableMap(all);
        OWN = Collections.unmodifiableMap(own);
    }

    private Languages() {
    }

    /** Every language the survivor's side speaks, the default first. */
    public static List<Language> all() {
        return List.copyOf(ALL.values());
    }

    /** Their codes, in the same order. */
    public static List<String> codes() {
        return List.copyOf(ALL.keySet());
    }

    /** The languages the consoles speak (a subset of {@link #all}). */
    public static List<Language> console() {
        return ALL.values().stream().filter(Language::console).toList();
    }

    /** Whether {@code code} is exactly one of the codes (as a settings file or a staff form must say it). */
    public static boolean supported(String code) {
        return code != null && ALL.containsKey(code);
    }

    /** "es-MX" → "es"; anything unsupported or missing → "en". */
    public static String normalize(String lang) {
        if (lang == null || lang.isBlank()) return DEFAULT;
        String primary = lang.trim().toLowerCase(Locale.ROOT).split("[-_]")[0];
        return ALL.containsKey(primary) ? primary : DEFAULT;
    }

    /** As {@link #normalize}, among the languages the consoles speak. */
    public static String normalizeConsole(String lang) {
        String code = normalize(lang);
        return ALL.get(code).console() ? code : DEFAULT;
    }

    /** The language of a (normalized) tag. */
    public static Language of(String lang) {
        return ALL.get(normalize(lang));
    }

    /** An entry of a language's own hub bundle (not inherited from English), or null. */
    public static String ownText(String code, String key) {
        Properties own = OWN.get(code);
        return own == null ? null : own.getProperty(key);
    }

    private static Properties properties(ClassLoader loader, String resource) {
        Properties p = new Properties();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) return p;
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the language bundle " + resource + ": " + e.getMessage(), e);
        }
        return p;
    }

    /** The names of the files directly in {@code folder}, over every class path entry (directories and jars). */
    static List<String> fileNames(ClassLoader loader, String folder) {
        List<String> names = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(folder))) {
                if (url.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
                    }
                } else if (url.getProtocol().equals("jar")) {
                    URLConnection c = url.openConnection();
                    c.setUseCaches(false);
                    try (JarFile jar = ((JarURLConnection) c).getJarFile()) {
                        String prefix = folder + "/";
                        for (JarEntry e : Collections.list(jar.entries())) {
                            String rest = e.getName().startsWith(prefix) ? e.getName().substring(prefix.length()) : "";
                            if (!rest.isEmpty() && rest.indexOf('/') < 0) names.add(rest);
                        }
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list " + folder + " on the class path", e);
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }
}
