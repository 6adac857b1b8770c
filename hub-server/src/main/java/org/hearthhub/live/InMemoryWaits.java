package org.hearthhub.live;

import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.List;

/** The in-memory store's recent queue waits, the last few only, for the wait estimate; under the store's lock. */
final class InMemoryWaits implements WaitStore {
    private static final int RECENT_WAITS_KEPT = 20;

    private final Object lock;
    private final ArrayDeque<Long> recentWaits = new ArrayDeque<>();

    InMemoryWaits(Object lock) {
        this.lock = lock;
    }

    @Override
    public Future<Void> recordWait(long seconds) {
        synchronized (lock) {
            recentWaits.addLast(seconds);
            while (recentWaits.size() > RECENT_WAITS_KEPT) recentWaits.removeFirst();
            return Future.succeededFuture();
        }
    }

    @Override
    public Future<List<Long>> recentWaits() {
        synchronized (lock) {
            return Future.succeededFuture(List.copyOf(recentWaits));
        }
    }
}
