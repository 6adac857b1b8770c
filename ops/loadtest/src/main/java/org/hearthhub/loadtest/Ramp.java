package org.hearthhub.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs {@code count} asynchronous tasks with at most {@code concurrency} under way, so that thousands
 * of sockets connect at a pace the accept backlog takes. A failed task counts as done: tasks record
 * their own failures.
 */
public final class Ramp {
    private Ramp() {
    }

    public static Future<Void> run(Vertx vertx, int count, int concurrency, IntFunction<Future<?>> task) {
        Promise<Void> done = Promise.promise();
        if (count == 0) return Future.succeededFuture();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Runnable[] worker = new Runnable[1];
        worker[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= count) return;
            Future<?> f;
            try {
                f = task.apply(i);
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(r -> {
                if (finished.incrementAndGet() == count) done.tryComplete();
                // Via the event loop, never recursion: a task that completes at once must not deepen the stack.
                vertx.runOnContext(v -> worker[0].run());
            });
        };
        for (int w = 0; w < Math.min(concurrency, count); w++) vertx.runOnContext(v -> worker[0].run());
        return done.future();
    }
}
