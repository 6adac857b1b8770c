package org.hearthhub.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (the Debian package) on a free loopback port, in its own directory,
 * without persistence unless the test asks for it. Tests start, stop, kill and restart it to play an
 * outage; {@link #inspect} gives them a plain client to look at what is stored.
 *
 * <p>A class whose tests share one memory-only server registers {@link #perTestClass()} as a JUnit
 * extension: started before the first test, stopped and its directory removed after the last.
 */
public final class RedisServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private static final String BINARY = "/usr/bin/redis-server";

    private final Path dir;
    private final int port;
    private final List<String> extraArgs;

    private RedisServer(Path dir, int port, List<String> extraArgs) {
        this.dir = dir;
        this.port = port;
        this.extraArgs = extraArgs;
    }

    /** A memory-only Redis (save '' and appendonly no), as the live store requires. */
    public static RedisServer start(Path dir) throws Exception {
        return start(dir, "--save", "", "--appendonly", "no");
    }

    /** {@code @RegisterExtension static final RedisServer redis = RedisServer.perTestClass();} */
    public static RedisServer perTestClass() {
        try {
            return new RedisServer(Files.createTempDirectory("hearth-redis-"), freePort(), List.of("--save", "", "--appendonly", "no"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }

    /** @param args extra {@code redis-server} options, e.g. {@code "--appendonly", "yes"} */
    public static RedisServer start(Path dir, String... args) throws Exception {
        Files.createDirectories(dir);
        RedisServer server = new RedisServer(dir, freePort(), List.of(args));
        server.start();
        return server;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts (again, on the same port) and waits until it answers PING. */
    public void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(BINARY, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--daemonize", "yes", "--pidfile", pidFile().toString(), "--dir", dir.toString(),
                "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(extraArgs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("redis-server did not start: " + output);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"+PONG".equals(send("PING"))) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("redis-server on port " + port + " never answered");
            Thread.sleep(10);
        }
    }

    /** Shuts it down cleanly (no save) and waits until the port is closed. */
    public void stop() throws Exception {
        send("SHUTDOWN", "NOSAVE");
        awaitDown();
    }

    /** Kills the process outright, as a crash would. */
    public void kill() throws Exception {
        if (!Files.exists(pidFile())) return;
        String pid = Files.readString(pidFile()).trim();
        new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(pidFile());
        awaitDown();
    }

    public boolean isUp() {
        return "+PONG".equals(send("PING"));
    }

    /** Runs {@code use} with a synchronous client of this server, then closes the client. */
    public void inspect(Consumer<RedisCommands<String, String>> use) {
        RedisClient client = RedisClient.create(url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            use.accept(connection.sync());
        } finally {
            client.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }

    public void flushAll() {
        if (!"+OK".equals(send("FLUSHALL"))) throw new IllegalStateException("FLUSHALL failed on port " + port);
    }

    @Override
    public void close() throws Exception {
        if (isUp()) stop();
    }

    private void awaitDown() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (isUp()) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("redis-server on port " + port + " did not stop");
            Thread.sleep(10);
        }
    }

    private Path pidFile() {
        return dir.resolve("redis.pid");
    }

    /** One command in RESP over a fresh socket; the first reply line, or null when nothing answers. */
    private String send(String... args) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(2000);
            StringBuilder req = new StringBuilder("*" + args.length + "\r\n");
            for (String a : args) req.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) line.append((char) c);
            return line.isEmpty() ? null : line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
