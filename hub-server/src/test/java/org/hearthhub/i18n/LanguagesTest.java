package org.hearthhub.i18n;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The languages found from the bundles: what ships, how tags are read, and how bundles are found in jars and directories. */
class LanguagesTest {

    @Test
    void englishAndSpanishShipLeftToRightWithTheirOwnNames() {
        assertEquals(List.of(new Language("en", "English", false, true), new Language("es", "Español", false, true)), Languages.all());
        assertEquals(Languages.all(), Languages.console());
        assertEquals(List.of("en", "es"), Languages.codes());
    }

    @Test
    void tagsAreReadAsTheirLanguageAndUnknownOnesAsEnglish() {
        assertEquals("es", Languages.normalize("es-MX"));
        assertEquals("es", Languages.normalize(" ES_us "));
        for (String tag : new String[]{null, "", "fr", "<script>", "e", "español"}) assertEquals("en", Languages.normalize(tag), tag);
        assertTrue(Languages.supported("es"));
        assertFalse(Languages.supported("es-MX"), "a settings file or staff form names the language itself");
        assertFalse(Languages.supported(null));
    }

    @Test
    void bundlesAreFoundInJarsAndDirectoriesAlike(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("languages.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("i18n/"));
            put(out, "i18n/hub_vi.properties");
            put(out, "i18n/nested/hub_xx.properties");
        }
        Path folder = dir.resolve("folder");
        Files.createDirectories(folder.resolve("i18n"));
        Files.writeString(folder.resolve("i18n/hub_ar.properties"), "language.name=العربية\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL(), folder.toUri().toURL()}, null)) {
            assertEquals(List.of("hub_ar.properties", "hub_vi.properties"), Languages.fileNames(loader, "i18n"));
        }
    }

    /** A fresh copy of this class, in a class loader that also sees {@code dir}, as a hub started with it on its class path. */
    @Test
    void aLanguageNeedsBothBundlesAndNamesItselfAndItsDirection(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("i18n"));
        Files.createDirectories(dir.resolve("widget/w/i18n"));
        Files.writeString(dir.resolve("i18n/hub_fa.properties"), "language.name=فارسی\nlanguage.direction=rtl\n");
        Files.writeString(dir.resolve("widget/w/i18n/fa.json"), "{}");
        Files.writeString(dir.resolve("i18n/hub_vi.properties"), "language.name=Tiếng Việt\n"); // no widget bundle
        Files.writeString(dir.resolve("i18n/hub_x1.properties"), "language.name=not a language code\n");
        URL classes = Languages.class.getProtectionDomain().getCodeSource().getLocation();
        URL widget = root(Languages.class.getClassLoader().getResource("widget/w/i18n/en.json"), "widget/w/i18n/en.json");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL(), classes, widget}, ClassLoader.getPlatformClassLoader())) {
            Class<?> languages = Class.forName(Languages.class.getName(), true, loader);
            assertEquals(List.of("en", "es", "fa"), languages.getMethod("codes").invoke(null));
            assertEquals("Language[code=fa, name=فارسی, rightToLeft=true, console=false]",
                    String.valueOf(languages.getMethod("of", String.class).invoke(null, "fa-IR")));
            assertEquals("fa", languages.getMethod("normalize", String.class).invoke(null, "FA"));
            assertEquals("en", languages.getMethod("normalizeConsole", String.class).invoke(null, "fa"), "no console bundle: English consoles");
            assertEquals("en", languages.getMethod("normalize", String.class).invoke(null, "vi"), "no widget bundle: not offered");
        }
    }

    /** The class path entry (directory or jar) a resource was found in. */
    private static URL root(URL resource, String name) throws Exception {
        String s = resource.toString();
        if (s.startsWith("jar:")) return new URL(s.substring("jar:".length(), s.indexOf("!/")));
        return new URL(s.substring(0, s.length() - name.length()));
    }

    private static void put(JarOutputStream out, String name) throws Exception {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write("language.name=x\n".getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
