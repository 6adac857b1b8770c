package org.hearthhub.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.hearthhub.chat.ConversationMeter;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.live.ConversationStore;
import org.hearthhub.live.LiveCounts;
import org.hearthhub.model.Channel;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Sender;
import org.hearthhub.model.SocketSide;
import org.hearthhub.model.SurvivorSocketClosing;
import org.hearthhub.sms.AutoReplyMeter;
import org.hearthhub.voice.HotlineMeter;
import org.hearthhub.web.Failures;
import org.hearthhub.ws.SocketCounts;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The hub's operational metrics, served as Prometheus text on {@code GET /metrics}: sockets held,
 * queue length, live conversations, messages, starts, ends by reason, error frames by code, frames
 * dropped over a socket's flood budget, queue
 * waits, JVM heap and process RSS.
 *
 * <p>Counts only. Every tag is a fixed word from an enum (sender, channel, end reason, error code,
 * socket side), never a conversation id, username, address or anything else that names a person.
 *
 * <p>Events are counted in plain adders from the first moment; the Micrometer registry that reads
 * them is built on a worker thread once the hub listens ({@link #start()}), so loading the metrics
 * libraries never delays readiness. Nothing here needs closing: it holds no threads or listeners.
 */
public final class HubMetrics implements ConversationMeter, SocketCounts, HotlineMeter, AutoReplyMeter {
    public static final String PATH = "/metrics";

    private final Vertx vertx;
    private final Map<Sender, LongAdder> messages = adders(Sender.class);
    private final Map<Channel, LongAdder> starts = adders(Channel.class);
    private final Map<EndReason, LongAdder> ends = adders(EndReason.class);
    private final Map<ErrorCode, LongAdder> errors = adders(ErrorCode.class);
    private final Map<SocketSide, LongAdder> framesOverBudget = adders(SocketSide.class);
    private final Map<SocketSide, LongAdder> cutForNotReading = adders(SocketSide.class);
    private final Map<SurvivorSocketClosing, LongAdder> survivorClosings = adders(SurvivorSocketClosing.class);
    private final Map<HotlineMeter.NotQueued, LongAdder> callsRefused = adders(HotlineMeter.NotQueued.class);
    private final Map<AutoReplyMeter.Cap, LongAdder> autoRepliesRefused = adders(AutoReplyMeter.Cap.class);
    private final LongAdder consolesGaveWay = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder waitMillis = new LongAdder();
    /** Refreshed from the live store just before each scrape (the store answers asynchronously). */
    private final AtomicLong queueLength = new AtomicLong();
    private final AtomicLong conversationsLive = new AtomicLong();
    private final AtomicLong residentBytes = new AtomicLong(-1);
    private final AtomicLong proportionalBytes = new AtomicLong(-1);
    private IntSupplier survivorSockets = () -> 0;
    private IntSupplier advocateSockets = () -> 0;
    private ConversationStore live;
    private Future<Handler<RoutingContext>> scraper;

    public HubMetrics(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The store whose queue length and live conversations are reported. */
    public void watchStore(ConversationStore store) {
        this.live = store;
    }

    /** Socket gauges, read at scrape time. */
    public void watchSockets(IntSupplier survivors, IntSupplier advocates) {
        this.survivorSockets = survivors;
        this.advocateSockets = advocates;
    }

    /**
     * Mounts {@code GET /metrics} behind {@code Authorization: Bearer <token>} (401 without it, the hub's
     * error body); with no token nothing is mounted, so {@code /metrics} answers 404 like any unknown path.
     * Even counts are not for everyone: watched live, a counter moves when one survivor sends a message or leaves.
     */
    public void mount(Router router, String token) {
        if (token == null) return;
        BearerToken bearer = new BearerToken(token);
        Failures failures = Failures.hub();
        router.get(PATH).handler(ctx -> {
            if (bearer.admits(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
                ctx.next();
            } else {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
                failures.reply(ctx, new Refusal(ErrorCode.SIGN_IN_REQUIRED, "error.metrics_token"));
            }
        }).handler(ctx -> start().compose(scrape -> refresh().map(v -> scrape)).onComplete(r -> {
            if (r.succeeded()) r.result().handle(ctx);
            else ctx.fail(r.cause());
        })).failureHandler(failures);
    }

    /** Builds the registry off the event loop (once); call when the hub is ready so the first scrape is quick. */
    public synchronized Future<Handler<RoutingContext>> start() {
        if (scraper == null) scraper = vertx.executeBlocking(() -> PrometheusScrapingHandler.create(buildRegistry()), false);
        return scraper;
    }

    @Override
    public void errorSent(String code) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.wire().equals(code)) {
                errors.get(c).increment();
                return;
            }
        }
    }

    @Override
    public void frameOverBudget(SocketSide side) {
        framesOverBudget.get(side).increment();
    }

    @Override
    public void cutForNotReading(SocketSide side) {
        cutForNotReading.get(side).increment();
    }

    @Override
    public void survivorSocketClosed(SurvivorSocketClosing why) {
        survivorClosings.get(why).increment();
    }

    @Override
    public void callRefused(HotlineMeter.NotQueued why) {
        callsRefused.get(why).increment();
    }

    @Override
    public void refused(AutoReplyMeter.Cap cap) {
        autoRepliesRefused.get(cap).increment();
    }

    @Override
    public void consoleGaveWay() {
        consolesGaveWay.increment();
    }

    @Override
    public void started(Channel channel) {
        starts.get(channel).increment();
    }

    @Override
    public void message(Sender from) {
        messages.get(from).increment();
    }

    @Override
    public void ended(EndReason reason) {
        ends.get(reason).increment();
    }

    @Override
    public void waited(Duration wait) {
        waits.increment();
        waitMillis.add(Math.max(0, wait.toMillis()));
    }

    private PrometheusMeterRegistry buildRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registerCounts(registry, "hearth.messages", "Chat messages added, by sender", "from", messages, Sender::wire);
        registerCounts(registry, "hearth.conversations.started", "Conversations queued, by channel", "channel", starts, Channel::wire);
        registerCounts(registry, "hearth.conversations.ended", "Conversations ended, by reason", "reason", ends, EndReason::wire);
        errors.forEach((c, n) -> {
            // One series per wire code: codes that share one (forbidden answered 401 or 403) count as the first.
            if (ErrorCode.fromWire(c.wire()) != c) return;
            FunctionCounter.builder("hearth.errors.sent", n, LongAdder::sum)
                    .description("Error frames sent on sockets, by code").tag("code", c.wire()).register(registry);
        });
        registerCounts(registry, "hearth.frames.over.budget",
                "Frames dropped over a socket's flood budget (answered once a second), by socket side",
                "side", framesOverBudget, SocketSide::wire);
        registerCounts(registry, "hearth.sockets.cut.unread", "Sockets closed because they did not read what they were sent "
                + "(limits.unsentBytesPerSocket, or nothing taken for the idle timeout), by socket side",
                "side", cutForNotReading, SocketSide::wire);
        registerCounts(registry, "hearth.survivor.sockets.closed", "Survivor sockets closed to guard their chat: resumed on more "
                + "than limits.socketsPerChat sockets, or more than limits.resumesPerMinute times a minute",
                "reason", survivorClosings, SurvivorSocketClosing::wire);
        registerCounts(registry, "hearth.calls.refused", "Hotline calls answered without a place in the queue: a second call "
                + "from a number already queued or connected, or a withheld number's past voice.maxWithheldCalls", "reason",
                callsRefused, HotlineMeter.NotQueued::wire);
        registerCounts(registry, "hearth.sms.auto.replies.refused", "Texts the hub would have sent on its own in answer to texts, "
                + "not sent over a cap: a number's hour or day (sms.autoRepliesPerNumberHour, …Day), or the hub's hour (…HubHour)",
                "cap", autoRepliesRefused, AutoReplyMeter.Cap::wire);
        FunctionCounter.builder("hearth.consoles.closed", consolesGaveWay, LongAdder::sum)
                .description("Consoles closed because their account opened more than limits.consolesPerAccount").register(registry);
        FunctionTimer.builder("hearth.queue.wait", this, m -> m.waits.sum(), m -> m.waitMillis.sum(), TimeUnit.MILLISECONDS)
                .description("Time from queueing to an advocate's accept").register(registry);
        Gauge.builder("hearth.sockets", this, m -> m.survivorSockets.getAsInt()).description("WebSockets open on this node, by side")
                .tag("side", SocketSide.SURVIVOR.wire()).register(registry);
        Gauge.builder("hearth.sockets", this, m -> m.advocateSockets.getAsInt()).description("WebSockets open on this node, by side")
                .tag("side", SocketSide.ADVOCATE.wire()).register(registry);
        Gauge.builder("hearth.queue.length", queueLength, AtomicLong::get).description("Conversations waiting in the queue")
                .register(registry);
        Gauge.builder("hearth.conversations.live", conversationsLive, AtomicLong::get)
                .description("Conversations queued or active").register(registry);
        Gauge.builder("hearth.live.refusing", this, m -> m.live != null && m.live.refusingNewConversations() ? 1 : 0)
                .description("1 while the live store refuses new conversations (a live Redis found writing to disk)")
                .register(registry);
        Gauge.builder("process.resident.memory", residentBytes, AtomicLong::get).baseUnit("bytes")
                .description("Resident set size of the hub process (VmRSS; about three times the heap's share under ZGC)").register(registry);
        Gauge.builder("process.proportional.memory", proportionalBytes, AtomicLong::get).baseUnit("bytes")
                .description("Proportional set size of the hub process (Pss): memory held, each page counted once").register(registry);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            // Read from the beans at scrape time: no notification listener to remove when a hub stops.
            FunctionTimer.builder("jvm.gc.collection", gc, b -> Math.max(0, b.getCollectionCount()),
                            b -> Math.max(0, b.getCollectionTime()), TimeUnit.MILLISECONDS)
                    .description("Garbage collections and the time they took, by collector").tag("gc", gc.getName())
                    .register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** Reads the values that cannot be read synchronously: store sizes (a store may be remote) and memory held (files). */
    private Future<Void> refresh() {
        Future<LiveCounts> counts = live == null ? Future.succeededFuture(new LiveCounts(0, 0)) : live.counts();
        Future<ResidentMemory.Reading> memory = vertx.executeBlocking(ResidentMemory::read, false);
        return Future.join(counts, memory).map(cf -> {
            if (counts.succeeded()) {
                queueLength.set(counts.result().queued());
                conversationsLive.set(counts.result().live());
            }
            if (memory.succeeded()) {
                residentBytes.set(memory.result().resident());
                proportionalBytes.set(memory.result().proportional());
            }
            return null;
        });
    }

    /** One counter series per enum constant, tagged {@code tag} with the constant's wire word. */
    private static <E extends Enum<E>> void registerCounts(PrometheusMeterRegistry registry, String name, String description,
                                                           String tag, Map<E, LongAdder> counts, Function<E, String> word) {
        counts.forEach((e, n) -> FunctionCounter.builder(name, n, LongAdder::sum).description(description).tag(tag, word.apply(e))
                .register(registry));
    }

    private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
        Map<E, LongAdder> out = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) out.put(e, new LongAdder());
        return out;
    }
}
