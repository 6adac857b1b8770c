package org.hearthhub.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * CPU time used so far by processes, as the kernel counts it (user and system, every thread; on Linux in
 * clock ticks of 10 ms). Unlike a latency cliff, the CPU a server spends per message reads the same from
 * run to run, so it is the figure that shows whether a change made the work cheaper.
 */
final class CpuTime {
    private CpuTime() {
    }

    /** The processes' CPU time in total, or null when any of them cannot say (gone, or not this machine's). */
    static Duration of(List<Long> pids) {
        Duration total = Duration.ZERO;
        for (long pid : pids) {
            Optional<Duration> cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration());
            if (cpu.isEmpty()) return null;
            total = total.plus(cpu.get());
        }
        return total;
    }

    /** This generator's own CPU time. */
    static Duration own() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(null);
    }

    /** Cores used on average between two readings {@code seconds} apart; NaN when either is missing. */
    static double cores(Duration before, Duration after, double seconds) {
        if (before == null || after == null || seconds <= 0) return Double.NaN;
        return after.minus(before).toNanos() / 1e9 / seconds;
    }
}
