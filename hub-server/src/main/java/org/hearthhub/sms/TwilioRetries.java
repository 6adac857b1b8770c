package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The one retry policy for requests to Twilio's REST API, texts and calls alike: a request Twilio
 * certainly did not take (5xx, 429, no connection; see {@link SmsFailure#classify}) is tried again after
 * growing pauses; any other failure is not, since Twilio has no idempotency key and a second attempt
 * could send the text, or ring the phone, twice. Failures end as an {@link SmsFailure}.
 */
public final class TwilioRetries {
    private static final Logger LOG = Logger.getLogger(TwilioRetries.class.getName());
    /** The pauses before each further attempt; their number is the number of retries. */
    public static final long[] DELAYS_MS = {250, 1000, 2500};

    private final Vertx vertx;
    private final String channel;

    /** @param channel names the channel in log lines ("SMS", "Voice"); never a number or a text */
    public TwilioRetries(Vertx vertx, String channel) {
        this.vertx = vertx;
        this.channel = channel;
    }

    /** Runs {@code request} (one attempt each time it is called) under the policy; {@code what} names it in logs. */
    public <T> Future<T> run(String what, Supplier<Future<T>> request) {
        return attempt(what, request, 0);
    }

    private <T> Future<T> attempt(String what, Supplier<Future<T>> request, int retriesDone) {
        return request.get().recover(e -> {
            SmsFailure failure = SmsFailure.classify(e);
            if (failure.kind() == SmsFailure.Kind.RETRYABLE && retriesDone < DELAYS_MS.length) {
                LOG.info(channel + ": Twilio did not take " + what + " (" + failure.describe() + "); retry " + (retriesDone + 1)
                        + " in " + DELAYS_MS[retriesDone] + " ms");
                return vertx.timer(DELAYS_MS[retriesDone]).compose(v -> attempt(what, request, retriesDone + 1));
            }
            LOG.warning(channel + ": " + what + " failed (" + failure.describe() + ")");
            return Future.failedFuture(failure);
        });
    }
}
