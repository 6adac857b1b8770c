package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.StaffSession;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory store's staff console sessions, by the hash of their cookie, each a lease renewed in place.
 * Every console frame touches its session, so each step here is one key of a concurrent map, run from any
 * loop. Each user's list of sessions is an expiring value ({@link InMemoryValues}) under {@link #listKey}, as
 * on Redis; listing and taking it are the store's steps, as they span both parts.
 */
final class InMemorySessions {
    private final Clock clock;
    private final Map<String, SessionLease> sessions = new ConcurrentHashMap<>();

    InMemorySessions(Clock clock) {
        this.clock = clock;
    }

    /** The expiring value that lists a user's sessions: one comma-separated value, newest last. */
    static String listKey(String username) {
        return "user-sessions:" + username;
    }

    Future<Void> putSession(String sessionHash, StaffSession session, Duration idleTtl) {
        sessions.put(sessionHash, new SessionLease(session, clock.millis() + idleTtl.toMillis()));
        return Future.succeededFuture();
    }

    /** Every frame from a console touches its session: on the console's own loop, in one step on one key. */
    Future<StaffSession> touchSession(String sessionHash, Duration idleTtl) {
        long now = clock.millis();
        SessionLease lease = sessions.get(sessionHash);
        if (lease == null) return Future.succeededFuture();
        if (lease.renew(now, now + idleTtl.toMillis())) return Future.succeededFuture(lease.session);
        sessions.remove(sessionHash, lease);
        return Future.succeededFuture();
    }

    Future<Void> removeSession(String sessionHash) {
        sessions.remove(sessionHash);
        return Future.succeededFuture();
    }

    Future<StaffSession> peekSession(String sessionHash) {
        SessionLease lease = sessions.get(sessionHash);
        return Future.succeededFuture(lease != null && !lease.lapseIfOver(clock.millis()) ? lease.session : null);
    }

    /** Whether this session is held and its lease has not lapsed by {@code nowMillis}. */
    boolean liveAt(String sessionHash, long nowMillis) {
        SessionLease lease = sessions.get(sessionHash);
        return lease != null && !lease.lapseIfOver(nowMillis);
    }

    void end(String sessionHash) {
        sessions.remove(sessionHash);
    }

    /** Drops only a lease seen lapsed, and lapsed for good: a lease is never live again once it is not. */
    void sweep(long nowMillis) {
        sessions.forEach((key, lease) -> {
            if (lease.lapseIfOver(nowMillis)) sessions.remove(key, lease);
        });
    }

    /** Adds the names of the sessions held (lapsed ones too), as Redis names its keys. */
    void addKeysHeld(List<String> out) {
        sessions.keySet().forEach(k -> out.add("session:" + k));
    }

    int held() {
        return sessions.size();
    }
}
