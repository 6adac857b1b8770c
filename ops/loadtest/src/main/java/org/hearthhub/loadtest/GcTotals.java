package org.hearthhub.loadtest;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Garbage-collection pause time and count, so a latency tail can be set beside the pauses that may explain it.
 * Concurrent collectors (ZGC, Shenandoah) also report their cycles, which run beside the application and stop
 * nothing: those are left out, so the figure means time stopped whichever collector runs.
 */
final class GcTotals {
    private GcTotals() {
    }

    /** True for a collector bean (or its Prometheus {@code gc} tag) that counts concurrent cycles, not pauses. */
    static boolean concurrentCycles(String collectorName) {
        return collectorName.endsWith(" Cycles");
    }

    /** {ms, collections} of this JVM so far. */
    static long[] own() {
        long ms = 0;
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (concurrentCycles(gc.getName())) continue;
            ms += Math.max(0, gc.getCollectionTime());
            n += Math.max(0, gc.getCollectionCount());
        }
        return new long[]{ms, n};
    }

    static String delta(long[] before, long[] after) {
        if (before == null || after == null) return "-";
        return (after[0] - before[0]) + "/" + (after[1] - before[1]);
    }
}
