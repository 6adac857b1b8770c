package org.hearthhub.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.audit.AuditScan;
import org.hearthhub.audit.AuditStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The file store's audit log: {@link AuditFiles} under {@code audit/}, each step in the store's lane. */
final class FileAuditLog implements AuditStore {
    private final Vertx vertx;
    private final FileLane lane;
    private final Clock clock;
    private final AuditFiles audit;

    /** @param clock decides what "older than keepDays" means when pruning */
    FileAuditLog(Vertx vertx, FileLane lane, ObjectMapper json, Path root, Clock clock) {
        this.vertx = vertx;
        this.lane = lane;
        this.clock = clock;
        this.audit = new AuditFiles(root.resolve("audit"), json);
    }

    @Override
    public Future<AuditEntry> appendAudit(AuditRecord record) {
        if (record == null || record.at() == null) {
            return Future.failedFuture(new IllegalArgumentException("an audit record needs a time"));
        }
        return lane.io(() -> audit.append(record));
    }

    @Override
    public Future<List<AuditEntry>> auditEntries(long fromSeq, int limit) {
        return lane.io(() -> audit.page(fromSeq, limit));
    }

    /** Each page is read under the lock on its own, so appends and prunes go on between pages. */
    @Override
    public <T extends Consumer<AuditEntry>> Future<T> scanAudit(Supplier<T> fresh) {
        return AuditScan.run(vertx, this::auditEntries, fresh);
    }

    @Override
    public Future<Long> auditBytes() {
        return lane.io(audit::bytes);
    }

    @Override
    public Future<Integer> pruneAudit(int keepDays, AuditCap cap) {
        if (keepDays < 1) return Future.failedFuture(new IllegalArgumentException("keepDays must be at least 1"));
        return lane.io(() -> audit.prune(clock.instant().minus(keepDays, ChronoUnit.DAYS), cap));
    }
}
