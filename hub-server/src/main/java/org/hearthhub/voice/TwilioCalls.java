package org.hearthhub.voice;

import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Queue;
import com.twilio.type.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.hearthhub.config.HubConfig;
import org.hearthhub.sms.TwilioRetries;
import org.hearthhub.sms.TwilioRest;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Logger;

/**
 * Twilio's Calls API through the SDK, on a small worker pool of its own: ringing an advocate's phone and
 * ending a leg. A request Twilio certainly did not take (5xx, 429, no connection) is tried again after
 * growing pauses ({@link TwilioRetries}, as texts); any other failure is not, since a second ring could reach
 * the phone twice.
 */
final class TwilioCalls {
    private static final Logger LOG = Logger.getLogger(TwilioCalls.class.getName());
    private static final int WORKERS = 2;

    private final WorkerExecutor workers;
    private final Future<TwilioRest> rest;
    private final int ringSeconds;
    private final TwilioRetries retries;

    TwilioCalls(Vertx vertx, HubConfig.Twilio twilio, HubConfig.Voice voice) {
        this.workers = vertx.createSharedWorkerExecutor("hearth-voice", WORKERS);
        this.retries = new TwilioRetries(vertx, "Voice", twilio.retryDelaysMillis());
        this.rest = workers.executeBlocking(() -> new TwilioRest(twilio), false)
                .onFailure(e -> LOG.severe("Voice: the Twilio client could not be built: " + e.getClass().getName()));
        this.ringSeconds = voice.ringSeconds();
    }

    /**
     * Rings a phone from a program's hotline number (so the advocate's phone shows the hotline, never the caller);
     * Twilio fetches {@code answerUrl} when it is answered and reports the leg's fate to {@code statusUrl}.
     * Nothing is recorded. Answers the new leg's SID.
     */
    Future<String> ring(String hotline, String phone, String answerUrl, String statusUrl) {
        return attempt("ring", () -> Call.creator(new PhoneNumber(phone), new PhoneNumber(hotline), URI.create(answerUrl))
                .setMethod(HttpMethod.POST)
                .setStatusCallback(URI.create(statusUrl))
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(List.of("answered", "completed"))
                .setTimeout(ringSeconds)
                .setRecord(false)
                .create(rest.result().client()).getSid());
    }

    /** Moves a leg to new TwiML at once (the caller, out of a conversation and back on hold). */
    Future<Void> redirect(String callSid, String url) {
        return attempt("redirect", () -> Call.updater(callSid).setUrl(URI.create(url)).setMethod(HttpMethod.POST)
                .update(rest.result().client()).getSid()).mapEmpty();
    }

    /** Ends a leg at once, whether it is ringing or connected. */
    Future<Void> hangUp(String callSid) {
        return attempt("hang-up", () -> Call.updater(callSid).setStatus(Call.UpdateStatus.COMPLETED)
                .update(rest.result().client()).getSid()).mapEmpty();
    }

    /** Deletes a finished call's record (numbers, times, duration) from the account's call log. */
    Future<Void> deleteRecord(String callSid) {
        return attempt("call record deletion", () -> Call.deleter(callSid).delete(rest.result().client())).mapEmpty();
    }

    /**
     * Deletes a call's queue once the caller has left it: Twilio keeps every queue an {@code <Enqueue>} made,
     * and each call waits in a queue of its own.
     */
    Future<Void> deleteQueue(String queueSid) {
        return attempt("queue deletion", () -> Queue.deleter(queueSid).delete(rest.result().client())).mapEmpty();
    }

    private <T> Future<T> attempt(String what, Callable<T> request) {
        return retries.run("a " + what, () -> rest.compose(r -> workers.executeBlocking(request, false)));
    }

    Future<Void> close() {
        return rest.compose(r -> workers.executeBlocking(() -> {
            r.close();
            return null;
        }, false)).<Void>mapEmpty().eventually(() -> workers.close());
    }
}
