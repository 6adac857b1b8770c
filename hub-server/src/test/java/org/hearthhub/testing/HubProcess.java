package org.hearthhub.testing;

import org.hearthhub.PortFile;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real hub in a JVM of its own, started as an operator starts it ({@code java -cp … org.hearthhub.Main}
 * with {@code HEARTH_*} settings), with extra directories in front of its class path: what the hub finds
 * there (language bundles) only it sees, not the tests' own JVM or the other tests' hubs. It listens on port 0
 * and writes the port it got to its {@code server.portFile}, where this reads it.
 */
public final class HubProcess implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(60);

    private final Process process;
    /** The hub's output and its port file. */
    private final Path workDir;
    private final Path log;
    private int port;

    private HubProcess(Process process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
        this.log = workDir.resolve("hub.log");
    }

    /**
     * @param classPathFirst directories put before the tests' class path
     * @param env            HEARTH_* settings besides port, port file, host and data directory (the public URL is
     *                       the default, {@link #publicUrl()})
     */
    public static HubProcess start(List<Path> classPathFirst, Path dataDir, Map<String, String> env) throws Exception {
        Path workDir = Files.createTempDirectory("hearth-hub-process-");
        // Any free port, named in the port file; the default public URL, http://localhost:<port>, names it too.
        HubProcess hub = new HubProcess(builder(classPathFirst, dataDir, env, workDir, 0).start(), workDir);
        try {
            hub.awaitReady();
        } catch (Exception | AssertionError e) {
            hub.close(); // the failure carries the hub's output
            throw e;
        }
        return hub;
    }

    /** How a start that was to fail ended: the exit code and everything the hub wrote. */
    public record Exited(int code, String output) {
    }

    /** A start on {@code port} (one the test holds, say) run until the hub exits, within {@link #READY}. */
    public static Exited runUntilExit(Path dataDir, int port, Map<String, String> env) throws Exception {
        Path workDir = Files.createTempDirectory("hearth-hub-process-");
        HubProcess hub = new HubProcess(builder(List.of(), dataDir, env, workDir, port).start(), workDir);
        try {
            if (!hub.process.waitFor(READY.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the hub did not exit within " + READY + ":\n" + hub.output());
            }
            return new Exited(hub.process.exitValue(), hub.output());
        } finally {
            hub.close();
        }
    }

    /**
     * {@code hearth-hub ARGS} (a {@code user} command, say) run as the host operator runs it, on {@code dataDir}, with
     * {@code stdin} as its standard input, until it exits (within {@link #READY}).
     */
    public static Exited runCommand(Path dataDir, String stdin, String... args) throws Exception {
        Path workDir = Files.createTempDirectory("hearth-hub-command-");
        try {
            Path input = Files.writeString(workDir.resolve("stdin"), stdin);
            ProcessBuilder builder = javaMain(List.of(), workDir, args).redirectInput(input.toFile());
            builder.environment().put("HEARTH_DATA_DIR", dataDir.toAbsolutePath().toString());
            Process command = builder.start();
            if (!command.waitFor(READY.toSeconds(), TimeUnit.SECONDS)) {
                command.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the command did not exit within " + READY + ":\n" + Files.readString(workDir.resolve("hub.log")));
            }
            return new Exited(command.exitValue(), Files.readString(workDir.resolve("hub.log"), StandardCharsets.UTF_8));
        } finally {
            delete(workDir);
        }
    }

    private static ProcessBuilder builder(List<Path> classPathFirst, Path dataDir, Map<String, String> env, Path workDir, int port) {
        ProcessBuilder builder = javaMain(classPathFirst, workDir);
        builder.environment().putAll(env);
        builder.environment().put("HEARTH_PORT", String.valueOf(port));
        builder.environment().put("HEARTH_PORT_FILE", workDir.resolve("hub.port").toString());
        builder.environment().put("HEARTH_HOST", "127.0.0.1");
        builder.environment().put("HEARTH_DATA_DIR", dataDir.toAbsolutePath().toString());
        return builder;
    }

    /** {@code org.hearthhub.Main ARGS} in a JVM of its own, its output in {@code workDir/hub.log}, no HEARTH_* inherited. */
    private static ProcessBuilder javaMain(List<Path> classPathFirst, Path workDir, String... args) {
        List<String> classPath = new ArrayList<>();
        classPathFirst.forEach(p -> classPath.add(p.toAbsolutePath().toString()));
        classPath.add(System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", String.join(java.io.File.pathSeparator, classPath),
                "org.hearthhub.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("hub.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("HEARTH_"));
        return builder;
    }

    /** A sign-in through {@code /api/v1/login}, as the console's form sends it. */
    public java.net.http.HttpResponse<String> signIn(String username, String password) throws Exception {
        String body = new io.vertx.core.json.JsonObject().put("username", username).put("password", password).encode();
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(publicUrl() + "/api/v1/login"))
                        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** The hub's process id, as the system knows it. */
    public long pid() {
        return process.pid();
    }

    /** Kills the hub as a crash or {@code kill -9} does (no shutdown hook runs), and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("the killed hub is still running");
    }

    /** Stops the hub as systemd does (SIGTERM: the shutdown hook stops it cleanly) and waits until it has exited. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("the hub did not stop:\n" + output());
        return process.exitValue();
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

    /** The port from the port file, then {@code /health} answering 200 on it, all within {@link #READY}. */
    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (port == 0 && System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the hub exited with " + process.exitValue() + " before writing its port file:\n" + output());
            }
            OptionalInt written = PortFile.read(workDir.resolve("hub.port"));
            if (written.isPresent()) port = written.getAsInt();
            else Thread.sleep(20);
        }
        while (port != 0 && System.nanoTime() < deadline) {
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
        throw new AssertionError("the hub was not ready within " + READY + (port == 0 ? " (no port file)" : "") + ":\n" + output());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        delete(workDir);
    }

    private static void delete(Path workDir) {
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary files
        }
    }
}
