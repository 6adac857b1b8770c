package org.hearthhub.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** The file store's program settings: {@code settings.json}, rewritten atomically, in the store's lane; absent, the starter settings. */
final class FileProgramSettings implements ProgramSettingsStore {
    private static final TypeReference<ProgramSettings> SETTINGS = new TypeReference<>() {
    };

    private final FileLane lane;
    private final ObjectMapper json;
    private final Path file;

    FileProgramSettings(FileLane lane, ObjectMapper json, Path root) {
        this.lane = lane;
        this.json = json;
        this.file = root.resolve("settings.json");
    }

    @Override
    public Future<ProgramSettings> programSettings() {
        return lane.io(this::read);
    }

    @Override
    public Future<Void> saveProgramSettings(ProgramSettings settings) {
        if (settings == null) return Future.failedFuture(new IllegalArgumentException("settings must not be null"));
        return lane.io(() -> {
            JsonFiles.replace(json, file, settings);
            return null;
        });
    }

    /** Read, change and write under the store's one lock: no other save of this process comes between. */
    @Override
    public Future<ProgramSettings> updateProgramSettings(UnaryOperator<ProgramSettings> change) {
        return lane.io(() -> {
            ProgramSettings changed = Objects.requireNonNull(change.apply(read()), "changed settings");
            JsonFiles.replace(json, file, changed);
            return changed;
        });
    }

    private ProgramSettings read() throws IOException {
        return JsonFiles.read(json, file, SETTINGS, () -> StarterSettings.load(json));
    }
}
