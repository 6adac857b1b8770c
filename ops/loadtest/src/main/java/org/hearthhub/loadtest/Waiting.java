package org.hearthhub.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.BooleanSupplier;

/** Polls a condition on a timer (never blocking an event loop) until it holds or time runs out. */
final class Waiting {
    private static final long POLL_MS = 50;

    private Waiting() {
    }

    /** Completes with true when the condition held, false when {@code limitMs} passed first. */
    static Future<Boolean> until(Vertx vertx, BooleanSupplier condition, long limitMs) {
        Promise<Boolean> p = Promise.promise();
        long deadline = System.currentTimeMillis() + limitMs;
        if (condition.getAsBoolean()) return Future.succeededFuture(true);
        vertx.setPeriodic(POLL_MS, id -> {
            if (condition.getAsBoolean()) {
                vertx.cancelTimer(id);
                p.tryComplete(true);
            } else if (System.currentTimeMillis() >= deadline) {
                vertx.cancelTimer(id);
                p.tryComplete(false);
            }
        });
        return p.future();
    }
}
