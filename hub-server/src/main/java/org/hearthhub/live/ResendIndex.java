package org.hearthhub.live;

import org.hearthhub.model.Sender;

/**
 * A transcript's client id to seq index for its kept messages ({@link PackedTranscript}), by open addressing
 * over one primitive array, so that indexing a message makes no entry object and writes no reference: a slot
 * is the id's hash in its high half and the seq in its low half. A hit is confirmed against the message's own
 * bytes ({@link SentAs}), so two ids with the same hash never mix. Not thread-safe: its transcript guards it.
 */
final class ResendIndex {
    /** Whether the kept message with this seq was sent by {@code from} with this client id. */
    @FunctionalInterface
    interface SentAs {
        boolean test(long seq, Sender from, String clientId);
    }

    private static final long EMPTY = 0;
    private static final long REMOVED = -1;
    private final SentAs sentAs;
    /** Empty until the first id: a queued chat that never starts holds no array. */
    private long[] slots = new long[0];
    /** Slots not empty, removed ones included: they lengthen probes until the next rebuild. */
    private int used;
    private int size;

    ResendIndex(SentAs sentAs) {
        this.sentAs = sentAs;
    }

    /** The ids indexed. */
    int size() {
        return size;
    }

    long find(Sender from, String clientId) {
        if (size == 0) return 0;
        int h = hash(from, clientId);
        int mask = slots.length - 1;
        for (int i = h & mask; slots[i] != EMPTY; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot != REMOVED && (int) (slot >>> 32) == h && sentAs.test(seqOf(slot), from, clientId)) return seqOf(slot);
        }
        return 0;
    }

    void put(Sender from, String clientId, long seq) {
        // Seqs past 2^31 would take a chat of 68 years at one message a second: not indexed, never mixed up.
        if (seq > Integer.MAX_VALUE) return;
        if ((used + 1) * 2 > slots.length) rebuild();
        insert((long) hash(from, clientId) << 32 | seq);
        used++;
        size++;
    }

    void remove(Sender from, String clientId, long seq) {
        if (size == 0) return;
        int mask = slots.length - 1;
        for (int i = hash(from, clientId) & mask; slots[i] != EMPTY; i = (i + 1) & mask) {
            if (slots[i] != REMOVED && seqOf(slots[i]) == seq) {
                slots[i] = REMOVED;
                size--;
                return;
            }
        }
    }

    void clear() {
        slots = new long[0];
        used = size = 0;
    }

    private void insert(long slot) {
        int mask = slots.length - 1;
        int i = (int) (slot >>> 32) & mask;
        while (slots[i] != EMPTY) i = (i + 1) & mask;
        slots[i] = slot;
    }

    /** Drops the removed slots, doubling when the live ones fill more than a quarter. */
    private void rebuild() {
        long[] old = slots;
        slots = new long[(size + 1) * 4 > old.length ? Math.max(16, old.length * 2) : old.length];
        for (long slot : old) if (slot != EMPTY && slot != REMOVED) insert(slot);
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
