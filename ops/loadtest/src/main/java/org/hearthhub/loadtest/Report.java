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

    static void print(PrintStream out, Options o, List<Long> readyMillis, PhaseResult hub, PhaseResult relay) {
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
        out.printf(Locale.ROOT, "%-11s %6s %8s %8s   %-30s %-30s %8s %7s %10s %10s %8s %8s %8s %6s%n", "phase", "rate", "sent/s",
                "sockets", "s->a p50 / p95 / p99 / max ms", "a->s p50 / p95 / p99 / max ms", "heap MB", "PSS MB", "srv GC", "gen GC",
                "srv CPU", "us/msg", "gen CPU", "load");
        for (PhaseResult p : phases(hub, relay)) {
            for (StepResult s : p.steps()) {
                out.printf(Locale.ROOT, "%-11s %6d %8.1f %8d   %-30s %-30s %8s %7s %10s %10s %8s %8s %8s %6s%n", p.name(), s.rate(),
                        s.sentPerSecond(), s.connections(), latencies(s.toAdvocate()), latencies(s.toSurvivor()), mb(s.heapMaxBytes()),
                        mb(s.memoryMaxBytes()), s.serverGc(), s.generatorGc(), cores(s.cpu().serverCores()),
                        oneDecimal(s.cpu().serverMicrosPerMessage()), cores(s.cpu().generatorCores()), s.loadAverage());
            }
        }
        out.println("(GC: pause ms / collections during the step, server and generator; CPU: cores used on average during the step,"
                + " by the server(s) and by this generator, and the server's CPU microseconds per message offered; load: the"
                + " machine's 1-minute load average after the step; above the core count, other processes competed)");
        out.println();
        for (PhaseResult p : phases(hub, relay)) {
            out.printf(Locale.ROOT, "%s: %.1f s to connect %d sockets and make %d chats active%n", p.name(), p.setupSeconds(),
                    p.connections(), p.chats());
        }
        if (hub != null && hub.assign() != null) {
            Latency.Summary a = hub.assign();
            out.printf(Locale.ROOT, "queue assign (start sent -> assigned received), n=%d: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms%n", a.count(), a.p50(), a.p95(), a.p99(), a.max());
        }
        for (PhaseResult p : phases(hub, relay)) {
            out.printf(Locale.ROOT, "exactly once, %s: sent %d, delivered %d, duplicates %d, missing %d, strays %d%n", p.name(),
                    p.sent(), p.delivered(), p.duplicates(), p.missing(), p.strays());
        }
        for (PhaseResult p : phases(hub, relay)) {
            out.printf("errors, %s: %s%n", p.name(), p.errors().isEmpty() ? "none" : p.errors());
        }
        if (o.isSweep()) {
            for (PhaseResult p : phases(hub, relay)) {
                int sat = saturation(p);
                out.printf(Locale.ROOT, "saturation, %s: %s%n", p.name(), sat == 0
                        ? "below the lowest rate swept" : sat + " msg/s (the highest rate before p99 passed "
                        + SATURATION_P99_MS + " ms either way or the offered rate was not kept)");
            }
            if (hub != null && relay != null && saturation(relay) > 0) {
                out.printf(Locale.ROOT, "saturation, hub / relay: %.2f (a sweep that never saturates reads as its top rate)%n",
                        (double) saturation(hub) / saturation(relay));
            }
        }
        if (hub != null && !hub.notes().isEmpty()) out.println("notes, " + hub.name() + ": " + hub.notes());
        if (relay != null && !relay.notes().isEmpty()) out.println("notes, " + relay.name() + ": " + relay.notes());

    }

    static String resultLine(Options o, PhaseResult hub, PhaseResult relay) {
        StepResult h = hub == null ? null : hub.at(o.rate());
        StepResult r = relay == null ? null : relay.at(o.rate());
        double p99 = h == null ? Double.NaN : h.toAdvocate().p99();
        double relayP99 = r == null ? Double.NaN : r.toAdvocate().p99();
        double ratio = p99 / relayP99;
        long errors = (hub == null ? 0 : hub.errorCount()) + (relay == null ? 0 : relay.errorCount());
        long heap = hub == null ? -1 : hub.heapMaxBytes();
        return String.format(Locale.ROOT, "RESULT survivors=%d rate=%d p99_ms=%s relay_p99_ms=%s ratio=%s errors=%d heap_mb=%s",
                o.survivors(), o.rate(), num(p99), num(relayP99), num(ratio), errors, heap < 0 ? "NA" : String.valueOf(heap >> 20));
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

    private static List<PhaseResult> phases(PhaseResult hub, PhaseResult relay) {
        return java.util.stream.Stream.of(hub, relay).filter(java.util.Objects::nonNull).toList();
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
