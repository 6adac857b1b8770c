package org.hearthhub.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.util.HubJson;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The settings store for one node without Redis: JSON files under {@code dataDir/programs/<programId>/}, one part
 * per job, each holding only its files:
 * <pre>
 *   {@link FileAccounts}           accounts.json            all staff accounts (rewritten atomically; the default program's file is the hub's)
 *   {@link FilePrograms}           programs.json            the hub's other programs (rewritten atomically; likewise)
 *   {@link FileCoalitionPartners}  coalition-partners.json  the coalition's partner directory (rewritten atomically; likewise)
 *   {@link FileProgramSettings}    settings.json            the program settings (rewritten atomically)
 *   {@link FileAuditLog}           audit/audit-YYYY-MM.jsonl  hash-chained audit entries, one JSON line each, append + fsync (see {@link AuditFiles})
 *   {@link FileDailyCounters}      stats/YYYY-MM.json       day → counter → count (rewritten atomically)
 *   {@link FileSharingRegister}    sharing/sharing-YYYY-MM.jsonl  the sharing register, one JSON line each, append + fsync (see {@link SharingFiles})
 *   {@link FileHubKeys}            keys.json                the hub's own keys (rewritten atomically; the default program's file is the hub's)
 * </pre>
 * All file I/O of every part runs on worker threads under one lock ({@link FileLane}, which this class keeps), so
 * read-modify-write cycles of this store never interleave and no concurrent update is lost. Only one hub process may
 * own a data directory.
 */
public final class FileSettingsStore implements SettingsStore {
    private final Vertx vertx;
    private final Path dataDir;
    private final Clock clock;
    private final FileLane lane;

    private final FileAccounts accounts;
    private final FilePrograms programs;
    private final FileCoalitionPartners partners;
    private final FileProgramSettings settings;
    private final FileAuditLog audit;
    private final FileSharingRegister sharing;
    private final FileDailyCounters counters;
    private final FileHubKeys keys;

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
        this.lane = new FileLane(vertx);
        Path root = dataDir.resolve("programs").resolve(programId.value());
        ObjectMapper json = HubJson.mapper();
        this.accounts = new FileAccounts(lane, json, root);
        this.programs = new FilePrograms(lane, json, root);
        this.partners = new FileCoalitionPartners(lane, json, root);
        this.settings = new FileProgramSettings(lane, json, root);
        this.audit = new FileAuditLog(vertx, lane, json, root, clock);
        this.sharing = new FileSharingRegister(lane, json, root);
        this.counters = new FileDailyCounters(lane, json, root);
        this.keys = new FileHubKeys(lane, json, root);
    }

    /** Files of their own beside this store's, under the same data directory; nothing shared to close. */
    @Override
    public SettingsStore forProgram(ProgramId program) {
        return new FileSettingsStore(vertx, dataDir, program, clock);
    }

    @Override
    public String location() {
        return "data directory " + dataDir.toAbsolutePath().normalize();
    }

    /** Completes once every write already started has finished, so a stopped hub leaves no half-done file. */
    @Override
    public Future<Void> close() {
        return lane.drained();
    }

    // ---- accounts (FileAccounts)

    @Override
    public Future<Optional<Account>> account(String username) {
        return accounts.account(username);
    }

    @Override
    public Future<List<Account>> accounts() {
        return accounts.accounts();
    }

    @Override
    public Future<Void> saveAccount(Account account) {
        return accounts.saveAccount(account);
    }

    @Override
    public Future<Account> updateAccount(String username, Function<Optional<Account>, Account> change) {
        return accounts.updateAccount(username, change);
    }

    @Override
    public Future<Boolean> saveFirstAccount(Account account) {
        return accounts.saveFirstAccount(account);
    }

    @Override
    public Future<Boolean> removeFirstAccount(Account account) {
        return accounts.removeFirstAccount(account);
    }

    // ---- the hub's programs (FilePrograms)

    @Override
    public Future<List<Program>> programs() {
        return programs.programs();
    }

    @Override
    public Future<Boolean> addProgram(Program program) {
        return programs.addProgram(program);
    }

    @Override
    public Future<NumbersSaved> saveNumbers(Program program) {
        return programs.saveNumbers(program);
    }

    // ---- the coalition's partner directory (FileCoalitionPartners)

    @Override
    public Future<List<Partner>> coalitionPartners() {
        return partners.coalitionPartners();
    }

    @Override
    public Future<Boolean> addCoalitionPartner(Partner partner) {
        return partners.addCoalitionPartner(partner);
    }

    @Override
    public Future<Boolean> replaceCoalitionPartner(Partner partner) {
        return partners.replaceCoalitionPartner(partner);
    }

    @Override
    public Future<Boolean> removeCoalitionPartner(String id) {
        return partners.removeCoalitionPartner(id);
    }

    // ---- program settings (FileProgramSettings)

    @Override
    public Future<ProgramSettings> programSettings() {
        return settings.programSettings();
    }

    @Override
    public Future<Void> saveProgramSettings(ProgramSettings settings) {
        return this.settings.saveProgramSettings(settings);
    }

    @Override
    public Future<ProgramSettings> updateProgramSettings(UnaryOperator<ProgramSettings> change) {
        return settings.updateProgramSettings(change);
    }

    // ---- audit log (FileAuditLog)

    @Override
    public Future<AuditEntry> appendAudit(AuditRecord record) {
        return audit.appendAudit(record);
    }

    @Override
    public Future<List<AuditEntry>> auditEntries(long fromSeq, int limit) {
        return audit.auditEntries(fromSeq, limit);
    }

    @Override
    public <T extends Consumer<AuditEntry>> Future<T> scanAudit(Supplier<T> fresh) {
        return audit.scanAudit(fresh);
    }

    @Override
    public Future<Long> auditBytes() {
        return audit.auditBytes();
    }

    @Override
    public Future<Integer> pruneAudit(int keepDays, AuditCap cap) {
        return audit.pruneAudit(keepDays, cap);
    }

    // ---- sharing register (FileSharingRegister)

    @Override
    public Future<Void> appendSharing(SharingEntry entry) {
        return sharing.appendSharing(entry);
    }

    @Override
    public Future<List<SharingEntry>> sharingEntries(YearMonth month) {
        return sharing.sharingEntries(month);
    }

    // ---- daily counters (FileDailyCounters)

    @Override
    public Future<Void> addDailyCounters(LocalDate day, Map<String, Long> increments) {
        return counters.addDailyCounters(day, increments);
    }

    @Override
    public Future<Map<LocalDate, Map<String, Long>>> dailyCounters(LocalDate from, LocalDate to) {
        return counters.dailyCounters(from, to);
    }

    // ---- the hub's keys (FileHubKeys)

    @Override
    public Future<String> hubKey(String name, String fresh) {
        return keys.hubKey(name, fresh);
    }
}
