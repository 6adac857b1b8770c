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
 * <p>Retries: {@link TwilioRetries}, only for failures where Twilio certainly did not accept the text
 * (5xx, 429, no connection). A timeout after the request was sent is not retried: Twilio has no idempotency key for messages, so a retry could
 * deliver the text twice. The advocate is told instead (see docs/sms.md).
 */
final class SmsOutbox {
    private static final Logger LOG = Logger.getLogger(SmsOutbox.class.getName());
    private static final int WORKERS = 4;

    private final WorkerExecutor workers;
    /** Built on a worker in the background: loading the SDK takes a few hundred ms the hub's start need not wait for. */
    private final Future<TwilioGateway> gateway;
    private final Map<String, Future<Void>> lanes = new ConcurrentHashMap<>();
    private final TwilioRetries retries;

    /** @param retryDelaysMillis the pauses before each retry ({@code twilio.retryDelaysMillis}) */
    SmsOutbox(Vertx vertx, Supplier<TwilioGateway> gatewayFactory, List<Long> retryDelaysMillis) {
        this.workers = vertx.createSharedWorkerExecutor("hearth-sms", WORKERS);
        this.retries = new TwilioRetries(vertx, "SMS", retryDelaysMillis);
        this.gateway = workers.executeBlocking(gatewayFactory::get, false)
                .onFailure(e -> LOG.severe("SMS: the Twilio client could not be built: " + e.getClass().getName()));
    }

    /**
     * Queues a text for a number behind what this node is still sending to it.
     *
     * @param sender the program the texts are from
     * @param lane   the number's HMAC: orders texts per texter without keeping the number as a map key
     * @return Twilio's message SIDs, one per part; fails with {@link SmsFailure}
     */
    Future<List<String>> send(SmsSender sender, String lane, String to, String text) {
        return send(sender, lane, to, () -> Future.succeededFuture(text));
    }

    /**
     * The same, with the words decided only when the lane reaches the text, just before Twilio is asked: what it
     * should say may depend on what happened while it waited ({@link SmsRelay#firstReply}). Null sends nothing.
     */
    Future<List<String>> send(SmsSender sender, String lane, String to, Supplier<Future<String>> text) {
        // A program without an SMS number has nothing to send from: refused, as Twilio would refuse it.
        if (sender.from() == null) return Future.failedFuture(new SmsFailure(SmsFailure.Kind.REJECTED, null, null));
        AtomicReference<Future<List<String>>> sent = new AtomicReference<>();
        Future<Void> tail = lanes.compute(lane, (k, before) -> {
            Future<Void> ready = before == null ? Future.succeededFuture() : before;
            sent.set(ready.transform(ignored -> text.get().compose(words -> words == null
                    ? Future.succeededFuture(List.<String>of()) : sendParts(sender, to, TextParts.split(words)))));
            return sent.get().transform(ignored -> Future.succeededFuture());
        });
        tail.onComplete(r -> lanes.remove(lane, tail));
        return sent.get();
    }

    private Future<List<String>> sendParts(SmsSender sender, String to, List<String> parts) {
        List<String> sids = new ArrayList<>(parts.size());
        Future<Void> chain = Future.succeededFuture();
        for (String part : parts) {
            chain = chain.compose(v -> attempt(sender, to, part)).map(sid -> {
                sids.add(sid);
                return null;
            });
        }
        return chain.map(v -> sids);
    }

    private Future<String> attempt(SmsSender sender, String to, String body) {
        Future<TwilioGateway> ready = gateway.recover(e -> Future.failedFuture(new SmsFailure(SmsFailure.Kind.REJECTED, null, null)));
        return retries.run("a text", () -> ready.compose(g -> workers.executeBlocking(() -> g.send(sender, to, body), false)));
    }

    Future<Void> close() {
        return gateway.compose(g -> workers.executeBlocking(() -> {
            g.close();
            return null;
        }, false)).<Void>mapEmpty().eventually(() -> workers.close());
    }
}
