package org.hearthhub.live;

import io.vertx.core.Future;

import java.time.Duration;

/**
 * Small values that expire: counters over a window (rate limits, lockouts), one-time tickets and
 * marks. Each call is one atomic step across nodes.
 */
public interface ExpiringValueStore {

    /** Increments a counter that resets {@code window} after its first increment; returns the new value. */
    Future<Long> increment(String key, Duration window);

    Future<Void> resetCounter(String key);

    /**
     * Takes one back from a counter still in its window (a try counted before its check, which turned out not to
     * be a failure); a counter whose window is over, or that was reset, stays as it is.
     */
    Future<Void> takeBack(String key);

    /** Stores a value that disappears after {@code ttl}. */
    Future<Void> putExpiring(String key, String value, Duration ttl);

    /**
     * Stores a value that disappears after {@code ttl} unless one is already there, in one atomic step
     * (across nodes too); returns the value the key holds afterwards: {@code value}, or the one found.
     */
    Future<String> putIfAbsent(String key, String value, Duration ttl);

    /**
     * Removes a value only while it is still {@code expected}, in one atomic step (across nodes too): a claim
     * given up by its holder, never by one who read it before someone else claimed the key. True if it did.
     */
    Future<Boolean> takeIf(String key, String expected);

    /** Returns and removes a value in one step (one-time tickets), or null. */
    Future<String> take(String key);

    /** Reads a value without removing it, or null. */
    Future<String> peek(String key);
}
