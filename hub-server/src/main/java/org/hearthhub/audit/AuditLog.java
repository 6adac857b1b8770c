package org.hearthhub.audit;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.config.HubConfig;
import org.hearthhub.settings.SettingsStore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records what staff did, when (never content), into the store's hash-chained log. Survivors' own
 * actions and the hub's (starts, ends by the survivor, quick exits, timeouts) are not recorded at all;
 * times are kept to the minute, and staff actions on a conversation never name it (see
 * {@link ConversationEvents}). A failed write
 * comes back as a failed future: callers decide whether the action may proceed without its entry.
 * <p>
 * With a retention configured, every {@value #SIZE_CHECK_EVERY} entries the log's size is checked and,
 * past its cap, pruned oldest first, so a flood of entries between the daily prunes cannot grow it unbounded.
 */
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    static final int SIZE_CHECK_EVERY = 64;

    private final SettingsStore store;
    private final Clock clock;
    private final HubConfig.Retention retention;
    private final AtomicInteger sinceSizeCheck = new AtomicInteger();
    private final AtomicBoolean pruning = new AtomicBoolean();

    /** Without automatic pruning (the hub's daily timer still prunes). */
    public AuditLog(SettingsStore store, Clock clock) {
        this(store, clock, null);
    }

    /** @param retention its {@code auditDays} and {@code auditMaxMegabytes} bound the log; null = no check after writes */
    public AuditLog(SettingsStore store, Clock clock, HubConfig.Retention retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    /** @param actor a staff member, or {@link Actor.Party#SYSTEM}; stored as {@link Actor#encode} says */
    public Future<AuditEntry> record(Actor actor, String action, String target, String detail) {
        if (actor == null || action == null || action.isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("an audit entry needs an actor and an action"));
        }
        // Every entry to the minute: if other entries kept their seconds, a chat's neighbours in the log would narrow its time down.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        AuditRecord record = ConversationEvents.withoutConversation(new AuditRecord(at, actor.encode(), action, target, detail));
        return store.appendAudit(record).onSuccess(e -> {
            if (retention != null && sinceSizeCheck.incrementAndGet() % SIZE_CHECK_EVERY == 0) enforceCap();
        });
    }

    /** The daily prune's rule, applied between two daily prunes once the log is past its cap; one at a time. */
    private void enforceCap() {
        AuditCap cap = AuditCap.of(retention);
        store.auditBytes().onSuccess(size -> {
            if (cap.excess(size) == 0 || !pruning.compareAndSet(false, true)) return;
            store.pruneAudit(retention.auditDays(), cap).onComplete(ar -> pruning.set(false))
                    .onFailure(e -> LOG.log(Level.WARNING, "audit log over its size cap, pruning failed: " + e.getClass().getSimpleName()));
        });
    }

    /** How much of its cap the log uses, for the lead console's warning. */
    public Future<AuditUsage> usage() {
        AuditCap cap = retention == null ? AuditCap.megabytes(HubConfig.Retention.DEFAULT_AUDIT_MAX_MEGABYTES) : AuditCap.of(retention);
        return store.auditBytes().map(bytes -> new AuditUsage(bytes, cap));
    }

    /** Checks the whole stored chain, a page at a time off the event loop, in constant memory. */
    public Future<ChainCheck> verify() {
        return store.scanAudit(ChainVerifier::new).map(ChainVerifier::result);
    }

    /** Checks entries already in memory, oldest first (see {@link ChainVerifier}). */
    public static ChainCheck verify(List<AuditEntry> entries) {
        ChainVerifier verifier = new ChainVerifier();
        entries.forEach(verifier);
        return verifier.result();
    }
}
