package org.hearthhub.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory a process this tool started holds, once a second: its proportional set size from
 * {@code /proc/PID/smaps_rollup} (each page once, however often it is mapped), else its resident set size.
 */
public final class ProcessProbe implements PhaseRunner.Probe, AutoCloseable {
    private final long pid;
    private final AtomicLong memoryPeak = new AtomicLong(-1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "process-probe");
        t.setDaemon(true);
        return t;
    });

    private final String url;

    /** @param url where the process answers {@code GET /gc} with "ms count" */
    ProcessProbe(long pid, String url) {
        this.pid = pid;
        this.url = url;
    }

    @Override
    public long[] gcTotals() {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/gc")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String[] parts = r.body().trim().split(" ");
            return new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    ProcessProbe start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    private void sample() {
        long held = proportionalBytes(pid);
        if (held >= 0) memoryPeak.accumulateAndGet(held, Math::max);
    }

    /**
     * The process's proportional set size (Pss) in bytes, else its resident set size: RSS counts a page once
     * per mapping, and ZGC maps the heap three times.
     */
    public static long proportionalBytes(long pid) {
        long pss = kilobyteLine(pid, "smaps_rollup", "Pss:"); // absent on older kernels
        return pss >= 0 ? pss : residentBytes(pid);
    }

    /** The process's resident set size (VmRSS) in bytes, or -1 when it is gone or this is not Linux. */
    public static long residentBytes(long pid) {
        return kilobyteLine(pid, "status", "VmRSS:");
    }

    /** The {@code name   123 kB} line of {@code /proc/PID/file}, in bytes; -1 when there is none (process gone, not Linux). */
    private static long kilobyteLine(long pid, String file, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), file))) {
                if (line.startsWith(name)) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // no figure
        }
        return -1;
    }

    @Override
    public java.time.Duration cpuTotal() {
        return CpuTime.of(java.util.List.of(pid));
    }

    @Override
    public void resetPeaks() {
        memoryPeak.set(-1);
    }

    @Override
    public long heapPeakBytes() {
        return -1;
    }

    @Override
    public long memoryPeakBytes() {
        return memoryPeak.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
