package org.hearthhub.loadtest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.function.Supplier;

/**
 * HTTP exchanges of a bare {@code HttpClient} made on one event loop, whoever asks: a pooled connection and
 * every request that reuses it then share a thread. Asked from another thread, Vert.x 5.0.10 can lose the end
 * of a response whose body is read while the connection's loop ends it (eclipse-vertx/vert.x#6038, fixed after
 * 5.0.10), and the body's future never completes.
 */
public final class OneLoop {
    private OneLoop() {
    }

    /** Starts {@code exchange} on {@code loop}; its outcome, wherever it is awaited. */
    public static <T> Future<T> on(Context loop, Supplier<Future<T>> exchange) {
        Promise<T> outcome = Promise.promise();
        loop.runOnContext(v -> exchange.get().onComplete(outcome));
        return outcome.future();
    }
}
