package org.hearthhub.util;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each step answers what Vert.x's own would, for futures succeeded, failed and not yet complete. */
class SettledTest {
    private static final IllegalStateException BROKEN = new IllegalStateException("broken");

    @Test
    void thenAnswersAsCompose() {
        Function<Integer, Future<String>> next = n -> Future.succeededFuture("n=" + n);
        Function<Integer, Future<String>> throwing = n -> {
            throw BROKEN;
        };
        assertAgreeOnCompleteFutures(Future::compose, Settled::then, next, throwing);
        Promise<Integer> later = Promise.promise();
        Future<String> pending = Settled.then(later.future(), next);
        assertFalse(pending.isComplete());
        later.complete(8);
        assertEquals("n=8", pending.result());
    }

    @Test
    void afterAnswersAsTransformWithEitherOutcome() {
        Function<AsyncResult<Integer>, Future<String>> next = r -> Future.succeededFuture(r.succeeded() ? "ok " + r.result() : "failed " + r.cause().getMessage());
        Function<AsyncResult<Integer>, Future<String>> throwing = r -> {
            throw BROKEN;
        };
        assertAgreeOnCompleteFutures(Future::transform, Settled::after, next, throwing);
        Promise<Integer> later = Promise.promise();
        Future<String> pending = Settled.after(later.future(), next);
        assertFalse(pending.isComplete());
        later.fail(BROKEN);
        assertEquals("failed broken", pending.result());
    }

    @Test
    void orElseAndDoneAnswerAsRecoverAndMapEmptyAndPassASucceededFutureAsItIs() {
        AtomicInteger recovered = new AtomicInteger();
        Function<Throwable, Future<Integer>> onFailure = e -> {
            recovered.incrementAndGet();
            return Future.succeededFuture(-1);
        };
        Future<Integer> succeeded = Future.succeededFuture(7);
        assertSame(succeeded, Settled.orElse(succeeded, onFailure), "no new future for a success");
        assertEquals(0, recovered.get());
        Future<Integer> failed = Future.failedFuture(BROKEN);
        assertSameOutcome(failed.recover(onFailure), Settled.orElse(failed, onFailure));
        assertEquals(2, recovered.get(), "once for each failure");

        for (Future<Integer> f : List.of(succeeded, failed)) assertSameOutcome(f.mapEmpty(), Settled.done(f));
        Promise<Integer> later = Promise.promise();
        Future<Void> pending = Settled.done(later.future());
        assertFalse(pending.isComplete());
        later.complete(1);
        assertTrue(pending.succeeded());
    }

    /** Vert.x's step and Settled's, each with {@code next} and with {@code throwing}, on a succeeded and a failed future. */
    private static <F> void assertAgreeOnCompleteFutures(BiFunction<Future<Integer>, F, Future<String>> vertx,
                                                         BiFunction<Future<Integer>, F, Future<String>> settled, F next, F throwing) {
        for (Future<Integer> f : List.of(Future.succeededFuture(7), Future.<Integer>failedFuture(BROKEN))) {
            for (F step : List.of(next, throwing)) assertSameOutcome(vertx.apply(f, step), settled.apply(f, step));
        }
    }

    private static void assertSameOutcome(Future<?> vertx, Future<?> settled) {
        assertTrue(vertx.isComplete() && settled.isComplete(), "both complete");
        assertEquals(vertx.succeeded(), settled.succeeded());
        assertEquals(vertx.result(), settled.result());
        assertSame(vertx.cause(), settled.cause());
    }
}
