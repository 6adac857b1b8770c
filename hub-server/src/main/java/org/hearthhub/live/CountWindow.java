package org.hearthhub.live;

/**
 * One {@code increment} key's count in the in-memory store while its window lasts, counted in place.
 * The rate limit counts every survivor message: a new record put into the long-lived map each time would
 * be a reference from old memory to new that G1 has to refine and trace (docs/benchmark-history.md,
 * History 13); a count kept in a long is not. A window that is over stays over: the store replaces it.
 */
final class CountWindow {
    private final long endsAtMillis;
    private long count;
    private boolean over;

    CountWindow(long endsAtMillis) {
        this.endsAtMillis = endsAtMillis;
    }

    /** The count with this one, or 0 if the window is over (from now on, for every caller). */
    synchronized long increment(long nowMillis) {
        if (closeIfOver(nowMillis)) return 0;
        return ++count;
    }

    /** One count less while the window lasts and holds any; the window's end stays where it was. */
    synchronized void takeBack(long nowMillis) {
        if (!closeIfOver(nowMillis) && count > 0) count--;
    }

    /** Whether the window is over at {@code nowMillis}; once it is, it takes no more counts. */
    synchronized boolean closeIfOver(long nowMillis) {
        if (nowMillis >= endsAtMillis) over = true;
        return over;
    }
}
