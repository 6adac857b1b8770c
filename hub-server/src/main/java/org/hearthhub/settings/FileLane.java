package org.hearthhub.settings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one lane every file operation of a {@link FileSettingsStore} takes, whichever part it belongs to: on a worker
 * thread, under one lock, so read-modify-write cycles never interleave and no concurrent update is lost. The parts
 * share it (rather than one lock each) so that the store serialises its files exactly as it always has.
 */
final class FileLane {
    private final Vertx vertx;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();

    FileLane(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Every file operation: on a worker thread, one at a time. */
    <T> Future<T> io(Callable<T> work) {
        Future<T> done = vertx.executeBlocking(() -> {
            lock.lock();
            try {
                return work.call();
            } finally {
                lock.unlock();
            }
        }, false);
        inFlight.add(done);
        return done.andThen(r -> inFlight.remove(done));
    }

    /** Completes once every operation already started has finished, so a stopped hub leaves no half-done file. */
    Future<Void> drained() {
        return Future.join(List.copyOf(inFlight)).mapEmpty();
    }
}
