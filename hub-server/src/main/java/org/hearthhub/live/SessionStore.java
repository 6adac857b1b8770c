package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.StaffSession;

import java.time.Duration;
import java.util.List;

/**
 * Staff console sessions (by the hash of their cookie) with idle expiry, and the list of each user's
 * sessions so that all of them can be ended at once.
 */
public interface SessionStore {

    Future<Void> putSession(String sessionHash, StaffSession session, Duration idleTtl);

    /** The session, its idle timer restarted; null when unknown or expired. */
    Future<StaffSession> touchSession(String sessionHash, Duration idleTtl);

    Future<Void> removeSession(String sessionHash);

    /** The session without restarting its idle timer (a background check is not activity); null when unknown or expired. */
    Future<StaffSession> peekSession(String sessionHash);

    /**
     * Lists a session under its user in one atomic step, so that sign-ins at the same moment (on any
     * node) are all listed and every live session of a user can be ended. Listed sessions that have
     * ended are dropped; if more than {@code keep} remain, the oldest are removed (ended) rather than
     * left live but unlisted. The list expires {@code ttl} after its latest addition.
     *
     * @return the hashes of the sessions removed to make room, oldest first (usually none)
     */
    Future<List<String>> indexUserSession(String username, String sessionHash, int keep, Duration ttl);

    /** Removes and returns the session hashes listed for this user, oldest first (empty when none). */
    Future<List<String>> takeUserSessions(String username);

    /** The session hashes listed for this user, oldest first, left as they are; some may have ended since. */
    Future<List<String>> userSessions(String username);
}
