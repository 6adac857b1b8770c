package org.hearthhub.hosting;

import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;

import io.vertx.core.Future;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.ProgramListStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The programs this hub hosts: always its default program ({@code server.programId}, which predates the
 * registry and is never stored in it), and those a coalition admin created, kept hub-wide in the default
 * program's store. Read from memory; {@link #reload} picks up programs another node created.
 */
public final class ProgramRegistry {
    private final Program defaultProgram;
    private final ProgramListStore store;
    private final Clock clock;
    private volatile Map<ProgramId, Program> created = Map.of();

    public ProgramRegistry(ProgramId defaultId, ProgramListStore store, Clock clock) {
        this.defaultProgram = new Program(defaultId, defaultId.value(), null);
        this.store = store;
        this.clock = clock;
    }

    public Program defaultProgram() {
        return defaultProgram;
    }

    /** The default program first, then the others by id. */
    public List<Program> all() {
        List<Program> out = new ArrayList<>(1 + created.size());
        out.add(defaultProgram);
        out.addAll(created.values());
        return out;
    }

    public Optional<Program> find(ProgramId id) {
        if (defaultProgram.id().equals(id)) return Optional.of(defaultProgram);
        return Optional.ofNullable(created.get(id));
    }

    /** Reads the stored list again; a stored entry for the default program's id (never written by the hub) is ignored. */
    public Future<List<Program>> reload() {
        return store.programs().map(stored -> {
            Map<ProgramId, Program> next = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
            for (Program p : stored) {
                if (!p.id().equals(defaultProgram.id())) next.put(p.id(), p);
            }
            created = next;
            return all();
        });
    }

    /**
     * Adds a program: refused with {@code conflict} when the id is the default program's or already taken
     * (on any node: the store's add is atomic).
     */
    public Future<Program> create(ProgramId id, String name) {
        if (name != null && name.strip().length() > Program.MAX_NAME_CHARS) {
            return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
        }
        if (find(id).isPresent()) return Future.failedFuture(new Refusal(ErrorCode.CONFLICT));
        Program program = new Program(id, name == null ? null : name.strip(), clock.instant());
        return store.addProgram(program).compose(added -> added
                ? reload().map(program)
                : Future.failedFuture(new Refusal(ErrorCode.CONFLICT)));
    }
}
