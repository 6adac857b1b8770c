package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The one retry policy for requests to Twilio's REST API, texts and calls alike: a request Twilio
 * certainly did not take (5xx, 429, no connection; see {@link SmsFailure#classify}) is tried again after
 * growing pauses ({@code twilio.retryDelaysMillis}, 250, 1000 and 2500 ms unless set); any other failure
 * is not, since Twilio has no idempotency key and a second attempt could send the text, or ring the phone,
 * twice. Failures end as an {@link SmsFailure}.
 */
public final class TwilioRetries {
    private static final Logger LOG = Logger.getLogger(TwilioRetries.class.getName());

    private final String channel;
    private final List<Long> delaysMillis;
    private final LongFunction<Future<?>> pause;

    /**
     * @param channel      names the channel in log lines ("SMS", "Voice"); never a number or a text
     * @param delaysMillis the pauses before each further attempt; their number is the number of retries
     */
    public TwilioRetries(Vertx vertx, String channel, List<Long> delaysMillis) {
        this(channel, delaysMillis, vertx::timer);
    }

    /** @param pause waits the given milliseconds (a Vert.x timer; in tests, whatever records or skips the wait) */
    TwilioRetries(String channel, List<Long> delaysMillis, LongFunction<Future<?>> pause) {
        this.channel = channel;
        this.delaysMillis = List.copyOf(delaysMillis);
        this.pause = pause;
    }

    /** Runs {@code request} (one attempt each time it is called) under the policy; {@code what} names it in logs. */
    public <T> Future<T> run(String what, Supplier<Future<T>> request) {
        return attempt(what, request, 0);
    }

    private <T> Future<T> attempt(String what, Supplier<Future<T>> request, int retriesDone) {
        return request.get().recover(e -> {
            SmsFailure failure = SmsFailure.classify(e);
            if (failure.kind() == SmsFailure.Kind.RETRYABLE && retriesDone < delaysMillis.size()) {
                long delay = delaysMillis.get(retriesDone);
                LOG.info(channel + ": Twilio did not take " + what + " (" + failure.describe() + "); retry " + (retriesDone + 1)
                        + " in " + delay + " ms");
                return pause.apply(delay).compose(v -> attempt(what, request, retriesDone + 1));
            }
            LOG.warning(channel + ": " + what + " failed (" + failure.describe() + ")");
            return Future.failedFuture(failure);
        });
    }
}
