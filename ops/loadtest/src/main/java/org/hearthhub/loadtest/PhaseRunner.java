package org.hearthhub.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one phase: set up every socket and chat, warm up, then offer each rate for the same time and
 * wait for the messages in flight, then close everything and count what never arrived.
 */
final class PhaseRunner {
    private static final long DRAIN_LIMIT_MS = 5_000;

    private final Vertx vertx;
    private final Options options;
    private final Probe probe;
    private final java.util.function.Consumer<String> log;
    private final Timeline timeline;

    /** Peaks of the measured server's memory during a step. */
    interface Probe {
        void resetPeaks();

        long heapPeakBytes();

        long memoryPeakBytes();

        /** Total GC time (ms) and collections of the measured server so far, or null when not known. */
        default long[] gcTotals() {
            return null;
        }

        /** CPU time the measured server(s) used so far, or null when not known (servers this tool did not start). */
        default java.time.Duration cpuTotal() {
            return null;
        }

        Probe NONE = new Probe() {
            @Override
            public void resetPeaks() {
            }

            @Override
            public long heapPeakBytes() {
                return -1;
            }

            @Override
            public long memoryPeakBytes() {
                return -1;
            }
        };
    }

    PhaseRunner(Vertx vertx, Options options, Probe probe) {
        this(vertx, options, probe, line -> { });
    }

    /** @param log progress lines with wall-clock times, so a flight recording can be matched to a step */
    PhaseRunner(Vertx vertx, Options options, Probe probe, java.util.function.Consumer<String> log) {
        this(vertx, options, probe, log, Timeline.OFF);
    }

    /** @param timeline where every arrival is also counted by its 10 ms ({@code --timeline}) */
    PhaseRunner(Vertx vertx, Options options, Probe probe, java.util.function.Consumer<String> log, Timeline timeline) {
        this.vertx = vertx;
        this.options = options;
        this.probe = probe;
        this.log = log;
        this.timeline = timeline;
    }

    Future<PhaseResult> run(Scenario scenario, int warmupSeconds) {
        Traffic traffic = new Traffic(timeline);
        long t0 = System.nanoTime();
        List<StepResult> steps = new ArrayList<>();
        double[] setup = new double[1];
        int[] connections = new int[1];
        Pacer[] pacer = new Pacer[1];
        return scenario.setUp(traffic).compose(v -> {
            setup[0] = (System.nanoTime() - t0) / 1e9;
            log.accept(String.format(java.util.Locale.ROOT, "%s %s: set up in %.1f s (%d chats active), load average %s",
                    java.time.LocalTime.now(), scenario.name(), setup[0], traffic.size(), LoadAverage.read()));
            connections[0] = scenario.connections();
            pacer[0] = new Pacer(vertx, traffic.freeze(), options.textLength());
            if (warmupSeconds <= 0) return Future.succeededFuture();
            // JIT and buffers warm up on both sides; these latencies are not reported.
            traffic.begin(new Traffic.Step(options.rate()));
            return pacer[0].run(options.rate(), warmupSeconds).compose(n -> drain(traffic)).mapEmpty();
        }).compose(v -> runSteps(scenario, traffic, pacer[0], 0, steps))
                .compose(v -> drain(traffic))
                .compose(v -> {
                    PhaseResult result = new PhaseResult(scenario.name(), setup[0], connections[0], traffic.size(),
                            List.copyOf(steps), scenario.assignLatency() == null ? null : scenario.assignLatency().summary(),
                            scenario.tally().snapshot(), traffic.sent(), traffic.delivered(), traffic.duplicates(),
                            traffic.missing(), traffic.strays(), scenario.notes());
                    return scenario.close().recover(e -> Future.succeededFuture()).map(x -> result);
                });
    }

    private Future<Void> runSteps(Scenario scenario, Traffic traffic, Pacer pacer, int i, List<StepResult> out) {
        if (i >= options.sweep().size()) return Future.succeededFuture();
        int rate = options.sweep().get(i);
        return settle(scenario, traffic, pacer, rate).compose(v -> measure(scenario, traffic, pacer, rate))
                .compose(r -> {
                    out.add(r);
                    return runSteps(scenario, traffic, pacer, i + 1, out);
                });
    }

    /**
     * Offers {@code rate} for {@code --settle} seconds, not reported: what the step up itself sets off (the
     * first collections at the new allocation rate, compilation of paths now hot) stays out of the figures,
     * which then show the servers as they run at that rate. Hub and relay alike.
     */
    private Future<Void> settle(Scenario scenario, Traffic traffic, Pacer pacer, int rate) {
        if (options.settle() <= 0) return Future.succeededFuture();
        log.accept(java.time.LocalTime.now() + " " + scenario.name() + ": settling at " + rate + " msg/s for " + options.settle() + " s");
        traffic.begin(new Traffic.Step(rate));
        return pacer.run(rate, options.settle()).compose(n -> drain(traffic));
    }

    private Future<StepResult> measure(Scenario scenario, Traffic traffic, Pacer pacer, int rate) {
        Traffic.Step step = new Traffic.Step(rate);
        probe.resetPeaks();
        traffic.begin(step);
        long t0 = System.nanoTime();
        log.accept(java.time.LocalTime.now() + " " + scenario.name() + ": measuring " + rate + " msg/s for " + options.duration() + " s");
        long[] serverGc = probe.gcTotals();
        long[] ownGc = GcTotals.own();
        java.time.Duration serverCpu = probe.cpuTotal();
        java.time.Duration ownCpu = CpuTime.own();
        return pacer.run(rate, options.duration()).compose(sent -> {
            double seconds = (System.nanoTime() - t0) / 1e9;
            double perSecond = sent / seconds;
            long[] serverGcAfter = probe.gcTotals();
            long[] ownGcAfter = GcTotals.own();
            StepResult.Cpu cpu = new StepResult.Cpu(CpuTime.cores(serverCpu, probe.cpuTotal(), seconds),
                    CpuTime.cores(ownCpu, CpuTime.own(), seconds), perSecond);
            return drain(traffic).map(v -> new StepResult(rate, perSecond, step.toAdvocate.summary(), step.toSurvivor.summary(),
                    scenario.connections(), probe.heapPeakBytes(), probe.memoryPeakBytes(), LoadAverage.read(),
                    GcTotals.delta(serverGc, serverGcAfter), GcTotals.delta(ownGc, ownGcAfter), cpu,
                    new StepResult.Samples(step.toAdvocate, step.toSurvivor)));
        });
    }

    /** Waits until every message sent so far has arrived, or the drain limit passes. */
    private Future<Void> drain(Traffic traffic) {
        return Waiting.until(vertx, () -> traffic.missing() == 0, DRAIN_LIMIT_MS).mapEmpty();
    }
}
