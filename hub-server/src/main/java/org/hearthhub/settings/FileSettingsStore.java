package org.hearthhub.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.audit.AuditScan;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.util.HubJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The settings store for one node without Redis: JSON files under {@code dataDir/programs/<programId>/}.
 * <pre>
 *   accounts.json            all staff accounts (rewritten atomically; the default program's file is the hub's)
 *   programs.json            the hub's other programs (rewritten atomically; likewise)
 *   coalition-partners.json  the coalition's partner directory (rewritten atomically; likewise)
 *   settings.json            the program settings (rewritten atomically)
 *   audit/audit-YYYY-MM.jsonl  hash-chained audit entries, one JSON line each, append + fsync (see {@link AuditFiles})
 *   stats/YYYY-MM.json       day → counter → count (rewritten atomically)
 *   sharing/sharing-YYYY-MM.jsonl  the sharing register, one JSON line each, append + fsync (see {@link SharingFiles})
 * </pre>
 * All file I/O runs on worker threads under one lock, so read-modify-write cycles of this store never
 * interleave and no concurrent update is lost. Only one hub process may own a data directory.
 */
public final class FileSettingsStore implements SettingsStore {
    private static final TypeReference<List<Account>> ACCOUNTS = new TypeReference<>() {
    };
    private static final TypeReference<List<Program>> PROGRAMS = new TypeReference<>() {
    };
    private static final TypeReference<List<Partner>> PARTNERS = new TypeReference<>() {
    };
    private static final TypeReference<TreeMap<LocalDate, TreeMap<String, Long>>> MONTH_COUNTERS = new TypeReference<>() {
    };

    private final Vertx vertx;
    private final Path dataDir;
    private final Path root;
    private final Clock clock;
    private final ObjectMapper json = HubJson.mapper();
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();

    private final AuditFiles audit;
    private final SharingFiles sharing;

    public FileSettingsStore(Vertx vertx, Path dataDir, String programId) {
        this(vertx, dataDir, programId, Clock.systemUTC());
    }

    /** @param clock decides what "older than keepDays" means when pruning the audit log */
    public FileSettingsStore(Vertx vertx, Path dataDir, String programId, Clock clock) {
        this(vertx, dataDir, ProgramId.of(programId), clock);
    }

    public FileSettingsStore(Vertx vertx, Path dataDir, ProgramId programId, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
        this.dataDir = dataDir;
        this.root = dataDir.resolve("programs").resolve(programId.value());
        this.audit = new AuditFiles(root.resolve("audit"), json);
        this.sharing = new SharingFiles(root.resolve("sharing"), json);
    }

    /** Files of their own beside this store's, under the same data directory; nothing shared to close. */
    @Override
    public SettingsStore forProgram(ProgramId program) {
        return new FileSettingsStore(vertx, dataDir, program, clock);
    }

    // ---- accounts

    @Override
    public Future<Optional<Account>> account(String username) {
        return io(() -> readAccounts().stream().filter(a -> a.username().equals(username)).findFirst());
    }

    @Override
    public Future<List<Account>> accounts() {
        return io(this::readAccounts);
    }

    @Override
    public Future<Void> saveAccount(Account account) {
        if (account == null || account.username() == null || account.username().isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("an account needs a username"));
        }
        return io(() -> {
            writeAccount(readAccounts(), account);
            return null;
        });
    }

    /** Read, change and write under the store's one lock: no other save of this process comes between. */
    @Override
    public Future<Account> updateAccount(String username, Function<Optional<Account>, Account> change) {
        return io(() -> {
            List<Account> all = readAccounts();
            Account changed = AccountChange.apply(username, change, all.stream().filter(a -> a.username().equals(username)).findFirst());
            writeAccount(all, changed);
            return changed;
        });
    }

    private void writeAccount(List<Account> stored, Account account) throws IOException {
        List<Account> all = new ArrayList<>(stored);
        all.removeIf(a -> a.username().equals(account.username()));
        all.add(account);
        all.sort(Comparator.comparing(Account::username));
        DurableFiles.replace(accountsFile(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
    }

    /** Atomic because every file operation of this store runs under its one lock. */
    @Override
    public Future<Boolean> saveFirstAccount(Account account) {
        if (account == null || account.username() == null || account.username().isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("an account needs a username"));
        }
        return io(() -> {
            if (!readAccounts().isEmpty()) return false;
            DurableFiles.replace(accountsFile(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(List.of(account)));
            return true;
        });
    }

    /** Atomic because every file operation of this store runs under its one lock. */
    @Override
    public Future<Boolean> removeFirstAccount(Account account) {
        return io(() -> {
            List<Account> all = new ArrayList<>(readAccounts());
            // Its hash (salted at random) is this account's alone; the lead changing their password changes it.
            if (!all.removeIf(a -> a.username().equals(account.username()) && a.passwordHash().equals(account.passwordHash()))) {
                return false;
            }
            DurableFiles.replace(accountsFile(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            return true;
        });
    }

    private List<Account> readAccounts() throws IOException {
        Path file = accountsFile();
        return Files.exists(file) ? json.readValue(file.toFile(), ACCOUNTS) : List.of();
    }

    // ---- the hub's programs

    @Override
    public Future<List<Program>> programs() {
        return io(this::readPrograms);
    }

    /** Atomic because every file operation of this store runs under its one lock. */
    @Override
    public Future<Boolean> addProgram(Program program) {
        if (program == null) return Future.failedFuture(new IllegalArgumentException("program must not be null"));
        return io(() -> {
            List<Program> all = new ArrayList<>(readPrograms());
            if (all.stream().anyMatch(p -> p.id().equals(program.id()))) return false;
            all.add(program);
            all.sort(Comparator.comparing(p -> p.id().value()));
            DurableFiles.replace(root.resolve("programs.json"), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            return true;
        });
    }

    /** Atomic because every file operation of this store runs under its one lock. */
    @Override
    public Future<NumbersSaved> saveNumbers(Program program) {
        if (program == null) return Future.failedFuture(new IllegalArgumentException("program must not be null"));
        return io(() -> {
            List<Program> all = new ArrayList<>(readPrograms());
            Program stored = all.stream().filter(p -> p.id().equals(program.id())).findFirst().orElse(null);
            if (stored == null) return NumbersSaved.NO_SUCH_PROGRAM;
            boolean taken = all.stream().anyMatch(p -> p != stored && (p.owns(program.smsNumber()) || p.owns(program.voiceNumber())));
            if (taken) return NumbersSaved.NUMBER_TAKEN;
            all.set(all.indexOf(stored), stored.withNumbers(program.smsNumber(), program.voiceNumber()));
            DurableFiles.replace(root.resolve("programs.json"), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            return NumbersSaved.SAVED;
        });
    }

    private List<Program> readPrograms() throws IOException {
        Path file = root.resolve("programs.json");
        return Files.exists(file) ? json.readValue(file.toFile(), PROGRAMS) : List.of();
    }

    // ---- the coalition's partner directory

    @Override
    public Future<List<Partner>> coalitionPartners() {
        return io(() -> CoalitionPartnerStore.byName(readCoalitionPartners()));
    }

    /** Atomic because every file operation of this store runs under its one lock. */
    @Override
    public Future<Boolean> addCoalitionPartner(Partner partner) {
        return changeCoalitionPartners(partner, all -> stored(all, partner.id()) < 0 && all.add(partner));
    }

    @Override
    public Future<Boolean> replaceCoalitionPartner(Partner partner) {
        return changeCoalitionPartners(partner, all -> {
            int at = stored(all, partner.id());
            if (at >= 0) all.set(at, partner);
            return at >= 0;
        });
    }

    @Override
    public Future<Boolean> removeCoalitionPartner(String id) {
        return changeCoalitionPartners(id, all -> all.removeIf(p -> p.id().equals(id)));
    }

    private static int stored(List<Partner> all, String id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) return i;
        }
        return -1;
    }

    /** Reads the file, applies {@code change} (true: something changed), and writes it back only then. */
    private Future<Boolean> changeCoalitionPartners(Object subject, Predicate<List<Partner>> change) {
        if (subject == null) return Future.failedFuture(new IllegalArgumentException("no coalition partner given"));
        return io(() -> {
            List<Partner> all = new ArrayList<>(readCoalitionPartners());
            if (!change.test(all)) return false;
            DurableFiles.replace(root.resolve("coalition-partners.json"), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            return true;
        });
    }

    private List<Partner> readCoalitionPartners() throws IOException {
        Path file = root.resolve("coalition-partners.json");
        return Files.exists(file) ? json.readValue(file.toFile(), PARTNERS) : List.of();
    }

    // ---- program settings

    @Override
    public Future<ProgramSettings> programSettings() {
        return io(this::readSettings);
    }

    @Override
    public Future<Void> saveProgramSettings(ProgramSettings settings) {
        if (settings == null) return Future.failedFuture(new IllegalArgumentException("settings must not be null"));
        return io(() -> {
            writeSettings(settings);
            return null;
        });
    }

    /** Read, change and write under the store's one lock: no other save of this process comes between. */
    @Override
    public Future<ProgramSettings> updateProgramSettings(UnaryOperator<ProgramSettings> change) {
        return io(() -> {
            ProgramSettings changed = Objects.requireNonNull(change.apply(readSettings()), "changed settings");
            writeSettings(changed);
            return changed;
        });
    }

    private ProgramSettings readSettings() throws IOException {
        Path file = settingsFile();
        return Files.exists(file) ? json.readValue(file.toFile(), ProgramSettings.class) : StarterSettings.load(json);
    }

    private void writeSettings(ProgramSettings settings) throws IOException {
        DurableFiles.replace(settingsFile(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings));
    }

    // ---- audit log

    @Override
    public Future<AuditEntry> appendAudit(AuditRecord record) {
        if (record == null || record.at() == null) {
            return Future.failedFuture(new IllegalArgumentException("an audit record needs a time"));
        }
        return io(() -> audit.append(record));
    }

    @Override
    public Future<List<AuditEntry>> auditEntries(long fromSeq, int limit) {
        return io(() -> audit.page(fromSeq, limit));
    }

    /** Each page is read under the lock on its own, so appends and prunes go on between pages. */
    @Override
    public <T extends Consumer<AuditEntry>> Future<T> scanAudit(Supplier<T> fresh) {
        return AuditScan.run(vertx, this::auditEntries, fresh);
    }

    @Override
    public Future<Long> auditBytes() {
        return io(audit::bytes);
    }

    @Override
    public Future<Integer> pruneAudit(int keepDays, AuditCap cap) {
        if (keepDays < 1) return Future.failedFuture(new IllegalArgumentException("keepDays must be at least 1"));
        return io(() -> audit.prune(clock.instant().minus(keepDays, ChronoUnit.DAYS), cap));
    }

    // ---- sharing register

    @Override
    public Future<Void> appendSharing(SharingEntry entry) {
        if (entry == null || entry.at() == null) return Future.failedFuture(new IllegalArgumentException("a register entry needs a time"));
        return io(() -> {
            sharing.append(entry);
            return null;
        });
    }

    @Override
    public Future<List<SharingEntry>> sharingEntries(YearMonth month) {
        return io(() -> sharing.month(month));
    }

    // ---- daily counters

    @Override
    public Future<Void> addDailyCounters(LocalDate day, Map<String, Long> increments) {
        if (day == null || increments == null) {
            return Future.failedFuture(new IllegalArgumentException("day and increments must not be null"));
        }
        return io(() -> {
            Path file = statsFile(YearMonth.from(day));
            TreeMap<LocalDate, TreeMap<String, Long>> month = readMonth(file);
            TreeMap<String, Long> counters = month.computeIfAbsent(day, d -> new TreeMap<>());
            increments.forEach((name, n) -> counters.merge(name, n, Long::sum));
            DurableFiles.replace(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(month));
            return null;
        });
    }

    @Override
    public Future<Map<LocalDate, Map<String, Long>>> dailyCounters(LocalDate from, LocalDate to) {
        return io(() -> {
            Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
            for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                readMonth(statsFile(m)).forEach((day, counters) -> {
                    if (!day.isBefore(from) && !day.isAfter(to)) out.put(day, counters);
                });
            }
            return out;
        });
    }

    private TreeMap<LocalDate, TreeMap<String, Long>> readMonth(Path file) throws IOException {
        return Files.exists(file) ? json.readValue(file.toFile(), MONTH_COUNTERS) : new TreeMap<>();
    }

    @Override
    public String location() {
        return "data directory " + dataDir.toAbsolutePath().normalize();
    }

    /** Completes once every write already started has finished, so a stopped hub leaves no half-done file. */
    @Override
    public Future<Void> close() {
        return Future.join(List.copyOf(inFlight)).mapEmpty();
    }

    // ---- plumbing

    /** Every file operation: on a worker thread, one at a time. */
    private <T> Future<T> io(Callable<T> work) {
        Future<T> done = vertx.executeBlocking(() -> {
            lock.lock();
            try {
                return work.call();
            } finally {
                lock.unlock();
            }
        }, false);
        inFlight.add(done);
        return done.andThen(r -> inFlight.remove(done));
    }

    private Path accountsFile() {
        return root.resolve("accounts.json");
    }

    private Path settingsFile() {
        return root.resolve("settings.json");
    }

    private Path statsFile(YearMonth month) {
        return root.resolve("stats").resolve(month + ".json");
    }
}
