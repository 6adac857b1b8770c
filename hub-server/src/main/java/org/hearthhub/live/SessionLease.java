package org.hearthhub.live;

import org.hearthhub.model.StaffSession;

/**
 * A staff session in the in-memory store and how long it lives without use, renewed in place. Every
 * frame from a console renews it: a new record put into the long-lived map each time would be a
 * reference from old memory to new for G1 to refine (docs/benchmark-history.md, History 13). A lease
 * that lapsed stays lapsed, so a renewal racing the sweep cannot bring a session back.
 */
final class SessionLease {
    final StaffSession session;
    private long endsAtMillis;
    private boolean lapsed;

    SessionLease(StaffSession session, long endsAtMillis) {
        this.session = session;
        this.endsAtMillis = endsAtMillis;
    }

    /** Extends the lease to {@code untilMillis} unless it has lapsed by {@code nowMillis}; whether it was live. */
    synchronized boolean renew(long nowMillis, long untilMillis) {
        if (lapseIfOver(nowMillis)) return false;
        endsAtMillis = untilMillis;
        return true;
    }

    /** Whether the lease has lapsed at {@code nowMillis}; once it has, it is never live again. */
    synchronized boolean lapseIfOver(long nowMillis) {
        if (nowMillis >= endsAtMillis) lapsed = true;
        return lapsed;
    }
}
