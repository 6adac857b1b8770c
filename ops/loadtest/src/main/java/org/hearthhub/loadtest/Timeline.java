package org.hearthhub.loadtest;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When the slow messages came ({@code --timeline FILE}): for each 10 ms of arrival time, how many messages
 * arrived, how many took over 5 ms, and the slowest. A step's percentiles say how long its tail is; this says
 * when, on the wall clock, to set beside a server's GC log ({@code -Xlog:gc:file=…:time}) or its timers. It found
 * the hub's console session checks every 5 s (docs/benchmark-history.md, History 21). Recorded from any thread;
 * what arrives after an hour of run is not kept.
 */
final class Timeline {
    static final long BUCKET_NANOS = 10_000_000;
    static final long SLOW_MICROS = 5_000;
    /** An hour of 10 ms buckets: 8.6 MB, made only when asked for. */
    static final int CAPACITY = 360_000;
    /** Records nothing: the default. */
    static final Timeline OFF = new Timeline(0);

    final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private final AtomicLongArray count;
    private final AtomicLongArray slow;
    private final AtomicLongArray slowestMicros;

    Timeline() {
        this(CAPACITY);
    }

    private Timeline(int capacity) {
        count = new AtomicLongArray(capacity);
        slow = new AtomicLongArray(capacity);
        slowestMicros = new AtomicLongArray(capacity);
    }

    /** A message that arrived at {@code arrivalNanos} ({@link System#nanoTime()}) after {@code latencyNanos}. */
    void record(long arrivalNanos, long latencyNanos) {
        long since = arrivalNanos - startNanos;
        if (since < 0 || since / BUCKET_NANOS >= count.length()) return;
        int b = (int) (since / BUCKET_NANOS);
        long micros = Math.max(0, latencyNanos / 1000);
        count.incrementAndGet(b);
        if (micros > SLOW_MICROS) slow.incrementAndGet(b);
        slowestMicros.accumulateAndGet(b, micros, Math::max);
    }

    /** One line per 10 ms in which a message arrived: its start (UTC), messages, over 5 ms, slowest in µs. */
    void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("# start of 10 ms (UTC), messages that arrived in it, of them over 5 ms, slowest (µs)\n");
            for (int b = 0; b < count.length(); b++) {
                if (count.get(b) == 0) continue;
                Instant at = Instant.ofEpochMilli(startMillis + b * (BUCKET_NANOS / 1_000_000));
                w.write(at + " " + count.get(b) + " " + slow.get(b) + " " + slowestMicros.get(b) + "\n");
            }
        }
    }
}
