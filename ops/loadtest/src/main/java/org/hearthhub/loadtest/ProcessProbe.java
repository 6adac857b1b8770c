package org.hearthhub.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The resident set size of a process this tool started, from {@code /proc/PID/status}, once a second. */
final class ProcessProbe implements PhaseRunner.Probe, AutoCloseable {
    private final Path status;
    private final AtomicLong rssPeak = new AtomicLong(-1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "process-probe");
        t.setDaemon(true);
        return t;
    });

    private final String url;

    /** @param url where the process answers {@code GET /gc} with "ms count" */
    ProcessProbe(long pid, String url) {
        this.status = Path.of("/proc", String.valueOf(pid), "status");
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
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    rssPeak.accumulateAndGet(kb * 1024, Math::max);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // process gone or not Linux: no figure
        }
    }

    @Override
    public void resetPeaks() {
        rssPeak.set(-1);
    }

    @Override
    public long heapPeakBytes() {
        return -1;
    }

    @Override
    public long rssPeakBytes() {
        return rssPeak.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
