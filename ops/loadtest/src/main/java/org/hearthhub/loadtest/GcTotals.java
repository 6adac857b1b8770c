package org.hearthhub.loadtest;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** Garbage-collection time and count, so a latency tail can be set beside the pauses that may explain it. */
final class GcTotals {
    private GcTotals() {
    }

    /** {ms, collections} of this JVM so far. */
    static long[] own() {
        long ms = 0;
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
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
