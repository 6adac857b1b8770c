package org.hearthhub.settings;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditHash;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.audit.AuditScan;
import org.hearthhub.audit.AuditStore;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.StoreJson;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A program's audit log in the settings Redis ({@code p audit}, a list of entry JSON, oldest first, and
 * {@code p auditBytes}, their size, kept in step by the scripts). The chain's hashes are computed in Java by
 * {@link AuditHash}, the one definition of the chain; a Lua compare-and-set appends an entry only if the log's last
 * entry is still the one it was chained to, and the append is retried with the new last entry when another node got
 * there first. Each node appends one entry at a time, so a miss always means another node's entry landed.
 */
final class RedisAuditLog implements AuditStore {
    /** For pruning and for counting an old log's bytes. */
    private static final int MAX_AUDIT_ATTEMPTS = 50;
    private static final int PRUNE_PAGE = 1000;
    private static final int MAX_AUDIT_PAGE = 100_000;

    private static final LuaScript AUDIT_APPEND = LuaScript.load("settings/audit_append.lua");
    private static final LuaScript AUDIT_RANGE = LuaScript.load("settings/audit_range.lua");
    private static final LuaScript AUDIT_TRIM = LuaScript.load("settings/audit_trim.lua");
    private static final LuaScript AUDIT_COUNT = LuaScript.load("settings/audit_count.lua");

    private final Vertx vertx;
    private final RedisEndpoint redis;
    private final Clock clock;
    private final StoreJson json;
    private final String logKey;
    private final String bytesKey;
    /** This node's audit writes run one after another, so only other nodes can make a compare-and-set miss. */
    private Future<?> auditLane = Future.succeededFuture();
    /** The log's last entry as stored, as this node last saw it (a guess; the compare-and-set checks it). */
    private volatile String auditTail;

    /** @param prefix the program's key prefix; @param clock decides what "older than keepDays" means when pruning */
    RedisAuditLog(Vertx vertx, RedisEndpoint redis, String prefix, Clock clock, StoreJson json) {
        this.vertx = vertx;
        this.redis = redis;
        this.clock = clock;
        this.json = json;
        this.logKey = prefix + "audit";
        this.bytesKey = prefix + "auditBytes";
    }

    @Override
    public Future<AuditEntry> appendAudit(AuditRecord record) {
        if (record == null || record.at() == null) {
            return Future.failedFuture(new IllegalArgumentException("an audit record needs a time"));
        }
        return inAuditLane(() -> ContendedWrite.untilLanded("audit entry not written: other nodes kept appending",
                () -> (auditTail != null ? Future.succeededFuture(auditTail) : readAuditTail())
                        .compose(tail -> appendAfter(tail, record))
                        .onFailure(e -> auditTail = null)));
    }

    private Future<String> readAuditTail() {
        return redis.call(r -> r.lindex(logKey, -1)).map(v -> v == null ? "" : v);
    }

    /**
     * One attempt, chained after {@code tail}. On a miss the reply carries the entry that got there first, which
     * becomes the tail the next attempt chains after, with no read between.
     */
    private Future<Optional<AuditEntry>> appendAfter(String tail, AuditRecord record) {
        AuditEntry entry = AuditHash.next(tail.isEmpty() ? null : json.decode(tail, AuditEntry.class), record);
        return json.encode(entry).compose(line -> AUDIT_APPEND.<List<Object>>run(redis, ScriptOutputType.MULTI, List.of(logKey, bytesKey), tail, line)
                .map(reply -> {
                    boolean landed = ((Long) reply.get(0)) == 1L;
                    auditTail = landed ? line : (String) reply.get(1);
                    return landed ? Optional.of(entry) : Optional.<AuditEntry>empty();
                }));
    }

    /** The page is decoded on a worker: a thousand entries are milliseconds the event loop must not spend. */
    @Override
    public Future<List<AuditEntry>> auditEntries(long fromSeq, int limit) {
        int page = Math.min(Math.max(limit, 0), MAX_AUDIT_PAGE);
        return AUDIT_RANGE.<List<Object>>run(redis, ScriptOutputType.MULTI, List.of(logKey), String.valueOf(fromSeq), String.valueOf(page))
                .compose(lines -> vertx.executeBlocking(() -> {
                    List<AuditEntry> out = new ArrayList<>(lines.size());
                    for (Object l : lines) out.add(json.decode((String) l, AuditEntry.class));
                    return out;
                }, false));
    }

    @Override
    public <T extends Consumer<AuditEntry>> Future<T> scanAudit(Supplier<T> fresh) {
        return AuditScan.run(vertx, this::auditEntries, fresh);
    }

    /** Kept beside the log by the scripts; a log from before the count existed is counted once, page by page. */
    @Override
    public Future<Long> auditBytes() {
        return redis.call(r -> r.get(bytesKey))
                .compose(v -> v != null ? Future.succeededFuture(Long.parseLong(v)) : countAuditBytes(1));
    }

    private Future<Long> countAuditBytes(int attempt) {
        Promise<Prefix> counted = Promise.promise();
        measurePrefix(0, Long.MAX_VALUE, line -> true, Prefix.freeing(0), counted);
        return counted.future()
                .compose(p -> AUDIT_COUNT.<Long>run(redis, ScriptOutputType.INTEGER, List.of(logKey, bytesKey),
                        String.valueOf(p.count()), p.lastLine() == null ? "" : p.lastLine(), String.valueOf(p.bytes())))
                .compose(total -> {
                    if (total >= 0) return Future.succeededFuture(total);
                    if (attempt >= MAX_AUDIT_ATTEMPTS) return Future.failedFuture(new IllegalStateException("audit log not counted: it kept changing"));
                    return countAuditBytes(attempt + 1);
                });
    }

    /**
     * Drops the oldest entries (a prefix, so the chain stays verifiable from the first kept entry's
     * prevHash) while they are too old or the log is past its cap. The newest entry is always kept so that
     * seq and hash continue.
     */
    @Override
    public Future<Integer> pruneAudit(int keepDays, AuditCap cap) {
        if (keepDays < 1) return Future.failedFuture(new IllegalArgumentException("keepDays must be at least 1"));
        Instant cutoff = clock.instant().minus(keepDays, ChronoUnit.DAYS);
        return inAuditLane(() -> pruneBefore(cutoff, cap, 1));
    }

    private Future<Integer> pruneBefore(Instant cutoff, AuditCap cap, int attempt) {
        Future<Long> excess = auditBytes().map(cap::excess);
        Future<Long> length = redis.call(r -> r.llen(logKey));
        return Future.all(excess, length).compose(all -> {
            Promise<Prefix> droppable = Promise.promise();
            measurePrefix(0, length.result() - 1, line -> isBefore(line, cutoff), Prefix.freeing(excess.result()), droppable);
            return droppable.future();
        }).compose(old -> {
            if (old.count() == 0) return Future.succeededFuture(0);
            return AUDIT_TRIM.<Long>run(redis, ScriptOutputType.INTEGER, List.of(logKey, bytesKey), String.valueOf(old.count()),
                            old.lastLine(), String.valueOf(old.bytes()))
                    .compose(trimmed -> {
                        if (trimmed == 1L) return Future.succeededFuture((int) old.count());
                        if (attempt >= MAX_AUDIT_ATTEMPTS) {
                            return Future.failedFuture(new IllegalStateException("audit log not pruned: it kept changing"));
                        }
                        return pruneBefore(cutoff, cap, attempt + 1);
                    });
        });
    }

    private boolean isBefore(String line, Instant cutoff) {
        return json.decode(line, AuditEntry.class).record().at().isBefore(cutoff);
    }

    /**
     * A prefix of the log: how many entries, their bytes, the last one's JSON. The first {@code toFree}
     * bytes are taken whatever they hold (the size cap); past them an entry joins only if the rule says so.
     */
    private record Prefix(long count, long bytes, String lastLine, long toFree) {
        static Prefix freeing(long toFree) {
            return new Prefix(0, 0, null, toFree);
        }

        Prefix plus(String line) {
            return new Prefix(count + 1, bytes + utf8Length(line), line, toFree);
        }
    }

    /** A page's outcome: the prefix so far, and whether it can grow further. */
    private record Measured(Prefix prefix, boolean more) {
    }

    /**
     * Grows the prefix over the entries at indexes [from, limit) a page at a time, each page judged on a
     * worker, until an entry does not join or the range ends. Each page starts from a callback, so a long
     * log builds no chain of futures.
     */
    private void measurePrefix(long from, long limit, Predicate<String> joins, Prefix sofar, Promise<Prefix> done) {
        if (from >= limit) {
            done.complete(sofar);
            return;
        }
        long to = Math.min(limit, from + PRUNE_PAGE) - 1;
        redis.call(r -> r.lrange(logKey, from, to))
                .compose(lines -> vertx.executeBlocking(() -> {
                    Prefix p = sofar;
                    for (String line : lines) {
                        if (p.bytes() >= p.toFree() && !joins.test(line)) return new Measured(p, false);
                        p = p.plus(line);
                    }
                    return new Measured(p, lines.size() == to - from + 1);
                }, false))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        done.fail(ar.cause());
                    } else if (ar.result().more()) {
                        measurePrefix(to + 1, limit, joins, ar.result().prefix(), done);
                    } else {
                        done.complete(ar.result().prefix());
                    }
                });
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * Runs this node's audit writes one after another. A write that fails ends its turn like one that
     * succeeds, so the next starts either way (and reads the tail afresh: a failure forgets it).
     */
    private synchronized <T> Future<T> inAuditLane(Supplier<Future<T>> work) {
        Future<T> result = auditLane.transform(previous -> work.get());
        auditLane = result.transform(done -> Future.succeededFuture());
        return result;
    }
}
