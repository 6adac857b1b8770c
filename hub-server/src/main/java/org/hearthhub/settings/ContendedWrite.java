package org.hearthhub.settings;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A write to the settings Redis made by compare-and-set (an audit append, a settings or account update), tried again
 * while it misses. A miss is never this node's own doing (its audit appends run one at a time, and the console saves
 * one change at a time): each is another node's write landing, so the attempts wait out the other nodes' bursts, and
 * only a flood of {@link #CONTENTION_LIMIT} refuses the write.
 */
final class ContendedWrite {
    static final Duration CONTENTION_LIMIT = Duration.ofSeconds(10);

    private ContendedWrite() {
    }

    /**
     * Runs {@code attempt} until one lands: an empty answer is a miss. Each attempt starts from a callback and settles
     * the one promise, so a long run of misses builds no chain of futures.
     *
     * @param refused the failure's text past the limit, e.g. "settings not saved: other nodes kept saving"
     */
    static <T> Future<T> untilLanded(String refused, Supplier<Future<Optional<T>>> attempt) {
        Promise<T> landed = Promise.promise();
        tryLanding(refused, attempt, System.nanoTime() + CONTENTION_LIMIT.toNanos(), landed);
        return landed.future();
    }

    private static <T> void tryLanding(String refused, Supplier<Future<Optional<T>>> attempt, long giveUpAt, Promise<T> landed) {
        attempt.get().onComplete(ar -> {
            if (ar.failed()) {
                landed.fail(ar.cause());
            } else if (ar.result().isPresent()) {
                landed.complete(ar.result().get());
            } else if (System.nanoTime() - giveUpAt > 0) {
                landed.fail(new IllegalStateException(refused + " for " + CONTENTION_LIMIT.toSeconds() + " s"));
            } else {
                tryLanding(refused, attempt, giveUpAt, landed);
            }
        });
    }

    /** An attempt's answer when another node's write came first. */
    static <T> Future<Optional<T>> missed() {
        return Future.succeededFuture(Optional.empty());
    }
}
