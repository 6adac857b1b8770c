package org.hearthhub.ws;

import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Sender;

/**
 * The plain-text messages one console sent and has its {@code ack} for: their echo (the same words
 * coming back for the advocate's other tabs) would tell this console nothing new, so it is not written
 * to it — one frame fewer for every advocate message. Referrals and partner cards are not listed:
 * their words are the hub's, and the console shows them from the echo. Synchronized: the store may settle a send on another thread than the socket's.
 *
 * <p>Kept as 64-bit hashes of the client ids in a fixed table of longs, not as a set of strings: a set's entry,
 * linked into a table that lives as long as the console, is a reference from old memory to new for every
 * advocate message, which G1 must refine and then scan in its next pause (docs/benchmark-history.md,
 * History 22). That two of a console's ids in flight share a hash has a chance under 10^-14; were they
 * to, the one echo would be absorbed as the other's, and the other written out, which the console shows once.
 */
final class OwnEchoes {
    /** A clientId whose echo never comes (its chat ended first, or it was a resend) must not stay for good. */
    static final int MOST = 256;
    private static final long FREE = 0;
    private final long[] awaited = new long[MOST];
    /** When each slot was filled, counted in expects: a full table forgets its oldest id first. */
    private final long[] filledAt = new long[MOST];
    private long expects;
    /** Where to look for a free slot first: after the last one filled, where the oldest are freed first. */
    private int next;
    /** Slots in use: with none, an echo needs no scan. */
    private int used;

    synchronized void expect(String clientId) {
        long id = hash(clientId);
        if (indexOf(id) >= 0) return;
        int slot = used == MOST ? oldest() : free();
        if (awaited[slot] == FREE) used++;
        awaited[slot] = id;
        filledAt[slot] = ++expects;
        next = (slot + 1) % MOST;
    }

    synchronized void forget(String clientId) {
        remove(hash(clientId));
    }

    /** Whether this is the echo of a message this console sent as plain text: if so, it is now settled. */
    synchronized boolean absorbs(ChatMessage m) {
        return m.from() == Sender.ADVOCATE && m.clientId() != null && used > 0 && remove(hash(m.clientId()));
    }

    private boolean remove(long id) {
        int i = indexOf(id);
        if (i < 0) return false;
        awaited[i] = FREE;
        used--;
        return true;
    }

    private int indexOf(long id) {
        if (used == 0) return -1;
        for (int i = 0; i < MOST; i++) if (awaited[i] == id) return i;
        return -1;
    }

    private int free() {
        for (int k = 0; k < MOST; k++) {
            int i = (next + k) % MOST;
            if (awaited[i] == FREE) return i;
        }
        throw new IllegalStateException("no free slot with " + used + " used");
    }

    private int oldest() {
        int oldest = 0;
        for (int i = 1; i < MOST; i++) if (filledAt[i] < filledAt[oldest]) oldest = i;
        return oldest;
    }

    /** The id's {@link Fingerprint}, never {@link #FREE}. */
    static long hash(String clientId) {
        long h = Fingerprint.of(clientId);
        return h == FREE ? 1 : h;
    }
}
