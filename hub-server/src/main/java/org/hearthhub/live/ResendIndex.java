package org.hearthhub.live;

import org.hearthhub.model.Sender;

/**
 * A transcript's client id to seq index for its kept messages ({@link PackedTranscript}), by open addressing
 * over slots of 8 bytes in the store's blocks ({@link BlockRun}), so that indexing a message makes no entry
 * object, writes no reference, and growing the table reallocates nothing: a slot is the id's hash in its high
 * half and the seq in its low half. A hit is confirmed against the message's own bytes ({@link SentAs}), so
 * two ids with the same hash never mix. Not thread-safe: its transcript guards it.
 */
final class ResendIndex {
    /** Whether the kept message with this seq was sent by {@code from} with this client id. */
    @FunctionalInterface
    interface SentAs {
        boolean test(long seq, Sender from, String clientId);
    }

    private static final long EMPTY = 0;
    private static final long REMOVED = -1;
    /** A table's smallest size: one block of slots. */
    private static final int MIN_SLOTS = TranscriptBlocks.BLOCK / 8;
    private final TranscriptBlocks blocks;
    private final SentAs sentAs;
    /**
     * The slots, 8 bytes each: no block until the first id, so a queued chat that never starts holds none. One
     * run for the index's life: a rebuild refills it rather than making a new one, which, made while the
     * transcript is old, would be a young object G1 scans from it at every pause until it too is old.
     */
    private final BlockRun slots;
    private int length;
    /** Slots not empty, removed ones included: they lengthen probes until the next rebuild. */
    private int used;
    private int size;

    ResendIndex(TranscriptBlocks blocks, SentAs sentAs) {
        this.blocks = blocks;
        this.sentAs = sentAs;
        this.slots = new BlockRun(blocks);
    }

    /** The ids indexed. */
    int size() {
        return size;
    }

    long find(Sender from, String clientId) {
        if (size == 0) return 0;
        int h = hash(from, clientId);
        int mask = length - 1;
        // At most one lap: the table is never more than half used, so an empty slot ends a probe long before.
        for (int n = 0, i = h & mask; n < length && slot(i) != EMPTY; n++, i = (i + 1) & mask) {
            long slot = slot(i);
            if (slot != REMOVED && (int) (slot >>> 32) == h && sentAs.test(seqOf(slot), from, clientId)) return seqOf(slot);
        }
        return 0;
    }

    void put(Sender from, String clientId, long seq) {
        // Seqs past 2^31 would take a chat of 68 years at one message a second: not indexed, never mixed up.
        if (seq > Integer.MAX_VALUE) return;
        if ((used + 1) * 2 > length) rebuild();
        insert((long) hash(from, clientId) << 32 | seq);
        used++;
        size++;
    }

    void remove(Sender from, String clientId, long seq) {
        if (size == 0) return;
        int mask = length - 1;
        for (int n = 0, i = hash(from, clientId) & mask; n < length && slot(i) != EMPTY; n++, i = (i + 1) & mask) {
            if (slot(i) != REMOVED && seqOf(slot(i)) == seq) {
                slots.putLong(8L * i, REMOVED);
                size--;
                return;
            }
        }
    }

    int blocksHeld() {
        return slots.blocksHeld();
    }

    /** Gives the table's blocks back, zeroed. */
    void clear() {
        slots.clear();
        length = used = size = 0;
    }

    private void insert(long slot) {
        int mask = length - 1;
        int i = (int) (slot >>> 32) & mask;
        for (int n = 0; slot(i) != EMPTY; n++, i = (i + 1) & mask) {
            // Only a table whose blocks did not come back zeroed has no empty slot: fail, never spin.
            if (n == length) throw new IllegalStateException("resend index has no empty slot");
        }
        slots.putLong(8L * i, slot);
    }

    private long slot(int i) {
        return slots.getLong(8L * i);
    }

    /** Drops the removed slots, doubling when the live ones fill more than a quarter. */
    private void rebuild() {
        int oldLength = length;
        // The live slots wait in a short-lived array while the run's blocks go back zeroed and come again.
        long[] live = new long[size];
        int n = 0;
        for (int i = 0; i < oldLength; i++) {
            long slot = slot(i);
            if (slot != EMPTY && slot != REMOVED) live[n++] = slot;
        }
        slots.clear();
        length = (size + 1) * 4 > oldLength ? Math.max(MIN_SLOTS, oldLength * 2) : oldLength;
        slots.reserve(8L * length);
        for (int k = 0; k < n; k++) insert(live[k]);
        used = size;
    }

    private static long seqOf(long slot) {
        return slot & 0xFFFF_FFFFL;
    }

    private static int hash(Sender from, String clientId) {
        int h = clientId.hashCode() * 31 + from.ordinal();
        return h ^ (h >>> 16);
    }
}
