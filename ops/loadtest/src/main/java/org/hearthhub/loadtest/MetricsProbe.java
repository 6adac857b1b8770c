package org.hearthhub.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the hubs' {@code /metrics} every five seconds on its own thread and keeps the highest heap in use
 * and memory held (proportional set size, else resident set size) seen on any node since the last reset.
 */
final class MetricsProbe implements PhaseRunner.Probe, AutoCloseable {
    private final List<String> hubs;
    /** The hubs' {@code metrics.token}, sent as a bearer token; null sends none. */
    private final String token;
    private final List<Long> pids;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "metrics-probe");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong heapPeak = new AtomicLong(-1);
    private final AtomicLong memoryPeak = new AtomicLong(-1);
    private volatile boolean failing;

    MetricsProbe(List<String> hubs, String token) {
        this(hubs, token, List.of());
    }

    /** @param pids the hubs' processes when this tool started them, for their CPU time; empty when it did not */
    MetricsProbe(List<String> hubs, String token, List<Long> pids) {
        this.hubs = hubs;
        this.token = token;
        this.pids = pids;
    }

    @Override
    public java.time.Duration cpuTotal() {
        return pids.isEmpty() ? null : CpuTime.of(pids);
    }

    MetricsProbe start() {
        // Every 5 s, not more often: a scrape makes the hub copy its queue, which is work the measurement would see.
        timer.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.SECONDS);
        return this;
    }

    /** True when a scrape failed (the hub has no /metrics, refused the token, or did not answer). */
    boolean failing() {
        return failing;
    }

    private void sample() {
        for (String hub : hubs) {
            try {
                HttpResponse<String> r = http.send(scrape(hub), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    failing = true;
                    continue;
                }
                Sample s = Sample.parse(r.body());
                heapPeak.accumulateAndGet(s.heapBytes(), Math::max);
                memoryPeak.accumulateAndGet(s.memoryBytes(), Math::max);
            } catch (IOException e) {
                failing = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private HttpRequest scrape(String hub) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub + "/metrics")).timeout(Duration.ofSeconds(5));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return request.build();
    }

    /** Sums GC time and count over every hub, read now (not from the once-a-second sample). */
    @Override
    public long[] gcTotals() {
        long ms = 0;
        long n = 0;
        for (String hub : hubs) {
            try {
                HttpResponse<String> r = http.send(scrape(hub), HttpResponse.BodyHandlers.ofString());
                Sample s = Sample.parse(r.body());
                if (s.gcCount() < 0) return null;
                ms += s.gcMillis();
                n += s.gcCount();
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return new long[]{ms, n};
    }

    @Override
    public void resetPeaks() {
        heapPeak.set(-1);
        memoryPeak.set(-1);
    }

    @Override
    public long heapPeakBytes() {
        return heapPeak.get();
    }

    @Override
    public long memoryPeakBytes() {
        return memoryPeak.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The figures the report uses, from Prometheus text. */
    record Sample(long heapBytes, long memoryBytes, long gcMillis, long gcCount) {
        static Sample parse(String text) {
            double heap = 0;
            double rss = -1;
            double pss = -1;
            double gcSeconds = 0;
            double gcCount = -1;
            boolean sawHeap = false;
            for (String line : text.split("\n")) {
                if (line.startsWith("jvm_gc_collection_seconds_") && GcTotals.concurrentCycles(tag(line, "gc"))) continue;
                if (line.startsWith("jvm_gc_collection_seconds_sum{")) gcSeconds += value(line);
                if (line.startsWith("jvm_gc_collection_seconds_count{")) gcCount = Math.max(0, gcCount) + value(line);
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    heap += value(line);
                    sawHeap = true;
                } else if (line.startsWith("process_proportional_memory_bytes ")) {
                    pss = value(line);
                } else if (line.startsWith("process_resident_memory_bytes ")) {
                    rss = value(line);
                }
            }
            // PSS where the hub reports it: RSS counts a page once per mapping, and ZGC maps the heap three times.
            return new Sample(sawHeap ? (long) heap : -1, (long) (pss >= 0 ? pss : rss), Math.round(gcSeconds * 1000), (long) gcCount);
        }

        /** A label's value on a Prometheus line ({@code name{gc="ZGC Cycles",} 1.0}), or "" when absent. */
        private static String tag(String line, String label) {
            int at = line.indexOf(label + "=\"");
            if (at < 0) return "";
            int from = at + label.length() + 2;
            int to = line.indexOf('"', from);
            return to < 0 ? "" : line.substring(from, to);
        }

        private static double value(String line) {
            String[] parts = line.trim().split(" ");
            try {
                return Double.parseDouble(parts[parts.length - 1]);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
