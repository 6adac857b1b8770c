package org.hearthhub.util;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;

import java.util.function.Function;

/**
 * {@code compose}, {@code transform}, {@code recover} and {@code mapEmpty} for the steps of a chat message,
 * whose futures from the in-memory store have always succeeded by the time they are returned. Vert.x makes a
 * composition, a promise and a future for each such step even then; here a complete future goes straight on
 * to the next step, on the caller's thread. A future not yet complete takes Vert.x's own way, so what each
 * returns is the same.
 */
public final class Settled {
    private Settled() {
    }

    /** {@code f.compose(next)}. */
    public static <T, U> Future<U> then(Future<T> f, Function<? super T, Future<U>> next) {
        if (!f.succeeded()) return f.compose(next);
        try {
            return next.apply(f.result());
        } catch (RuntimeException e) {
            return Future.failedFuture(e); // as compose fails when its function throws
        }
    }

    /** {@code f.transform(next)}: {@code next} has the outcome, success or failure. */
    public static <T, U> Future<U> after(Future<T> f, Function<AsyncResult<T>, Future<U>> next) {
        if (!f.isComplete()) return f.transform(next);
        try {
            return next.apply(f);
        } catch (RuntimeException e) {
            return Future.failedFuture(e); // as transform fails when its function throws
        }
    }

    /** {@code f.recover(onFailure)}. */
    public static <T> Future<T> orElse(Future<T> f, Function<Throwable, Future<T>> onFailure) {
        return f.succeeded() ? f : f.recover(onFailure);
    }

    /** {@code f.mapEmpty()}. */
    public static <T> Future<Void> done(Future<T> f) {
        return f.succeeded() ? Future.succeededFuture() : f.mapEmpty();
    }
}
