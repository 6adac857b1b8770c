package org.hearthhub.audit;

import java.util.function.Consumer;

/**
 * Checks the hash chain one entry at a time, oldest first, remembering only the entry before, so a log
 * of any length is checked in constant memory (fed page by page by {@link AuditScan}). The first entry
 * seen is taken on trust unless it is seq 1, which must start from {@link AuditHash#GENESIS}: a pruned
 * log still verifies. An edited entry breaks at itself; a removed one breaks at the entry after the gap.
 */
public final class ChainVerifier implements Consumer<AuditEntry> {
    private AuditEntry previous;
    private long entries;
    private ChainCheck result = ChainCheck.INTACT;

    @Override
    public void accept(AuditEntry e) {
        entries++;
        if (!result.intact()) return;
        if (e.record() == null || e.hash() == null) {
            result = ChainCheck.brokenAt(e.seq());
            return;
        }
        boolean linked = previous == null
                ? e.seq() != 1 || AuditHash.GENESIS.equals(e.prevHash())
                : e.seq() == previous.seq() + 1 && previous.hash().equals(e.prevHash());
        if (!linked || !AuditHash.of(e.prevHash(), e.seq(), e.record()).equals(e.hash())) {
            result = ChainCheck.brokenAt(e.seq());
            return;
        }
        previous = e;
    }

    public ChainCheck result() {
        return result;
    }

    /** How many entries were seen, whether or not the chain held. */
    public long entries() {
        return entries;
    }
}
