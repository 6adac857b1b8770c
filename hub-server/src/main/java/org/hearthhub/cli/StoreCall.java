package org.hearthhub.cli;

import io.vertx.core.Future;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A store's answer awaited on the command's own thread, within a bound: a store that never answers is an error, not a hang. */
final class StoreCall {
    private static final long TIMEOUT_SECONDS = 60;

    private StoreCall() {
    }

    /** The store failed or did not answer; the message names what happened, never a URL or a password. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    static <T> T await(Future<T> future) throws Failed {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new Failed(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (TimeoutException e) {
            throw new Failed("no answer within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
    }
}
