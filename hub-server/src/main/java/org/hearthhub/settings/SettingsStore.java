package org.hearthhub.settings;

import io.vertx.core.Future;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.audit.AuditScan;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Durable program data: accounts, settings, the audit log and daily statistics. Never conversation
 * content. Every write is atomic (a reader sees the old or the new value, never a torn one).
 * Implementations scope everything under one program id so tenancy can be added later.
 */
public interface SettingsStore {

    Future<Optional<Account>> account(String username);

    Future<List<Account>> accounts();

    /** Creates or replaces the account with this username. */
    Future<Void> saveAccount(Account account);

    /**
     * Saves the account only if the store holds no account at all, as one atomic step, so that nodes
     * starting together on an empty store create one first lead between them. Completes with true when
     * this call saved it, false when some account already existed.
     */
    Future<Boolean> saveFirstAccount(Account account);

    Future<ProgramSettings> programSettings();

    Future<Void> saveProgramSettings(ProgramSettings settings);

    /**
     * Calls {@code onChange} on the caller's Vert.x context whenever the program settings may have been
     * changed by another node sharing this store, so it can reload them. A store only one process writes
     * (the files under a data directory) has nothing to report and never calls it. The returned future
     * fails when the store cannot deliver such notices; callers then rely on polling alone.
     */
    default Future<Void> watchProgramSettings(Runnable onChange) {
        return Future.succeededFuture();
    }

    /** Appends to the hash-chained audit log; the store assigns sequence number and hashes. */
    Future<AuditEntry> appendAudit(AuditRecord record);

    /**
     * Audit entries in order, oldest first, from {@code fromSeq} (inclusive), at most {@code limit}. Finding
     * the page costs no more than a page, however long the log: read it whole through {@link #scanAudit}.
     */
    Future<List<AuditEntry>> auditEntries(long fromSeq, int limit);

    /**
     * Hands every audit entry, oldest first, to a visitor from {@code fresh}, one page at a time on worker
     * threads (see {@link AuditScan}); completes with the visitor. Memory stays bounded by a page.
     */
    <T extends Consumer<AuditEntry>> Future<T> scanAudit(Supplier<T> fresh);

    /** The stored size of the audit log's entries, in bytes, as the size cap counts it. Cheap: no scan. */
    Future<Long> auditBytes();

    /**
     * Drops audit entries older than {@code keepDays}, then, past the cap, the oldest until the log is back
     * under it ({@link AuditCap#excess}). Only a prefix goes, and never the newest entry, so the chain stays
     * verifiable from the first kept entry and continues after a restart. Streams: memory stays bounded.
     */
    Future<Integer> pruneAudit(int keepDays, AuditCap cap);

    /** Adds each increment to the named counters of that day (creating them at zero). */
    Future<Void> addDailyCounters(LocalDate day, Map<String, Long> increments);

    /** Counters per day, for days in [from, to], days without counters omitted. */
    Future<Map<LocalDate, Map<String, Long>>> dailyCounters(LocalDate from, LocalDate to);

    /**
     * Where this store keeps its data, for messages to operators: "data directory PATH" or
     * "settings Redis at HOST:PORT". Never a password or a full URL.
     */
    String location();

    Future<Void> close();
}
