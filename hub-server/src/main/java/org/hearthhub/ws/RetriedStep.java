package org.hearthhub.ws;

import io.vertx.core.Future;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A step a socket takes to read again what it shows (a message cursor's fill of a gap, a console's look after its node
 * may have missed events), one at a time: asked for while under way, it runs once more after; failed, it is tried
 * again, waiting longer each time (from {@link MessageCursor#FIRST_RETRY_MILLIS} to {@link MessageCursor#MAX_RETRY_MILLIS}),
 * while {@code wanted} holds. A node's subscription can be back before its command connection is, so the first try
 * may well fail. Used only on the socket's own context.
 */
final class RetriedStep {
    private final Supplier<Future<Void>> step;
    private final MessageCursor.Later later;
    private final BooleanSupplier wanted;
    private boolean running;
    private boolean again;
    private long retryMillis = MessageCursor.FIRST_RETRY_MILLIS;

    RetriedStep(Supplier<Future<Void>> step, MessageCursor.Later later, BooleanSupplier wanted) {
        this.step = step;
        this.later = later;
        this.wanted = wanted;
    }

    void run() {
        if (!wanted.getAsBoolean()) return;
        if (running) {
            again = true;
            return;
        }
        running = true;
        Future<Void> done;
        try {
            done = step.get();
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        done.onComplete(r -> {
            running = false;
            if (r.failed()) {
                long wait = retryMillis;
                retryMillis = Math.min(MessageCursor.MAX_RETRY_MILLIS, retryMillis * 2);
                again = false;
                later.after(wait, this::run);
                return;
            }
            retryMillis = MessageCursor.FIRST_RETRY_MILLIS;
            if (again) {
                again = false;
                run();
            }
        });
    }
}
