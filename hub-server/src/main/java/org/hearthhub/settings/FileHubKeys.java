package org.hearthhub.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The file store's hub keys: {@code keys.json} (name → key), owner-only, rewritten atomically, in the store's lane. */
final class FileHubKeys implements HubKeyStore {
    private static final TypeReference<Map<String, String>> KEYS = new TypeReference<>() {
    };

    private final FileLane lane;
    private final ObjectMapper json;
    private final Path file;

    FileHubKeys(FileLane lane, ObjectMapper json, Path root) {
        this.lane = lane;
        this.json = json;
        this.file = root.resolve("keys.json");
    }

    /** Atomic because every file operation of this store runs under its one lock. */
    @Override
    public Future<String> hubKey(String name, String fresh) {
        if (name == null || fresh == null || fresh.isEmpty()) return Future.failedFuture(new IllegalArgumentException("a key needs a name and a value"));
        return lane.io(() -> {
            Map<String, String> keys = read();
            String stored = keys.get(name);
            if (stored != null) return stored;
            keys.put(name, fresh);
            JsonFiles.replace(json, file, keys);
            return fresh;
        });
    }

    private Map<String, String> read() throws IOException {
        return new TreeMap<>(JsonFiles.read(json, file, KEYS, TreeMap::new));
    }
}
