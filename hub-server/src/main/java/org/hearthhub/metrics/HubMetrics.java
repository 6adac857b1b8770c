package org.hearthhub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.hearthhub.chat.Channel;
import org.hearthhub.chat.EndReason;
import org.hearthhub.chat.ErrorCode;
import org.hearthhub.chat.Sender;
import org.hearthhub.live.LiveStore;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The hub's operational metrics, served as Prometheus text on {@code GET /metrics}: sockets held,
 * queue length, live conversations, messages, starts, ends by reason, error frames by code, queue
 * waits, JVM heap and process RSS. Nothing here needs closing: it holds no threads or listeners.
 *
 * <p>Counts only. Every tag is a fixed word from an enum (sender, channel, end reason, error code,
 * socket side), never a conversation id, username, address or anything else that names a person.
 */
public final class HubMetrics {
    public static final String PATH = "/metrics";

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Sender, Counter> messages = new EnumMap<>(Sender.class);
    private final Map<Channel, Counter> starts = new EnumMap<>(Channel.class);
    private final Map<EndReason, Counter> ends = new EnumMap<>(EndReason.class);
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Timer waits;
    /** Refreshed from the live store just before each scrape (the store answers asynchronously). */
    private final AtomicLong queueLength = new AtomicLong();
    private final AtomicLong conversationsLive = new AtomicLong();
    private final AtomicLong residentBytes = new AtomicLong(-1);
    private LiveStore live;

    public HubMetrics(Vertx vertx) {
        this.vertx = vertx;
        for (Sender s : Sender.values()) {
            messages.put(s, Counter.builder("hearth.messages").description("Chat messages added, by sender")
                    .tag("from", s.wire()).register(registry));
        }
        for (Channel c : Channel.values()) {
            starts.put(c, Counter.builder("hearth.conversations.started").description("Conversations queued, by channel")
                    .tag("channel", c.wire()).register(registry));
        }
        for (EndReason r : EndReason.values()) {
            ends.put(r, Counter.builder("hearth.conversations.ended").description("Conversations ended, by reason")
                    .tag("reason", r.wire()).register(registry));
        }
        for (ErrorCode c : ErrorCode.values()) {
            errors.put(c, Counter.builder("hearth.errors.sent").description("Error frames sent on sockets, by code")
                    .tag("code", c.wire()).register(registry));
        }
        waits = Timer.builder("hearth.queue.wait").description("Time from queueing to an advocate's accept")
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
        Gauge.builder("hearth.queue.length", queueLength, AtomicLong::get).description("Conversations waiting in the queue")
                .register(registry);
        Gauge.builder("hearth.conversations.live", conversationsLive, AtomicLong::get)
                .description("Conversations queued or active").register(registry);
        Gauge.builder("process.resident.memory", residentBytes, AtomicLong::get).baseUnit("bytes")
                .description("Resident set size of the hub process (VmRSS)").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Wraps the live store so that starts, waits, messages and ends passing through it are counted. */
    public LiveStore observe(LiveStore store) {
        this.live = store;
        return new MeteredLiveStore(store, this);
    }

    /** Socket gauges, read at scrape time. Held strongly: Micrometer otherwise keeps only a weak reference. */
    public void watchSockets(IntSupplier survivors, IntSupplier advocates) {
        Gauge.builder("hearth.sockets", survivors, s -> s.getAsInt()).description("WebSockets open on this node, by side")
                .tag("side", "survivor").strongReference(true).register(registry);
        Gauge.builder("hearth.sockets", advocates, s -> s.getAsInt()).description("WebSockets open on this node, by side")
                .tag("side", "advocate").strongReference(true).register(registry);
    }

    /** Mounts {@code GET /metrics}. */
    public void mount(Router router) {
        router.get(PATH).handler(ctx -> refresh().onComplete(r -> ctx.next()));
        router.get(PATH).handler(PrometheusScrapingHandler.create(registry));
    }

    /** An error frame with this wire code went out on a socket. */
    public void errorSent(String code) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.wire().equals(code)) {
                errors.get(c).increment();
                return;
            }
        }
    }

    void started(Channel channel) {
        starts.get(channel).increment();
    }

    void message(Sender from) {
        messages.get(from).increment();
    }

    void ended(EndReason reason) {
        ends.get(reason).increment();
    }

    void waited(Duration wait) {
        waits.record(wait.isNegative() ? Duration.ZERO : wait);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Reads the values that cannot be read synchronously: store sizes (a store may be remote) and RSS (a file). */
    private Future<Void> refresh() {
        Future<Integer> queued = live == null ? Future.succeededFuture(0) : live.queue().map(List::size);
        Future<Integer> all = live == null ? Future.succeededFuture(0) : live.liveConversations().map(List::size);
        Future<Long> rss = vertx.executeBlocking(ResidentMemory::bytes, false);
        return Future.join(queued, all, rss).map(cf -> {
            if (queued.succeeded()) queueLength.set(queued.result());
            if (all.succeeded()) conversationsLive.set(all.result());
            if (rss.succeeded()) residentBytes.set(rss.result());
            return null;
        });
    }
}
