package org.hearthhub.settings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.StoreJson;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.util.HubJson;

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
import java.util.logging.Logger;

/**
 * The settings store shared by several hub nodes: a Redis with persistence (append-only file). This class joins the
 * parts, one per job, and keeps what they share: the connection and the change notices. Every key is under the
 * program's prefix {@code p = hearth:{programId}:}, none of them expiring; each part's comment lists its keys:
 * <pre>
 *   {@link RedisAccounts}           p accounts (the default program's hash is the hub's)
 *   {@link RedisPrograms}           p programs (likewise)
 *   {@link RedisCoalitionPartners}  p coalitionPartners (likewise)
 *   {@link RedisProgramSettings}    p settings, p settingsVersion
 *   {@link RedisAuditLog}           p audit, p auditBytes
 *   {@link RedisDailyCounters}      p stats:DAY
 *   {@link RedisSharingRegister}    p sharing:YYYY-MM
 *   {@link RedisHubKeys}            p keys (the default program's hash is the hub's)
 *   {@link RedisChangeNotices}      p settings-changed, p accounts-changed: pub/sub channels, nothing stored
 * </pre>
 * After each settings save the new version number, and nothing else, is published on the channel
 * {@code p settings-changed}, and after each account save an empty message on {@code p accounts-changed}
 * (never the username), so that every node reloads at once instead of at its next poll. Pub/sub drops
 * what is sent while a node is disconnected, so a node also reloads whenever its subscription is
 * (re)established, and the hub keeps a slow poll as a last safety net.
 */
public final class RedisSettingsStore implements SettingsStore {
    private static final Logger LOG = Logger.getLogger(RedisSettingsStore.class.getName());

    private final Vertx vertx;
    private final RedisEndpoint redis;
    private final Clock clock;
    /** What the settings are before a lead saves any (StarterSettings). */
    private final ProgramSettings starter;
    /** Whether this store opened the connection and so closes it; the stores of other programs only borrow it. */
    private final boolean ownsConnection;

    private final RedisAccounts accounts;
    private final RedisPrograms programs;
    private final RedisCoalitionPartners partners;
    private final RedisProgramSettings settings;
    private final RedisAuditLog audit;
    private final RedisSharingRegister sharing;
    private final RedisDailyCounters counters;
    private final RedisHubKeys keys;

    private RedisSettingsStore(Vertx vertx, RedisEndpoint redis, ProgramId programId, Clock clock,
                               ProgramSettings starter, boolean ownsConnection) {
        this.vertx = vertx;
        this.redis = redis;
        this.clock = clock;
        this.ownsConnection = ownsConnection;
        this.starter = starter;
        String prefix = "hearth:{" + programId + "}:";
        StoreJson json = new StoreJson("settings Redis");
        RedisChangeNotices notices = new RedisChangeNotices(vertx, redis, prefix);
        this.accounts = new RedisAccounts(redis, prefix, json, notices);
        this.programs = new RedisPrograms(redis, prefix, json);
        this.partners = new RedisCoalitionPartners(redis, prefix, json);
        this.settings = new RedisProgramSettings(redis, prefix, json, notices, starter);
        this.audit = new RedisAuditLog(vertx, redis, prefix, clock, json);
        this.sharing = new RedisSharingRegister(redis, prefix, json);
        this.counters = new RedisDailyCounters(redis, prefix);
        this.keys = new RedisHubKeys(redis, prefix);
    }

    /** @param clock decides what "older than keepDays" means when pruning the audit log */
    public static Future<RedisSettingsStore> connect(Vertx vertx, String url, String programId, Clock clock) {
        if (!ProgramId.isValid(programId)) {
            return Future.failedFuture(new IllegalArgumentException(
                    "program id must be lower-case letters, digits and dashes (got '" + programId + "')"));
        }
        return vertx.executeBlocking(() -> StarterSettings.load(HubJson.mapper()), false)
                .compose(starter -> RedisEndpoint.connect(vertx, url, "settings")
                        .map(redis -> new RedisSettingsStore(vertx, redis, ProgramId.of(programId), clock, starter, true)))
                .onSuccess(RedisSettingsStore::warnIfNotDurable);
    }

    /** The same Redis and connection, under the other program's prefix. */
    @Override
    public SettingsStore forProgram(ProgramId program) {
        return new RedisSettingsStore(vertx, redis, program, clock, starter, false);
    }

    /** Settings in a Redis that neither snapshots nor logs are lost on its restart: say so, once, at start. */
    private void warnIfNotDurable() {
        Future<Map<String, String>> save = redis.call(c -> c.configGet("save"));
        Future<Map<String, String>> aof = redis.call(c -> c.configGet("appendonly"));
        Future.all(save, aof).onSuccess(all -> {
            boolean snapshots = !String.valueOf(save.result().get("save")).isBlank();
            boolean appendOnly = "yes".equalsIgnoreCase(aof.result().get("appendonly"));
            if (!appendOnly) {
                LOG.warning("the settings Redis at " + redis.address() + " has appendonly no"
                        + (snapshots ? " (snapshots only: recent changes can be lost)" : " and no snapshots: accounts, settings and the audit log are lost when it restarts")
                        + "; see docs/operations.md");
            }
        });
    }

    @Override
    public String location() {
        return "settings Redis at " + redis.address();
    }

    /** Also ends the change subscription: its connection belongs to the same client. A borrowed connection stays open. */
    @Override
    public Future<Void> close() {
        return ownsConnection ? redis.close() : Future.succeededFuture();
    }

    // ---- accounts (RedisAccounts)

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

    @Override
    public Future<Void> watchAccounts(Runnable onChange) {
        return accounts.watchAccounts(onChange);
    }

    // ---- the hub's programs (RedisPrograms)

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

    // ---- the coalition's partner directory (RedisCoalitionPartners)

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

    // ---- program settings (RedisProgramSettings)

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

    @Override
    public Future<Void> watchProgramSettings(Runnable onChange) {
        return settings.watchProgramSettings(onChange);
    }

    // ---- audit log (RedisAuditLog)

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

    // ---- sharing register (RedisSharingRegister)

    @Override
    public Future<Void> appendSharing(SharingEntry entry) {
        return sharing.appendSharing(entry);
    }

    @Override
    public Future<List<SharingEntry>> sharingEntries(YearMonth month) {
        return sharing.sharingEntries(month);
    }

    // ---- daily counters (RedisDailyCounters)

    @Override
    public Future<Void> addDailyCounters(LocalDate day, Map<String, Long> increments) {
        return counters.addDailyCounters(day, increments);
    }

    @Override
    public Future<Map<LocalDate, Map<String, Long>>> dailyCounters(LocalDate from, LocalDate to) {
        return counters.dailyCounters(from, to);
    }

    // ---- the hub's keys (RedisHubKeys)

    @Override
    public Future<String> hubKey(String name, String fresh) {
        return keys.hubKey(name, fresh);
    }
}
