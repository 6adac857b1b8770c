package org.hearthhub.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A server process this tool started (a hub or the relay), with the time it took to answer {@code /health}. It
 * listens on a port of its own choosing and writes that port to a file, where this reads it: a port picked here
 * and handed over could be taken by another process before the server binds it.
 */
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

    /**
     * Starts {@code command}, a server on port 0 told to write its port to {@code portFile} (a hub's
     * {@code HEARTH_PORT_FILE}, the relay's third argument), reads the port there once the server has written it,
     * and waits until {@code http://host:port/health} answers 200.
     *
     * @param host what the URL calls the server's address: for a hub, as its public URL does when the browsers'
     *             Origin counts
     */
    public static Spawned start(String name, List<String> command, Map<String, String> env, Path portFile, String host, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Files.deleteIfExists(portFile); // one left behind would name another process's port
        long t0 = System.nanoTime();
        Process process = pb.start();
        try {
            OptionalInt port;
            while ((port = writtenPort(portFile)).isEmpty()) {
                stillStarting(name, process, t0, "its port in " + portFile, log);
                Thread.sleep(5);
            }
            String url = "http://" + host + ":" + port.getAsInt();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(2)).build();
            while (true) {
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) break;
                } catch (IOException e) {
                    // not answering yet
                }
                stillStarting(name, process, t0, "a 200 from " + url + "/health", log);
                Thread.sleep(5);
            }
            return new Spawned(name, process, url, log, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly(); // a server that never became ready is no use to anyone
            throw e;
        }
    }

    /** The port in {@code file} once it holds a whole line (the servers rename it into place, written). */
    private static OptionalInt writtenPort(Path file) throws IOException {
        if (!Files.exists(file)) return OptionalInt.empty();
        String line = Files.readString(file);
        if (!line.endsWith("\n")) return OptionalInt.empty();
        try {
            return OptionalInt.of(Integer.parseInt(line.strip()));
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds no port: '" + line.strip() + "'");
        }
    }

    /** Fails, naming the log, once the process has exited or the ready limit has passed. */
    private static void stillStarting(String name, Process process, long t0, String awaited, Path log) throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with " + process.exitValue() + " while waiting for " + awaited + "; see " + log);
        }
        if ((System.nanoTime() - t0) / 1_000_000 > READY_LIMIT_MS) {
            throw new IOException(name + " not ready within " + READY_LIMIT_MS + " ms (waiting for " + awaited + "); see " + log);
        }
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
