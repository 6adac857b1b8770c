package org.hearthhub.loadtest;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human table, then the one machine-readable line that ends every run. */
final class Report {
    static final double SATURATION_P99_MS = 20;

    private Report() {
    }

    static void print(PrintStream out, Options o, List<Long> readyMillis, List<PhaseResult> hubs, List<PhaseResult> relays) {
        List<PhaseResult> phases = inTurn(hubs, relays);
        out.println();
        out.println("== Hearth load test ==");
        out.printf(Locale.ROOT, "scenario: %d survivor sockets (%d in active chats, the rest queued), %d advocates x capacity %d, "
                + "%d-character messages%n", o.survivors(), o.activeChats(), o.advocates(), o.capacity(), o.textLength());
        out.printf(Locale.ROOT, "offered: %s msg/s in total, half survivor->advocate and half advocate->survivor; %d s per rate "
                + "after %d s warm-up%s; generator and servers on this one machine (%d cores)%n", rates(o), o.duration(), o.warmup(),
                o.settle() > 0 ? ", each rate measured after " + o.settle() + " s at it" : "", Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < readyMillis.size(); i++) {
            out.printf(Locale.ROOT, "hub %d ready: %d ms (process start to /health 200)%n", i + 1, readyMillis.get(i));
        }
        out.println();
        out.printf(Locale.ROOT, "%-12s %6s %8s %8s   %-30s %-30s %8s %7s %10s %10s %8s %8s %8s %6s%n", "phase", "rate", "sent/s",
                "sockets", "s->a p50 / p95 / p99 / max ms", "a->s p50 / p95 / p99 / max ms", "heap MB", "PSS MB", "srv GC", "gen GC",
                "srv CPU", "us/msg", "gen CPU", "load");
        for (PhaseResult p : phases) {
            for (StepResult s : p.steps()) {
                out.printf(Locale.ROOT, "%-12s %6d %8.1f %8d   %-30s %-30s %8s %7s %10s %10s %8s %8s %8s %6s%n", p.name(), s.rate(),
                        s.sentPerSecond(), s.connections(), latencies(s.toAdvocate()), latencies(s.toSurvivor()), mb(s.heapMaxBytes()),
                        mb(s.memoryMaxBytes()), s.serverGc(), s.generatorGc(), cores(s.cpu().serverCores()),
                        oneDecimal(s.cpu().serverMicrosPerMessage()), cores(s.cpu().generatorCores()), s.loadAverage());
            }
        }
        out.println("(GC: pause ms / collections during the step, server and generator; CPU: cores used on average during the step,"
                + " by the server(s) and by this generator, and the server's CPU microseconds per message offered; load: the"
                + " machine's 1-minute load average after the step; above the core count, other processes competed)");
        out.println();
        for (PhaseResult p : phases) {
            out.printf(Locale.ROOT, "%s: %.1f s to connect %d sockets and make %d chats active%n", p.name(), p.setupSeconds(),
                    p.connections(), p.chats());
        }
        for (PhaseResult hub : hubs) {
            if (hub.assign() == null) continue;
            Latency.Summary a = hub.assign();
            out.printf(Locale.ROOT, "queue assign, %s (start sent -> assigned received), n=%d: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms%n", hub.name(), a.count(), a.p50(), a.p95(), a.p99(), a.max());
        }
        for (PhaseResult p : phases) {
            out.printf(Locale.ROOT, "exactly once, %s: sent %d, delivered %d, duplicates %d, missing %d, strays %d%n", p.name(),
                    p.sent(), p.delivered(), p.duplicates(), p.missing(), p.strays());
        }
        for (PhaseResult p : phases) {
            out.printf("errors, %s: %s%n", p.name(), p.errors().isEmpty() ? "none" : p.errors());
        }
        if (o.isSweep()) {
            for (PhaseResult p : phases) {
                int sat = saturation(p);
                out.printf(Locale.ROOT, "saturation, %s: %s%n", p.name(), sat == 0
                        ? "below the lowest rate swept" : sat + " msg/s (the highest rate before p99 passed "
                        + SATURATION_P99_MS + " ms either way or the offered rate was not kept)");
            }
            for (int i = 0; i < Math.min(hubs.size(), relays.size()); i++) {
                if (saturation(relays.get(i)) == 0) continue;
                out.printf(Locale.ROOT, "saturation, %s / %s: %.2f (a sweep that never saturates reads as its top rate)%n",
                        hubs.get(i).name(), relays.get(i).name(), (double) saturation(hubs.get(i)) / saturation(relays.get(i)));
            }
        }
        for (PhaseResult p : phases) {
            if (!p.notes().isEmpty()) out.println("notes, " + p.name() + ": " + p.notes());
        }
        if (hubs.size() > 1) printPooled(out, o, hubs, relays);
    }

    /**
     * Each server's rounds as one sample, rate by rate, and the p99 ratio of every round beside the pooled one:
     * one window each, minutes apart, follows the machine's moment (the relay's p99 at 1,000 msg/s moved from 0.22 to
     * 0.79 ms within half an hour); rounds in turn meet the same moments.
     */
    private static void printPooled(PrintStream out, Options o, List<PhaseResult> hubs, List<PhaseResult> relays) {
        out.println();
        out.printf(Locale.ROOT, "%d rounds pooled (each server's messages of every round as one sample):%n", hubs.size());
        for (int rate : o.sweep()) {
            Latency.Summary hub = pooled(hubs, rate, Direction.TO_ADVOCATE);
            String line = String.format(Locale.ROOT, "  %6d msg/s  hub s->a %s ms, a->s %s ms", rate, latencies(hub),
                    latencies(pooled(hubs, rate, Direction.TO_SURVIVOR)));
            if (!relays.isEmpty()) {
                Latency.Summary relay = pooled(relays, rate, Direction.TO_ADVOCATE);
                line += String.format(Locale.ROOT, "; relay s->a %s ms, a->s %s ms; s->a p99 ratio %s pooled, by round %s", latencies(relay),
                        latencies(pooled(relays, rate, Direction.TO_SURVIVOR)), num(hub.p99() / relay.p99()), String.join(" ",
                                roundRatios(hubs, relays, rate)));
            }
            out.println(line);
        }
    }

    /** Every round's p99 ratio, survivor to advocate, at {@code rate}. */
    static List<String> roundRatios(List<PhaseResult> hubs, List<PhaseResult> relays, int rate) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(hubs.size(), relays.size()); i++) {
            StepResult h = hubs.get(i).at(rate);
            StepResult r = relays.get(i).at(rate);
            out.add(h == null || r == null ? "NA" : num(h.toAdvocate().p99() / r.toAdvocate().p99()));
        }
        return out;
    }

    /** One direction's latencies at {@code rate} over every phase given, as one distribution. */
    static Latency.Summary pooled(List<PhaseResult> phases, int rate, Direction direction) {
        List<Latency> parts = new java.util.ArrayList<>();
        for (PhaseResult p : phases) {
            StepResult s = p.at(rate);
            if (s != null) parts.add(direction == Direction.TO_ADVOCATE ? s.samples().toAdvocate() : s.samples().toSurvivor());
        }
        return Latency.pooled(parts).summary();

    }

    /**
     * The line scripts read. Over several rounds its p99s are each server's rounds pooled, and {@code round_ratios}
     * gives every round's own ratio.
     */
    static String resultLine(Options o, List<PhaseResult> hubs, List<PhaseResult> relays) {
        double p99 = hubs.isEmpty() ? Double.NaN : pooled(hubs, o.rate(), Direction.TO_ADVOCATE).p99();
        double relayP99 = relays.isEmpty() ? Double.NaN : pooled(relays, o.rate(), Direction.TO_ADVOCATE).p99();
        double ratio = p99 / relayP99;
        long errors = inTurn(hubs, relays).stream().mapToLong(PhaseResult::errorCount).sum();
        long heap = hubs.stream().mapToLong(PhaseResult::heapMaxBytes).max().orElse(-1);
        String line = String.format(Locale.ROOT, "RESULT survivors=%d rate=%d p99_ms=%s relay_p99_ms=%s ratio=%s errors=%d heap_mb=%s",
                o.survivors(), o.rate(), num(p99), num(relayP99), num(ratio), errors, heap < 0 ? "NA" : String.valueOf(heap >> 20));
        if (hubs.size() > 1) {
            line += " rounds=" + hubs.size() + (relays.isEmpty() ? "" : " round_ratios=" + String.join(",", roundRatios(hubs, relays, o.rate())));
        }
        return line;
    }

    /**
     * The highest swept rate a phase served within the bar: p99 under {@value #SATURATION_P99_MS} ms in both
     * directions and at least 95 % of the offered rate actually sent. Rates above the first failing
     * one do not count, even if they pass by chance. 0 when the lowest rate already failed.
     */
    static int saturation(PhaseResult p) {
        int served = 0;
        for (StepResult s : p.steps()) {
            boolean within = s.toAdvocate().p99() <= SATURATION_P99_MS && s.toSurvivor().p99() <= SATURATION_P99_MS
                    && s.toAdvocate().count() > 0 && s.sentPerSecond() >= 0.95 * s.rate();
            if (!within) break;
            served = s.rate();
        }
        return served;
    }

    /** hub, relay, hub 2, relay 2…: the order they ran in. */
    private static List<PhaseResult> inTurn(List<PhaseResult> hubs, List<PhaseResult> relays) {
        List<PhaseResult> all = new java.util.ArrayList<>();
        for (int i = 0; i < Math.max(hubs.size(), relays.size()); i++) {
            if (i < hubs.size()) all.add(hubs.get(i));
            if (i < relays.size()) all.add(relays.get(i));
        }
        return all;
    }

    private static String rates(Options o) {
        return o.sweep().size() == 1 ? String.valueOf(o.rate()) : o.sweep().toString();
    }

    private static String latencies(Latency.Summary s) {
        if (s.count() == 0) return "-";
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.1f", s.p50(), s.p95(), s.p99(), s.max());
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "-" : String.valueOf(bytes >> 20);
    }

    private static String cores(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String oneDecimal(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? "-" : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String num(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? "NA" : String.format(Locale.ROOT, "%.2f", d);
    }

}
