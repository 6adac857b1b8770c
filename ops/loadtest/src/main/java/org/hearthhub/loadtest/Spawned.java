package org.hearthhub.loadtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server process this tool started (a hub or the relay), with the time it took to answer {@code /health}. */
public final class Spawned implements AutoCloseable {
    private static final long READY_LIMIT_MS = 60_000;

    public final String name;
    public final Process process;
    public final String url;
    public final Path log;
    /** From just before the process was started to the first {@code GET /health} that answered 200. */
    public final long readyMillis;

    private Spawned(String name, Process process, String url, Path log, long readyMillis) {
        this.name = name;
        this.process = process;
        this.url = url;
        this.log = log;
        this.readyMillis = readyMillis;
    }

    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code command} and waits until {@code url/health} answers 200. */
    public static Spawned start(String name, List<String> command, Map<String, String> env, String url, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process process = pb.start();
        while (true) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) break;
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive()) throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
            if ((System.nanoTime() - t0) / 1_000_000 > READY_LIMIT_MS) {
                process.destroyForcibly();
                throw new IOException(name + " not ready within " + READY_LIMIT_MS + " ms; see " + log);
            }
            Thread.sleep(5);
        }
        return new Spawned(name, process, url, log, (System.nanoTime() - t0) / 1_000_000);
    }

    public long pid() {
        return process.pid();
    }

    /** Asks the process to stop (SIGTERM, so shutdown hooks run and a flight recording is written), then insists. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
