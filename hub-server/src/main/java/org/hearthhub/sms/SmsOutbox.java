package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Sends texts through Twilio off the event loop, on a small pool of its own so a slow Twilio never
 * holds up file writes. Texts to one number leave this node one after another, in the order they
 * were handed in; a long text goes out as ordered parts.
 *
 * <p>Retries: up to {@link #RETRY_DELAYS_MS}.length more attempts, with growing pauses, but only for
 * failures where Twilio certainly did not accept the text (5xx, 429, no connection). A timeout after
 * the request was sent is not retried: Twilio has no idempotency key for messages, so a retry could
 * deliver the text twice. The advocate is told instead (see docs/sms.md).
 */
final class SmsOutbox {
    private static final Logger LOG = Logger.getLogger(SmsOutbox.class.getName());
    static final long[] RETRY_DELAYS_MS = {250, 1000, 2500};
    private static final int WORKERS = 4;

    private final Vertx vertx;
    private final WorkerExecutor workers;
    /** Built on a worker in the background: loading the SDK takes a few hundred ms the hub's start need not wait for. */
    private final Future<TwilioGateway> gateway;
    private final Map<String, Future<Void>> lanes = new ConcurrentHashMap<>();

    SmsOutbox(Vertx vertx, Supplier<TwilioGateway> gatewayFactory) {
        this.vertx = vertx;
        this.workers = vertx.createSharedWorkerExecutor("hearth-sms", WORKERS);
        this.gateway = workers.executeBlocking(gatewayFactory::get, false)
                .onFailure(e -> LOG.severe("SMS: the Twilio client could not be built: " + e.getClass().getName()));
    }

    /**
     * Queues a text for a number behind what this node is still sending to it.
     *
     * @param lane the number's HMAC: orders texts per texter without keeping the number as a map key
     * @return Twilio's message SIDs, one per part; fails with {@link SmsFailure}
     */
    Future<List<String>> send(String lane, String to, String text) {
        AtomicReference<Future<List<String>>> sent = new AtomicReference<>();
        Future<Void> tail = lanes.compute(lane, (k, before) -> {
            Future<Void> ready = before == null ? Future.succeededFuture() : before;
            sent.set(ready.transform(ignored -> sendParts(to, TextParts.split(text))));
            return sent.get().transform(ignored -> Future.succeededFuture());
        });
        tail.onComplete(r -> lanes.remove(lane, tail));
        return sent.get();
    }

    private Future<List<String>> sendParts(String to, List<String> parts) {
        List<String> sids = new ArrayList<>(parts.size());
        Future<Void> chain = Future.succeededFuture();
        for (String part : parts) {
            chain = chain.compose(v -> attempt(to, part, 0)).map(sid -> {
                sids.add(sid);
                return null;
            });
        }
        return chain.map(v -> sids);
    }

    private Future<String> attempt(String to, String body, int retriesDone) {
        Future<TwilioGateway> ready = gateway.recover(e -> Future.failedFuture(new SmsFailure(SmsFailure.Kind.REJECTED, null, null)));
        return ready.compose(g -> workers.executeBlocking(() -> g.send(to, body), false)).recover(e -> {
            SmsFailure failure = SmsFailure.classify(e);
            if (failure.kind() == SmsFailure.Kind.RETRYABLE && retriesDone < RETRY_DELAYS_MS.length) {
                LOG.info("SMS: Twilio did not take a text (" + failure.describe() + "); retry " + (retriesDone + 1)
                        + " in " + RETRY_DELAYS_MS[retriesDone] + " ms");
                return vertx.timer(RETRY_DELAYS_MS[retriesDone]).compose(v -> attempt(to, body, retriesDone + 1));
            }
            LOG.warning("SMS: a text was not sent (" + failure.describe() + ")");
            return Future.failedFuture(failure);
        });
    }

    Future<Void> close() {
        return gateway.compose(g -> workers.executeBlocking(() -> {
            g.close();
            return null;
        }, false)).<Void>mapEmpty().eventually(() -> workers.close());
    }
}
