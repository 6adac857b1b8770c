package org.hearthhub.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import org.hearthhub.model.Program;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The file store's list of the hub's other programs: {@code programs.json}, rewritten atomically, in the store's lane. */
final class FilePrograms implements ProgramListStore {
    private static final TypeReference<List<Program>> PROGRAMS = new TypeReference<>() {
    };

    private final FileLane lane;
    private final ObjectMapper json;
    private final Path file;

    FilePrograms(FileLane lane, ObjectMapper json, Path root) {
        this.lane = lane;
        this.json = json;
        this.file = root.resolve("programs.json");
    }

    @Override
    public Future<List<Program>> programs() {
        return lane.io(this::read);
    }

    /** Atomic because every file operation of this store runs under its one lock. */
    @Override
    public Future<Boolean> addProgram(Program program) {
        if (program == null) return Future.failedFuture(new IllegalArgumentException("program must not be null"));
        return lane.io(() -> {
            List<Program> all = new ArrayList<>(read());
            if (all.stream().anyMatch(p -> p.id().equals(program.id()))) return false;
            all.add(program);
            all.sort(Comparator.comparing(p -> p.id().value()));
            JsonFiles.replace(json, file, all);
            return true;
        });
    }

    /** Atomic because every file operation of this store runs under its one lock. */
    @Override
    public Future<NumbersSaved> saveNumbers(Program program) {
        if (program == null) return Future.failedFuture(new IllegalArgumentException("program must not be null"));
        return lane.io(() -> {
            List<Program> all = new ArrayList<>(read());
            Program stored = all.stream().filter(p -> p.id().equals(program.id())).findFirst().orElse(null);
            if (stored == null) return NumbersSaved.NO_SUCH_PROGRAM;
            boolean taken = all.stream().anyMatch(p -> p != stored && (p.owns(program.smsNumber()) || p.owns(program.voiceNumber())));
            if (taken) return NumbersSaved.NUMBER_TAKEN;
            all.set(all.indexOf(stored), stored.withNumbers(program.smsNumber(), program.voiceNumber()));
            JsonFiles.replace(json, file, all);
            return NumbersSaved.SAVED;
        });
    }

    private List<Program> read() throws IOException {
        return JsonFiles.read(json, file, PROGRAMS, List::of);
    }
}
