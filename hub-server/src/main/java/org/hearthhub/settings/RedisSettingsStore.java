package org.hearthhub.settings;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.StoreJson;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.util.HubJson;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The settings store shared by several hub nodes: a Redis with persistence (append-only file). Keys,
 * with {@code p = hearth:{programId}:}, none of them expiring:
 * <pre>
 *   p accounts         hash    username → account JSON (the default program's hash is the hub's)
 *   p programs         hash    program id → program JSON, the hub's other programs (likewise)
 *   p coalitionPartners hash   entry id → partner JSON, the coalition's partner directory (likewise)
 *   p settings         string  program settings JSON (absent: the defaults)
 *   p settingsVersion  string  counts settings saves (INCR, in the same script as the save); a lead's change is
 *                              saved only if it is still the version the change was made to (a compare-and-set)
 *   p audit            list    audit entry JSON, oldest first; a window of the hash chain (pruning drops a prefix)
 *   p auditBytes       string  bytes of the entries in {@code p audit}, kept in step by the audit scripts (the size cap)
 *   p stats:DAY        hash    counter name → count for that day (HINCRBY)
 *   p sharing:YYYY-MM  list    sharing register entry JSON of that month (UTC), oldest first (RPUSH only)
 * </pre>
 * After each settings save the new version number, and nothing else, is published on the channel
 * {@code p settings-changed}, and after each account save an empty message on {@code p accounts-changed}
 * (never the username), so that every node reloads at once instead of at its next poll. Pub/sub drops
 * what is sent while a node is disconnected, so a node also reloads whenever its subscription is
 * (re)established, and the hub keeps a slow poll as a last safety net.
 * The audit log is {@link RedisAuditLog}'s.
 */
public final class RedisSettingsStore implements SettingsStore {
    private static final Logger LOG = Logger.getLogger(RedisSettingsStore.class.getName());

    private static final LuaScript ADD_COUNTERS = LuaScript.load("settings/add_counters.lua");
    private static final LuaScript SAVE_SETTINGS = LuaScript.load("settings/save_settings.lua");
    private static final LuaScript SAVE_SETTINGS_IF = LuaScript.load("settings/save_settings_if.lua");
    private static final LuaScript SAVE_ACCOUNT_IF = LuaScript.load("settings/save_account_if.lua");
    private static final LuaScript FIRST_ACCOUNT = LuaScript.load("settings/first_account.lua");
    private static final LuaScript REMOVE_FIRST_ACCOUNT = LuaScript.load("settings/remove_first_account.lua");
    private static final LuaScript PROGRAM_NUMBERS = LuaScript.load("settings/program_numbers.lua");
    private static final LuaScript COALITION_PARTNER_REPLACE = LuaScript.load("settings/coalition_partner_replace.lua");

    private final Vertx vertx;
    private final RedisEndpoint redis;
    private final Clock clock;
    private final String prefix;
    private final String changeChannel;
    private final String accountsChannel;
    /** Who hears of settings changes, each on the context it watched from; all share one pub/sub connection. */
    private final List<Runnable> settingsWatchers = new CopyOnWriteArrayList<>();
    /** Who hears of account changes, likewise. */
    private final List<Runnable> accountWatchers = new CopyOnWriteArrayList<>();
    private Future<Void> changeSubscription;
    private final StoreJson json = new StoreJson("settings Redis");
    /** What the settings are before a lead saves any (StarterSettings). */
    private final ProgramSettings starter;
    private final RedisAuditLog audit;

    /** Whether this store opened the connection and so closes it; the stores of other programs only borrow it. */
    private final boolean ownsConnection;

    private RedisSettingsStore(Vertx vertx, RedisEndpoint redis, ProgramId programId, Clock clock,
                               ProgramSettings starter, boolean ownsConnection) {
        this.vertx = vertx;
        this.redis = redis;
        this.clock = clock;
        this.ownsConnection = ownsConnection;
        this.prefix = "hearth:{" + programId + "}:";
        this.changeChannel = prefix + "settings-changed";
        this.accountsChannel = prefix + "accounts-changed";
        this.starter = starter;
        this.audit = new RedisAuditLog(vertx, redis, prefix, clock, json);
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

    // ---- accounts

    @Override
    public Future<Optional<Account>> account(String username) {
        if (username == null) return Future.succeededFuture(Optional.empty());
        return redis.call(r -> r.hget(key("accounts"), username)).map(v -> Optional.ofNullable(v).map(s -> json.decode(s, Account.class)));
    }

    @Override
    public Future<List<Account>> accounts() {
        return redis.call(r -> r.hvals(key("accounts"))).map(values -> {
            List<Account> out = new ArrayList<>(values.size());
            for (String v : values) out.add(json.decode(v, Account.class));
            out.sort(Comparator.comparing(Account::username));
            return out;
        });
    }

    @Override
    public Future<Void> saveAccount(Account account) {
        if (account == null || account.username() == null || account.username().isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("an account needs a username"));
        }
        return json.encode(account).compose(v -> redis.call(r -> r.hset(key("accounts"), account.username(), v)))
                .compose(v -> announce(accountsChannel, "", "account"));
    }

    /** As {@link #updateProgramSettings}, with the account's stored JSON as what must not have changed. */
    @Override
    public Future<Account> updateAccount(String username, Function<Optional<Account>, Account> change) {
        return ContendedWrite.untilLanded("account not saved: other nodes kept saving", () -> redis.call(r -> r.hget(key("accounts"), username)).compose(stored -> {
            Account changed = AccountChange.apply(username, change, Optional.ofNullable(stored).map(v -> json.decode(v, Account.class)));
            return json.encode(changed)
                    .compose(v -> SAVE_ACCOUNT_IF.<Long>run(redis, ScriptOutputType.INTEGER, key("accounts"), username,
                            stored == null ? "" : stored, v))
                    .compose(saved -> saved == 0L ? ContendedWrite.<Account>missed() : announce(accountsChannel, "", "account").map(Optional.of(changed)));
        }));
    }

    @Override
    public Future<Boolean> saveFirstAccount(Account account) {
        if (account == null || account.username() == null || account.username().isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("an account needs a username"));
        }
        return json.encode(account)
                .compose(v -> FIRST_ACCOUNT.<Long>run(redis, ScriptOutputType.INTEGER, key("accounts"), account.username(), v))
                .compose(saved -> saved == 1L
                        ? announce(accountsChannel, "", "account").map(true)
                        : Future.succeededFuture(false));
    }

    /** The account's JSON is encoded as {@link #saveFirstAccount} encoded it, so an unchanged account matches. */
    @Override
    public Future<Boolean> removeFirstAccount(Account account) {
        return json.encode(account)
                .compose(v -> REMOVE_FIRST_ACCOUNT.<Long>run(redis, ScriptOutputType.INTEGER, key("accounts"), account.username(), v))
                .compose(removed -> removed == 1L
                        ? announce(accountsChannel, "", "account").map(true)
                        : Future.succeededFuture(false));
    }

    // ---- the hub's programs

    @Override
    public Future<List<Program>> programs() {
        return redis.call(r -> r.hvals(key("programs"))).map(values -> {
            List<Program> out = new ArrayList<>(values.size());
            for (String v : values) out.add(json.decode(v, Program.class));
            out.sort(Comparator.comparing(p -> p.id().value()));
            return out;
        });
    }

    @Override
    public Future<Boolean> addProgram(Program program) {
        if (program == null) return Future.failedFuture(new IllegalArgumentException("program must not be null"));
        return json.encode(program).compose(v -> redis.call(r -> r.hsetnx(key("programs"), program.id().value(), v)));
    }

    @Override
    public Future<NumbersSaved> saveNumbers(Program program) {
        if (program == null) return Future.failedFuture(new IllegalArgumentException("program must not be null"));
        return PROGRAM_NUMBERS.<Long>run(redis, ScriptOutputType.INTEGER, key("programs"), program.id().value(),
                        program.smsNumber() == null ? "" : program.smsNumber(), program.voiceNumber() == null ? "" : program.voiceNumber())
                .map(saved -> saved == 1L ? NumbersSaved.SAVED : saved == 0L ? NumbersSaved.NO_SUCH_PROGRAM : NumbersSaved.NUMBER_TAKEN);
    }

    // ---- the coalition's partner directory

    @Override
    public Future<List<Partner>> coalitionPartners() {
        return redis.call(r -> r.hvals(key("coalitionPartners"))).map(values -> {
            List<Partner> out = new ArrayList<>(values.size());
            for (String v : values) out.add(json.decode(v, Partner.class));
            return CoalitionPartnerStore.byName(out);
        });
    }

    @Override
    public Future<Boolean> addCoalitionPartner(Partner partner) {
        if (partner == null) return Future.failedFuture(new IllegalArgumentException("partner must not be null"));
        return json.encode(partner).compose(v -> redis.call(r -> r.hsetnx(key("coalitionPartners"), partner.id(), v)));
    }

    @Override
    public Future<Boolean> replaceCoalitionPartner(Partner partner) {
        if (partner == null) return Future.failedFuture(new IllegalArgumentException("partner must not be null"));
        return json.encode(partner)
                .compose(v -> COALITION_PARTNER_REPLACE.<Long>run(redis, ScriptOutputType.INTEGER, key("coalitionPartners"), partner.id(), v))
                .map(replaced -> replaced == 1L);
    }

    @Override
    public Future<Boolean> removeCoalitionPartner(String id) {
        if (id == null) return Future.failedFuture(new IllegalArgumentException("id must not be null"));
        return redis.call(r -> r.hdel(key("coalitionPartners"), id)).map(removed -> removed > 0);
    }

    // ---- program settings

    @Override
    public Future<ProgramSettings> programSettings() {
        return redis.call(r -> r.get(key("settings"))).map(v -> v == null
                ? starter
                : json.decode(v, ProgramSettings.class));
    }

    @Override
    public Future<Void> saveProgramSettings(ProgramSettings settings) {
        if (settings == null) return Future.failedFuture(new IllegalArgumentException("settings must not be null"));
        return json.encode(settings)
                .compose(v -> SAVE_SETTINGS.<Long>run(redis, ScriptOutputType.INTEGER, key("settings"), key("settingsVersion"), v))
                .compose(version -> announce(changeChannel, String.valueOf(version), "settings"));
    }

    /**
     * Reads the settings with their version, applies {@code change} and saves the result only if the version is
     * unchanged; when another node saved in between, reads again and applies the change to what it saved.
     */
    @Override
    public Future<ProgramSettings> updateProgramSettings(UnaryOperator<ProgramSettings> change) {
        return ContendedWrite.untilLanded("settings not saved: other nodes kept saving", () -> redis.call(r -> r.mget(key("settings"), key("settingsVersion"))).compose(read -> {
            String stored = read.get(0).getValueOrElse(null);
            String version = read.get(1).getValueOrElse("");
            ProgramSettings changed = Objects.requireNonNull(
                    change.apply(stored == null ? starter : json.decode(stored, ProgramSettings.class)), "changed settings");
            return json.encode(changed)
                    .compose(v -> SAVE_SETTINGS_IF.<Long>run(redis, ScriptOutputType.INTEGER, key("settings"), key("settingsVersion"), version, v))
                    .compose(saved -> saved < 0 ? ContendedWrite.<ProgramSettings>missed()
                            : announce(changeChannel, String.valueOf(saved), "settings").map(Optional.of(changed)));
        }));
    }

    /**
     * Tells the other nodes that the settings or an account changed. The save itself has succeeded by now, so
     * a notice that cannot be sent (a Redis user without channel rights, a dropped connection) only delays
     * the other nodes until their next poll: it is logged, not reported as a failed save.
     */
    private Future<Void> announce(String channel, String message, String what) {
        return redis.call(r -> r.publish(channel, message))
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.warning(what + " saved, but the change notice was not sent, so other nodes see it at their next poll: "
                            + e.getClass().getSimpleName() + " (the settings Redis user needs access to the channels hearth:*; see docs/operations.md)");
                    return Future.succeededFuture();
                });
    }

    @Override
    public Future<Void> watchProgramSettings(Runnable onChange) {
        return watch(settingsWatchers, onChange);
    }

    @Override
    public Future<Void> watchAccounts(Runnable onChange) {
        return watch(accountWatchers, onChange);
    }

    private synchronized Future<Void> watch(List<Runnable> watchers, Runnable onChange) {
        Context context = vertx.getOrCreateContext();
        watchers.add(() -> context.runOnContext(v -> onChange.run()));
        if (changeSubscription == null) changeSubscription = subscribeToChanges();
        return changeSubscription;
    }

    /** One pub/sub connection for both channels; Lettuce subscribes it again by itself after a reconnect. */
    private Future<Void> subscribeToChanges() {
        return redis.openPubSub().compose(pubsub -> {
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    watchersOf(channel).forEach(Runnable::run);
                }

                /** Also after each re-subscription: notices published while disconnected are lost for good. */
                @Override
                public void subscribed(String channel, long count) {
                    watchersOf(channel).forEach(Runnable::run);
                }
            });
            return redis.on(pubsub.async().subscribe(changeChannel, accountsChannel));
        });
    }

    private List<Runnable> watchersOf(String channel) {
        if (changeChannel.equals(channel)) return settingsWatchers;
        if (accountsChannel.equals(channel)) return accountWatchers;
        return List.of();
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

    // ---- sharing register

    /** RPUSH is atomic and the list is never rewritten, so nodes append side by side without a lane. */
    @Override
    public Future<Void> appendSharing(SharingEntry entry) {
        if (entry == null || entry.at() == null) return Future.failedFuture(new IllegalArgumentException("a register entry needs a time"));
        return json.encode(entry)
                .compose(line -> redis.call(r -> r.rpush(sharingKey(YearMonth.from(entry.at().atZone(ZoneOffset.UTC))), line)))
                .mapEmpty();
    }

    @Override
    public Future<List<SharingEntry>> sharingEntries(YearMonth month) {
        return redis.call(r -> r.lrange(sharingKey(month), 0, -1)).map(lines -> {
            List<SharingEntry> out = new ArrayList<>(lines.size());
            for (String line : lines) out.add(json.decode(line, SharingEntry.class));
            return out;
        });
    }

    private String sharingKey(YearMonth month) {
        return prefix + "sharing:" + month;
    }

    // ---- daily counters

    @Override
    public Future<Void> addDailyCounters(LocalDate day, Map<String, Long> increments) {
        if (day == null || increments == null) {
            return Future.failedFuture(new IllegalArgumentException("day and increments must not be null"));
        }
        if (increments.isEmpty()) return Future.succeededFuture();
        List<String> args = new ArrayList<>(1 + 2 * increments.size());
        args.add(statsKey(day));
        increments.forEach((name, n) -> {
            args.add(name);
            args.add(String.valueOf(n));
        });
        return ADD_COUNTERS.<Long>run(redis, ScriptOutputType.INTEGER, args.toArray(String[]::new)).mapEmpty();
    }

    @Override
    public Future<Map<LocalDate, Map<String, Long>>> dailyCounters(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) days.add(d);
        List<Future<Map<String, String>>> reads = days.stream().map(d -> redis.call(r -> r.hgetall(statsKey(d)))).toList();
        return Future.all(reads).map(all -> {
            Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
            for (int i = 0; i < days.size(); i++) {
                Map<String, String> raw = reads.get(i).result();
                if (raw.isEmpty()) continue;
                Map<String, Long> counters = new TreeMap<>();
                raw.forEach((name, n) -> counters.put(name, Long.parseLong(n)));
                out.put(days.get(i), counters);
            }
            return out;
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

    // ---- plumbing

    private String key(String name) {
        return prefix + name;
    }

    private String statsKey(LocalDate day) {
        return prefix + "stats:" + day;
    }

}
