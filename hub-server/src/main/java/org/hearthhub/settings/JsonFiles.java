package org.hearthhub.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the file store's whole-file parts read and write their JSON: pretty-printed, replaced atomically
 * ({@link DurableFiles#replace}); a file not yet written reads as {@code absent}. Blocking: call from the store's lane.
 */
final class JsonFiles {
    private JsonFiles() {
    }

    interface Absent<T> {
        T get() throws IOException;
    }

    static <T> T read(ObjectMapper json, Path file, TypeReference<T> type, Absent<T> absent) throws IOException {
        return Files.exists(file) ? json.readValue(file.toFile(), type) : absent.get();
    }

    static void replace(ObjectMapper json, Path file, Object value) throws IOException {
        DurableFiles.replace(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    }
}
