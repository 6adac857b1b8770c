package org.hearthhub.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditHash;
import org.hearthhub.audit.AuditRecord;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The settings store for one node without Redis: JSON files under {@code dataDir/programs/<programId>/}.
 * <pre>
 *   accounts.json            all staff accounts (rewritten atomically)
 *   settings.json            the program settings (rewritten atomically)
 *   audit/audit-YYYY-MM.jsonl  hash-chained audit entries, one JSON line each, append + fsync
 *   stats/YYYY-MM.json       day → counter → count (rewritten atomically)
 * </pre>
 * All file I/O runs on worker threads under one lock, so read-modify-write cycles of this store never
 * interleave and no concurrent update is lost. Only one hub process may own a data directory.
 */
public final class FileSettingsStore implements SettingsStore {
    private static final TypeReference<List<Account>> ACCOUNTS = new TypeReference<>() {
    };
    private static final TypeReference<TreeMap<LocalDate, TreeMap<String, Long>>> MONTH_COUNTERS = new TypeReference<>() {
    };

    private final Vertx vertx;
    private final Path dataDir;
    private final Path root;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();

    // Audit tail, guarded by lock: loaded (and a torn tail repaired) on first audit access.
    private boolean auditOpened;
    private AuditEntry lastAudit;

    public FileSettingsStore(Vertx vertx, Path dataDir, String programId) {
        this(vertx, dataDir, programId, Clock.systemUTC());
    }

    /** @param clock decides what "older than keepDays" means when pruning the audit log */
    public FileSettingsStore(Vertx vertx, Path dataDir, String programId, Clock clock) {
        if (programId == null || !programId.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("program id must be lower-case letters, digits and dashes (got '" + programId + "')");
        }
        this.vertx = vertx;
        this.clock = clock;
        this.dataDir = dataDir;
        this.root = dataDir.resolve("programs").resolve(programId);
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
            List<Account> all = new ArrayList<>(readAccounts());
            all.removeIf(a -> a.username().equals(account.username()));
            all.add(account);
            all.sort(Comparator.comparing(Account::username));
            DurableFiles.replace(accountsFile(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
            return null;
        });
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

    private List<Account> readAccounts() throws IOException {
        Path file = accountsFile();
        return Files.exists(file) ? json.readValue(file.toFile(), ACCOUNTS) : List.of();
    }

    // ---- program settings

    @Override
    public Future<ProgramSettings> programSettings() {
        return io(() -> {
            Path file = settingsFile();
            return Files.exists(file)
                    ? json.readValue(file.toFile(), ProgramSettings.class)
                    : StarterSettings.load(json);
        });
    }

    @Override
    public Future<Void> saveProgramSettings(ProgramSettings settings) {
        if (settings == null) return Future.failedFuture(new IllegalArgumentException("settings must not be null"));
        return io(() -> {
            DurableFiles.replace(settingsFile(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings));
            return null;
        });
    }

    // ---- audit log

    @Override
    public Future<AuditEntry> appendAudit(AuditRecord record) {
        if (record == null || record.at() == null) {
            return Future.failedFuture(new IllegalArgumentException("an audit record needs a time"));
        }
        return io(() -> {
            openAudit();
            AuditEntry entry = AuditHash.next(lastAudit, record);
            // Months only move forward, even if the clock steps back across a month boundary.
            Path file = auditDir().resolve(auditFileName(record.at()));
            Optional<Path> tail = lastOf(auditFiles());
            if (tail.isPresent() && tail.get().getFileName().toString().compareTo(file.getFileName().toString()) > 0) {
                file = tail.get();
            }
            DurableFiles.append(file, line(entry));
            lastAudit = entry;
            return entry;
        });
    }

    @Override
    public Future<List<AuditEntry>> auditEntries(long fromSeq, int limit) {
        return io(() -> {
            openAudit();
            List<AuditEntry> out = new ArrayList<>();
            List<Path> files = auditFiles();
            for (int i = 0; i < files.size() && out.size() < limit; i++) {
                boolean laterFileStartsAtOrBefore = i + 1 < files.size()
                        && firstEntry(files.get(i + 1)).map(e -> e.seq() <= fromSeq).orElse(false);
                if (laterFileStartsAtOrBefore) continue;
                for (AuditEntry e : readAudit(files.get(i))) {
                    if (e.seq() >= fromSeq && out.size() < limit) out.add(e);
                }
            }
            return out;
        });
    }

    /**
     * Drops the oldest entries (a prefix, so the chain stays verifiable from the first kept entry's
     * prevHash). The newest entry is always kept so that seq and hash continue after a restart.
     */
    @Override
    public Future<Integer> pruneAudit(int keepDays) {
        if (keepDays < 1) return Future.failedFuture(new IllegalArgumentException("keepDays must be at least 1"));
        return io(() -> {
            openAudit();
            Instant cutoff = clock.instant().minus(keepDays, ChronoUnit.DAYS);
            List<Path> files = auditFiles();
            int dropped = 0;
            for (int i = 0; i < files.size(); i++) {
                List<AuditEntry> entries = readAudit(files.get(i));
                int keepFrom = 0;
                while (keepFrom < entries.size() && entries.get(keepFrom).record().at().isBefore(cutoff)
                        && !(i == files.size() - 1 && keepFrom == entries.size() - 1)) {
                    keepFrom++;
                }
                dropped += keepFrom;
                if (keepFrom == entries.size() && i < files.size() - 1) {
                    Files.delete(files.get(i));
                    continue;
                }
                if (keepFrom > 0) {
                    ByteArrayOutputStream kept = new ByteArrayOutputStream();
                    for (AuditEntry e : entries.subList(keepFrom, entries.size())) kept.write(line(e));
                    DurableFiles.replace(files.get(i), kept.toByteArray());
                }
                break;
            }
            return dropped;
        });
    }

    /** Finds the chain's tail; a line torn by a crash is closed with a newline so it stays an ignored line. */
    private void openAudit() throws IOException {
        if (auditOpened) return;
        List<Path> files = auditFiles();
        Optional<Path> tail = lastOf(files);
        if (tail.isPresent() && !endsWithNewline(tail.get())) {
            DurableFiles.append(tail.get(), new byte[]{'\n'});
        }
        for (int i = files.size() - 1; i >= 0 && lastAudit == null; i--) {
            lastOf(readAudit(files.get(i))).ifPresent(e -> lastAudit = e);
        }
        auditOpened = true;
    }

    private List<AuditEntry> readAudit(Path file) throws IOException {
        try (BufferedReader r = lenientReader(file)) {
            List<AuditEntry> out = new ArrayList<>();
            for (String l = r.readLine(); l != null; l = r.readLine()) parseAudit(l).ifPresent(out::add);
            return out;
        }
    }

    private Optional<AuditEntry> firstEntry(Path file) throws IOException {
        try (BufferedReader r = lenientReader(file)) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                Optional<AuditEntry> e = parseAudit(l);
                if (e.isPresent()) return e;
            }
            return Optional.empty();
        }
    }

    /** Unreadable lines (a torn write, or tampering) are skipped here; verification then reports the gap. */
    private Optional<AuditEntry> parseAudit(String line) {
        if (line.isBlank()) return Optional.empty();
        try {
            AuditEntry e = json.readValue(line, AuditEntry.class);
            return e.record() == null || e.hash() == null || e.prevHash() == null || e.record().at() == null
                    ? Optional.empty() : Optional.of(e);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A torn write can split a multi-byte character; decode it as a replacement char instead of failing the read. */
    private static BufferedReader lenientReader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }

    private byte[] line(AuditEntry entry) throws JsonProcessingException {
        return (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() == 0) return true;
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private List<Path> auditFiles() throws IOException {
        return list(auditDir(), "audit-", ".jsonl");
    }

    private static String auditFileName(Instant at) {
        return "audit-" + YearMonth.from(at.atZone(ZoneOffset.UTC)) + ".jsonl";
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

    private Path auditDir() {
        return root.resolve("audit");
    }

    private Path statsFile(YearMonth month) {
        return root.resolve("stats").resolve(month + ".json");
    }

    private static List<Path> list(Path dir, String prefix, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(suffix);
            }).sorted().toList();
        }
    }

    private static <T> Optional<T> lastOf(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }
}
