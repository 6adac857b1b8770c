package org.hearthhub.hosting;

import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.ShownName;

import io.vertx.core.Future;
import org.hearthhub.config.ConfigLoader;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.ProgramListStore;
import org.hearthhub.util.NewestKnown;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The programs this hub hosts: always its default program ({@code server.programId}, which predates the
 * registry and is never stored in it), and those a coalition admin created, kept hub-wide in the default
 * program's store. Read from memory; {@link #reload} picks up programs another node created.
 */
public final class ProgramRegistry {
    private final Program defaultProgram;
    private final ProgramListStore store;
    private final Clock clock;
    /** Reads overlap (a notice during a create's own read): the one begun last wins. */
    private final NewestKnown<Map<ProgramId, Program>> created = new NewestKnown<>(Map.of());

    /** @param defaultProgram the default program, with the numbers the configuration gives it ({@code twilio.from}, {@code voice.number}) */
    public ProgramRegistry(Program defaultProgram, ProgramListStore store, Clock clock) {
        this.defaultProgram = defaultProgram;
        this.store = store;
        this.clock = clock;
    }

    public Program defaultProgram() {
        return defaultProgram;
    }

    /** The default program first, then the others by id. */
    public List<Program> all() {
        List<Program> out = new ArrayList<>(1 + created.get().size());
        out.add(defaultProgram);
        out.addAll(created.get().values());
        return out;
    }

    public Optional<Program> find(ProgramId id) {
        if (defaultProgram.id().equals(id)) return Optional.of(defaultProgram);
        return Optional.ofNullable(created.get().get(id));
    }

    /**
     * The program whose number of one kind ({@code Program::smsNumber}, {@code Program::voiceNumber}) this is:
     * where a text or call to it goes.
     */
    public Optional<Program> owning(String number, Function<Program, String> kind) {
        if (number == null || number.isBlank()) return Optional.empty();
        return all().stream().filter(p -> number.equals(kind.apply(p))).findFirst();
    }

    /**
     * Sets a created program's SMS and voice numbers (null: none; one number may serve both). Refused with
     * {@code bad_request} for a number not in E.164 form or for the default program (whose numbers are the
     * configuration's), {@code unknown_program} for no such program, and {@code conflict} for a number another
     * program owns (checked atomically in the store against every node's changes).
     */
    public Future<Program> setNumbers(ProgramId id, String sms, String voice) {
        for (String[] number : new String[][]{{"sms", sms}, {"voice", voice}}) {
            if (number[1] != null && !number[1].matches(ConfigLoader.E164)) {
                return Future.failedFuture(Refusal.badField(number[0], "error.program_number"));
            }
        }
        if (defaultProgram.id().equals(id)) return Future.failedFuture(Refusal.badRequest("error.program_number_default"));
        Program program = created.get().get(id);
        if (program == null) return Future.failedFuture(new Refusal(ErrorCode.UNKNOWN_PROGRAM));
        if (defaultProgram.owns(sms) || defaultProgram.owns(voice)) return Future.failedFuture(taken());
        return store.saveNumbers(program.withNumbers(sms, voice)).compose(saved -> switch (saved) {
            case SAVED -> reload().map(all -> find(id).orElseThrow());
            case NO_SUCH_PROGRAM -> Future.failedFuture(new Refusal(ErrorCode.UNKNOWN_PROGRAM));
            case NUMBER_TAKEN -> Future.failedFuture(taken());
        });
    }

    private static Refusal taken() {
        return new Refusal(ErrorCode.CONFLICT, "error.program_number_taken");
    }

    /** Reads the stored list again; a stored entry for the default program's id (never written by the hub) is ignored. */
    public Future<List<Program>> reload() {
        long since = created.begin();
        return store.programs().map(stored -> {
            Map<ProgramId, Program> next = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
            for (Program p : stored) {
                if (!p.id().equals(defaultProgram.id())) next.put(p.id(), p);
            }
            created.keep(next, since);
            return all();
        });
    }

    /**
     * Adds a program: refused with {@code conflict} when the id is the default program's or already taken
     * (on any node: the store's add is atomic).
     */
    public Future<Program> create(ProgramId id, String name) {
        if (name != null && (name.strip().length() > Program.MAX_NAME_CHARS || !ShownName.isPlain(name))) {
            return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
        }
        if (find(id).isPresent()) return Future.failedFuture(new Refusal(ErrorCode.CONFLICT));
        Program program = new Program(id, name == null ? null : name.strip(), clock.instant());
        return store.addProgram(program).compose(added -> added
                ? reload().map(program)
                : Future.failedFuture(new Refusal(ErrorCode.CONFLICT)));
    }
}
