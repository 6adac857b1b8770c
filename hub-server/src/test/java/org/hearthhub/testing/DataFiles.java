package org.hearthhub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every regular file under a data directory with its content, for the privacy searches. The hub replaces a
 * file by writing a temporary one beside it and renaming it over (statistics, for one, are written just after
 * a chat ends), so a file listed may be gone when it is read: then the whole directory is read again, until
 * one pass reads every file it listed.
 */
public final class DataFiles {
    private static final int PASSES = 20;

    private DataFiles() {
    }

    /** Each file's bytes as ISO-8859-1 text (one char per byte, so any ASCII secret is found as it is). */
    public static Map<Path, String> read(Path dir) throws IOException, InterruptedException {
        for (int pass = 1; ; pass++) {
            try {
                return readOnce(dir);
            } catch (NoSuchFileException | UncheckedIOException e) {
                if (pass == PASSES) throw e;
                Thread.sleep(20);
            }
        }
    }

    private static Map<Path, String> readOnce(Path dir) throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(f, new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }
}
