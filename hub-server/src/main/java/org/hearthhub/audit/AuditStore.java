package org.hearthhub.audit;

import io.vertx.core.Future;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Where the hash-chained audit log is kept: appended to, read a page at a time, pruned from the oldest end. */
public interface AuditStore {

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
}
