package org.hearthhub.live;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The in-memory store's count of open survivor connections per conversation, and when the last one closed
 * (absent while connected). Guarded by the store's lock; connecting and disconnecting are the store's steps,
 * as they also check the conversation is live and set the away mark of its place in the queue.
 */
final class InMemoryPresence {
    private final Object lock;
    private final Map<String, Integer> survivorConnections = new HashMap<>();
    private final Map<String, Instant> awaySince = new HashMap<>();

    InMemoryPresence(Object lock) {
        this.lock = lock;
    }

    Future<Instant> awaySince(String id) {
        synchronized (lock) {
            return Future.succeededFuture(awaySince.get(id));
        }
    }

    // The steps below are parts of the store's steps that span its parts: callers hold the lock.

    /** Counts a connection and clears an away mark; whether there was one. */
    boolean connected(String id) {
        survivorConnections.merge(id, 1, Integer::sum);
        Instant was = awaySince.remove(id);
        return was != null;
    }

    /** Counts a connection gone; when it was the last and the survivor was not yet away, marks them away since {@code at}. */
    boolean disconnected(String id, Instant at) {
        int open = Math.max(0, survivorConnections.getOrDefault(id, 0) - 1);
        survivorConnections.put(id, open);
        if (open > 0 || awaySince.containsKey(id)) return false;
        awaySince.put(id, at);
        return true;
    }

    void forget(String id) {
        survivorConnections.remove(id);
        awaySince.remove(id);
    }
}
