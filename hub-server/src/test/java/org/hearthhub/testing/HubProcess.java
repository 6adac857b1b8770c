package org.hearthhub.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real hub in a JVM of its own, started as an operator starts it ({@code java -cp … org.hearthhub.Main}
 * with {@code HEARTH_*} settings), with extra directories in front of its class path: what the hub finds
 * there (language bundles) only it sees, not the tests' own JVM or the other tests' hubs.
 */
public final class HubProcess implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private HubProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param classPathFirst directories put before the tests' class path
     * @param env            HEARTH_* settings besides port, host, data directory and public URL
     */
    public static HubProcess start(List<Path> classPathFirst, Path dataDir, Map<String, String> env) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> classPath = new ArrayList<>();
        classPathFirst.forEach(p -> classPath.add(p.toAbsolutePath().toString()));
        classPath.add(System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", String.join(java.io.File.pathSeparator, classPath),
                "org.hearthhub.Main");
        Path log = Files.createTempFile("hearth-hub-process-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("HEARTH_"));
        builder.environment().putAll(env);
        builder.environment().put("HEARTH_PORT", String.valueOf(port));
        builder.environment().put("HEARTH_HOST", "127.0.0.1");
        builder.environment().put("HEARTH_DATA_DIR", dataDir.toAbsolutePath().toString());
        builder.environment().put("HEARTH_PUBLIC_URL", "http://localhost:" + port);
        HubProcess hub = new HubProcess(builder.start(), port, log);
        hub.awaitReady();
        return hub;
    }

    public int port() {
        return port;
    }

    public String publicUrl() {
        return "http://localhost:" + port;
    }

    /** What the hub wrote to its standard output and error so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("the hub exited with " + process.exitValue() + ":\n" + output());
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(publicUrl() + "/health").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new AssertionError("the hub was not ready within " + READY + ":\n" + output());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file
        }
    }
}
