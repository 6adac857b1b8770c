package org.hearthhub.audit;

import io.vertx.core.Future;
import org.hearthhub.settings.SettingsStore;

import java.time.Clock;
import java.util.List;

/**
 * Records who did what, when (never content), into the store's hash-chained log. A failed write
 * comes back as a failed future: callers decide whether the action may proceed without its entry.
 */
public class AuditLog {
    private final SettingsStore store;
    private final Clock clock;

    public AuditLog(SettingsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Future<AuditEntry> record(String actor, String action, String target, String detail) {
        if (actor == null || actor.isBlank() || action == null || action.isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("an audit entry needs an actor and an action"));
        }
        return store.appendAudit(new AuditRecord(clock.instant(), actor, action, target, detail));
    }

    /**
     * Checks consecutive entries, oldest first. The first entry's prevHash is taken on trust unless it
     * is seq 1 (which must start from {@link AuditHash#GENESIS}), so a pruned log still verifies.
     * An edited entry breaks at itself; a removed one breaks at the entry after the gap.
     */
    public static ChainCheck verify(List<AuditEntry> entries) {
        AuditEntry previous = null;
        for (AuditEntry e : entries) {
            if (e.record() == null || e.hash() == null) return ChainCheck.brokenAt(e.seq());
            boolean linked = previous == null
                    ? e.seq() != 1 || AuditHash.GENESIS.equals(e.prevHash())
                    : e.seq() == previous.seq() + 1 && previous.hash().equals(e.prevHash());
            if (!linked || !AuditHash.of(e.prevHash(), e.seq(), e.record()).equals(e.hash())) {
                return ChainCheck.brokenAt(e.seq());
            }
            previous = e;
        }
        return ChainCheck.INTACT;
    }
}
