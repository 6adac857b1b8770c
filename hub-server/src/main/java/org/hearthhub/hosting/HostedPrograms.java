package org.hearthhub.hosting;

import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The programs this node serves, each with its own parts ({@link HostedProgram}), opened once per program
 * as the registry names them. Lookups read memory only, so a flood of made-up program ids costs no store
 * read; a program another node created is opened here at the next {@link #sync}.
 */
public final class HostedPrograms {
    private final ProgramRegistry registry;
    private final Function<Program, Future<HostedProgram>> opener;
    private final HostedProgram defaultProgram;
    private final Map<ProgramId, HostedProgram> open = new ConcurrentHashMap<>();
    private final Map<ProgramId, Future<HostedProgram>> opening = new ConcurrentHashMap<>();
    private final List<Consumer<HostedProgram>> openListeners = new CopyOnWriteArrayList<>();

    /**
     * @param defaultProgram the default program's parts, made by the hub with its own stores
     * @param opener         makes another program's parts, on stores of its own
     */
    public HostedPrograms(ProgramRegistry registry, HostedProgram defaultProgram, Function<Program, Future<HostedProgram>> opener) {
        this.registry = registry;
        this.opener = opener;
        this.defaultProgram = defaultProgram;
        open.put(defaultProgram.id(), defaultProgram);
    }

    public ProgramRegistry registry() {
        return registry;
    }

    public HostedProgram defaultProgram() {
        return defaultProgram;
    }

    public Optional<HostedProgram> find(ProgramId id) {
        return Optional.ofNullable(open.get(id));
    }

    /**
     * The program a survivor-side request names in its {@code program} parameter: the default program when
     * it names none, empty when it names one this hub does not host (or something that is no program id).
     */
    public Optional<HostedProgram> named(String param) {
        if (param == null || param.isEmpty()) return Optional.of(defaultProgram);
        return ProgramId.parse(param).flatMap(this::find);
    }

    /**
     * The program a staff member works in that a request asks for: the one {@code named} (a request's
     * {@code program}), else the one {@code remembered} (the console's choice), else the default program if the
     * person works there, else the first of theirs; empty when the person does not work in the one named, or it
     * is not hosted here.
     */
    public Optional<Membership> membership(Account account, String named, String remembered) {
        String defaultId = defaultProgram.id().value();
        Map<String, Role> memberships = account.memberships(defaultId);
        String wanted = named != null ? named
                : remembered != null && memberships.containsKey(remembered) ? remembered
                : memberships.containsKey(defaultId) ? defaultId
                : memberships.keySet().stream().findFirst().orElse(null);
        if (wanted == null) return Optional.empty();
        Optional<HostedProgram> program = ProgramId.parse(wanted).flatMap(this::find);
        Optional<Role> role = account.roleIn(wanted, defaultId);
        if (program.isEmpty() || role.isEmpty()) return Optional.empty();
        return Optional.of(new Membership(program.get(), role.get()));
    }

    /**
     * The access logs of the programs a person works in and this node hosts; the default program's for anyone else
     * (no such account, or none of theirs hosted), so every event lands in exactly the logs of the person's programs.
     */
    public List<AuditLog> auditLogsOf(Optional<Account> account) {
        List<AuditLog> logs = account.map(a -> a.memberships(defaultProgram.id().value()).keySet().stream()
                        .map(id -> ProgramId.parse(id).flatMap(this::find)).flatMap(Optional::stream)
                        .map(HostedProgram::audit).toList())
                .orElse(List.of());
        return logs.isEmpty() ? List.of(defaultProgram.audit()) : logs;
    }

    /** A program someone works in, and their role there. */
    public record Membership(HostedProgram program, Role role) {
        public boolean leads() {
            return role == Role.LEAD;
        }
    }

    /** Every open program, the default one first. */
    public Collection<HostedProgram> all() {
        List<HostedProgram> out = new ArrayList<>();
        for (Program p : registry.all()) {
            HostedProgram h = open.get(p.id());
            if (h != null) out.add(h);
        }
        return out;
    }

    /** Called with every program, those open already at once, those opened later as they open. */
    public void whenOpened(Consumer<HostedProgram> listener) {
        openListeners.add(listener);
        all().forEach(listener);
    }

    /** Creates a program in the registry and opens it here. */
    public Future<HostedProgram> create(ProgramId id, String name) {
        return registry.create(id, name).compose(this::open);
    }

    /** Reads the registry again and opens the programs not open here yet. */
    public Future<Void> sync() {
        return registry.reload().compose(programs -> Future.all(programs.stream().map(this::open).toList())).mapEmpty();
    }

    private synchronized Future<HostedProgram> open(Program program) {
        HostedProgram already = open.get(program.id());
        if (already != null) return Future.succeededFuture(already);
        Future<HostedProgram> pending = opening.get(program.id());
        if (pending != null) return pending;
        Promise<HostedProgram> done = Promise.promise();
        opening.put(program.id(), done.future());
        opener.apply(program).onComplete(ar -> {
            opened(program.id(), ar.succeeded() ? ar.result() : null);
            done.handle(ar);
        });
        return done.future();
    }

    private synchronized void opened(ProgramId id, HostedProgram program) {
        opening.remove(id);
        if (program == null) return;
        // Listeners first: once findable, a program is served (its sockets' directory exists).
        openListeners.forEach(l -> l.accept(program));
        open.put(id, program);
    }

    /** Closes every program's stores but the default one's (the hub closes those last). */
    public Future<Void> close() {
        List<Future<Void>> closed = new ArrayList<>();
        for (HostedProgram h : open.values()) {
            if (h != defaultProgram) closed.add(h.close());
        }
        return Future.join(closed).mapEmpty();
    }
}
