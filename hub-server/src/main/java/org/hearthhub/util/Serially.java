package org.hearthhub.util;

import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * Runs asynchronous work one piece after another: each starts once the one before has finished, whether it
 * succeeded or failed, so a read-check-write never interleaves with another on this node.
 */
public final class Serially {
    private Future<?> previous = Future.succeededFuture();

    /** {@code work} may throw; its exception is then the returned future's failure. */
    public synchronized <T> Future<T> run(Supplier<Future<T>> work) {
        Future<T> next = previous.transform(ignored -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        });
        previous = next;
        return next;
    }
}
