package org.hearthhub.abuse;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.loadtest.Latency;
import org.hearthhub.loadtest.LoadTest;
import org.hearthhub.loadtest.ProcessProbe;
import org.hearthhub.loadtest.Tally;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the genuine side (127.0.0.1) lives through while an attack runs: every period a survivor starts
 * a chat (ending it at once, so the queue stays the attacker's) and the lead signs in from its own browser
 * ({@link LeadBrowser}, a known device once the warm-up signed it in), and where the attack asks, from a new
 * browser too; four times a second the public status is asked; five times a second the hub's VmRSS is read.
 * A few of each run before the attack (warm-up, not counted) and one more right after it.
 */
final class Witness {
    private static final long STATUS_EVERY_MS = 250;
    private static final long RSS_EVERY_MS = 200;
    private static final int WARM_UP_ROUNDS = 5;
    /** Above every client timeout in {@link Side} and {@link SurvivorStart}. */
    private static final long PROBE_LIMIT_SECONDS = 40;

    private final Vertx vertx;
    private final Side genuine;
    private final Target hub;
    private final LeadBrowser lead;
    private final boolean newBrowserToo;
    private final Tally survivorAnswers = new Tally();
    private final Latency toStarted = new Latency();
    private final Tally leadAnswers = new Tally();
    private final Latency leadTimes = new Latency();
    private final Tally newBrowserAnswers = new Tally();
    private final Latency newBrowserTimes = new Latency();
    private final Latency status = new Latency();
    private final Tally statusFailures = new Tally();
    private final AtomicLong rssPeak = new AtomicLong(-1);
    private final List<Long> timers = new ArrayList<>();
    /** Probes under way, so none piles up behind a stalled hub and the last ones are waited for. */
    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    private long rssBefore;
    /** Whether the warm-up left the lead's browser a known device. */
    private boolean leadKnown;

    private Witness(Vertx vertx, Side genuine, Target hub, LeadBrowser lead, boolean newBrowserToo) {
        this.vertx = vertx;
        this.genuine = genuine;
        this.hub = hub;
        this.lead = lead;
        this.newBrowserToo = newBrowserToo;
    }

    /**
     * @param lead          the lead's own browser, whose warm-up sign-ins make it a known device
     * @param newBrowserToo also sign the lead in every period from a browser the hub has never seen
     */
    static Witness start(Vertx vertx, Side genuine, Target hub, LeadBrowser lead, long periodMs, boolean newBrowserToo) throws Exception {
        // A fresh JVM: its first answers measure the JIT, not the attack. Its sign-ins leave the lead's browser known.
        Witness warmUp = new Witness(vertx, genuine, hub, lead, false);
        for (int i = 0; i < WARM_UP_ROUNDS; i++) warmUp.oneOfEach();
        Witness w = new Witness(vertx, genuine, hub, lead, newBrowserToo);
        w.leadKnown = lead.known();
        w.rssBefore = ProcessProbe.residentBytes(hub.pid());
        w.every(periodMs, w::survivorStarts);
        w.every(periodMs, w::leadSignsIn);
        if (newBrowserToo) w.every(periodMs, w::newBrowserSignsIn);
        w.every(STATUS_EVERY_MS, w::askStatus);
        w.timers.add(vertx.setPeriodic(0, RSS_EVERY_MS, id -> w.rssPeak.accumulateAndGet(ProcessProbe.residentBytes(hub.pid()), Math::max)));
        return w;
    }

    /** Stops watching, takes one more of each, and adds the genuine side's measures to {@code results}. */
    void finish(Results results) throws Exception {
        timers.forEach(vertx::cancelTimer);
        LoadTest.await(Future.join(List.copyOf(running)), 60);
        oneOfEach();
        int queue = LoadTest.await(genuine.queueLength(hub.url()), 60);
        Latency.Summary started = toStarted.summary();
        Latency.Summary leadTime = leadTimes.summary();
        Latency.Summary st = status.summary();
        results.add("genuine survivor: answers", Results.counts(survivorAnswers));
        results.add("genuine survivor: time to started p50 / worst",
                started.count() == 0 ? "never started" : String.format("%.0f / %.0f ms", started.p50(), started.max()));
        results.add("genuine lead's browser", leadKnown ? "a known device (the device cookie from its warm-up sign-ins)"
                : "an unknown device: the hub set no device cookie");
        results.add("genuine lead sign-in: answers, p50 / worst",
                String.format("%s; %.0f / %.0f ms", Results.counts(leadAnswers), leadTime.p50(), leadTime.max()));
        if (newBrowserToo) {
            Latency.Summary fresh = newBrowserTimes.summary();
            results.add("genuine lead, new browser: answers, p50 / worst",
                    String.format("%s; %.0f / %.0f ms", Results.counts(newBrowserAnswers), fresh.p50(), fresh.max()));
        }
        results.add("GET /api/v1/status p99 / worst",
                String.format("%.1f / %.1f ms of %d", st.p99(), st.max(), st.count())
                        + (statusFailures.total() == 0 ? "" : "; failed: " + Results.counts(statusFailures)));
        long peak = Math.max(rssPeak.get(), rssBefore);
        results.add("hub RSS before → peak", Results.mib(rssBefore) + " → " + Results.mib(peak)
                + " (+" + Results.mib(peak - rssBefore) + ")");
        results.add("queue length at the end", queue < 0 ? "status did not answer" : String.valueOf(queue));
        String exit = hub.exit();
        results.add("hub after the attack", exit == null ? "running" : exit);
    }

    private void oneOfEach() throws Exception {
        LoadTest.await(Future.join(bounded(survivorStarts()), bounded(leadSignsIn()), bounded(askStatus()),
                newBrowserToo ? bounded(newBrowserSignsIn()) : Future.succeededFuture()), 60);
    }

    /** Each probe records its own failures; one the hub never answers at all is let go after a while. */
    private static Future<?> bounded(Future<?> probe) {
        return probe.timeout(PROBE_LIMIT_SECONDS, TimeUnit.SECONDS).otherwiseEmpty();
    }

    /** Runs {@code probe} every period, skipping a turn while the last one is still under way. */
    private void every(long periodMs, Supplier<Future<?>> probe) {
        AtomicBoolean busy = new AtomicBoolean();
        timers.add(vertx.setPeriodic(0, periodMs, id -> {
            if (!busy.compareAndSet(false, true)) return;
            // Bounded, so that one probe the hub never answers cannot hold finish() up.
            Future<?> f = bounded(probe.get());
            running.add(f);
            f.onComplete(r -> {
                running.remove(f);
                busy.set(false);
            });
        }));
    }

    private Future<?> survivorStarts() {
        return SurvivorStart.genuine(vertx, genuine, hub.url()).onSuccess(trial -> {
            survivorAnswers.add(trial.answer());
            if (trial.started()) toStarted.recordNanos(trial.millis() * 1_000_000);
        });
    }

    private Future<?> leadSignsIn() {
        return timed(lead.signIn(), leadTimes, leadAnswers);
    }

    private Future<?> newBrowserSignsIn() {
        return timed(lead.signInFromNewBrowser(), newBrowserTimes, newBrowserAnswers);
    }

    private static Future<?> timed(Future<Side.Answer> signIn, Latency times, Tally answers) {
        return signIn.onSuccess(a -> times.recordNanos(a.millis() * 1_000_000))
                .map(Side::outcome)
                .otherwise(Side::failure)
                .onSuccess(answers::add);
    }

    private Future<?> askStatus() {
        return genuine.get(hub.url() + "/api/v1/status?lang=en")
                .map(a -> {
                    if (a.status() == 200) status.recordNanos(a.millis() * 1_000_000);
                    else statusFailures.add(String.valueOf(a.status()));
                    return a;
                })
                .otherwise(e -> {
                    statusFailures.add(Side.failure(e));
                    return null;
                });
    }

}
