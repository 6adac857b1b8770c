package org.hearthhub.widget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** The widget's static files as the hub serves them from the classpath, read from the source tree. */
final class WidgetAssets {

    /** Surefire runs with the module directory as working directory. */
    static final Path ROOT = Path.of("src/main/resources/widget");
    static final Path LOADER = ROOT.resolve("widget.js");
    static final Path APP = ROOT.resolve("w");
    /** Every language the widget has a bundle for (w/i18n/xx.json), English first. */
    static final List<String> LANGUAGES = languages();

    private WidgetAssets() {
    }

    /** What one survivor downloads for the chat in one language: page, scripts, styles, one bundle. */
    static List<Path> chatApp(String lang) {
        return List.of(APP.resolve("index.html"), APP.resolve("app.js"), APP.resolve("video.js"), APP.resolve("app.css"),
                bundle(lang));
    }

    static Path bundle(String lang) {
        return APP.resolve("i18n").resolve(lang + ".json");
    }

    private static List<String> languages() {
        try (Stream<Path> files = Files.list(APP.resolve("i18n"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted((a, b) -> a.equals("en") ? -1 : b.equals("en") ? 1 : a.compareTo(b)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int size(Path file) {
        try {
            return Math.toIntExact(Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gzipped size at the default level, as a server compressing on the fly would send it. */
    static int gzippedSize(Path file) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(Files.readAllBytes(file));
            }
            return out.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(Path file) {
        return ROOT.relativize(file).toString().replace('\\', '/');
    }
}
