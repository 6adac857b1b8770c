package org.hearthhub.util;

/**
 * A value this node keeps in memory from a store that it reads again and again (on another node's change notice,
 * a safety poll, after its own save). Reads overlap, and a shared store may answer them out of order; the value
 * read by the one begun last wins, so a read begun earlier and answered late never puts an older value back. A
 * save counts as begun when the store took it: a read begun before may have found the value before it.
 *
 * <p>{@link #get} reads memory only (hot paths); the two steps of a read lock briefly, and never wait.
 */
public final class NewestKnown<T> {
    /** A value, and when it was known in this node's order of reads and saves. */
    private record Known<T>(T value, long since) {
    }

    private volatile Known<T> known;
    private long begun;

    /** @param initial what {@link #get} answers until the first read is in (may be null) */
    public NewestKnown(T initial) {
        this.known = new Known<>(initial, 0);
    }

    public T get() {
        return known.value();
    }

    /** A read (or a save) begins now: pass the answer with {@link #keep} once the store has given it. */
    public synchronized long begin() {
        return ++begun;
    }

    /** Keeps {@code value}, the answer of what began at {@code since}, unless something begun later is known; answers what is known. */
    public synchronized T keep(T value, long since) {
        if (since >= known.since()) known = new Known<>(value, since);
        return known.value();
    }

    /** A save the store has just taken: newer than every read begun before it. */
    public T saved(T value) {
        return keep(value, begin());
    }
}
