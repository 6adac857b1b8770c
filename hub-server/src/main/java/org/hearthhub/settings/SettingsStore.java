package org.hearthhub.settings;

import io.vertx.core.Future;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditRecord;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    Future<ProgramSettings> programSettings();

    Future<Void> saveProgramSettings(ProgramSettings settings);

    /** Appends to the hash-chained audit log; the store assigns sequence number and hashes. */
    Future<AuditEntry> appendAudit(AuditRecord record);

    /** Audit entries in order, oldest first, from {@code fromSeq} (inclusive), at most {@code limit}. */
    Future<List<AuditEntry>> auditEntries(long fromSeq, int limit);

    /** Drops audit entries older than {@code keepDays}; the chain stays verifiable from the first kept entry. */
    Future<Integer> pruneAudit(int keepDays);

    /** Adds each increment to the named counters of that day (creating them at zero). */
    Future<Void> addDailyCounters(LocalDate day, Map<String, Long> increments);

    /** Counters per day, for days in [from, to], days without counters omitted. */
    Future<Map<LocalDate, Map<String, Long>>> dailyCounters(LocalDate from, LocalDate to);

    Future<Void> close();
}
