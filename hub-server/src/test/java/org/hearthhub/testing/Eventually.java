package org.hearthhub.testing;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits for a condition instead of for a fixed time: checks it every few milliseconds and returns as soon
 * as it holds, failing with {@code what} once the deadline has passed. For something that is about to
 * happen; a test that must show something does not happen needs a later event to wait for instead.
 */
public final class Eventually {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 10;

    /** A condition that may throw, e.g. by reading a store with {@link TestHub#await}. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Eventually() {
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT}. */
    public static void until(String what, Condition condition) throws Exception {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    public static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) fail(what + ": not within " + timeout.toMillis() + " ms");
            Thread.sleep(POLL_MILLIS);
        }
    }
}
