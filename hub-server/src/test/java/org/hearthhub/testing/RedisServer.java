package org.hearthhub.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
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

    /** How many ports a first start tries before giving up (each lost only to another process binding it first). */
    private static final int PORT_TRIES = 5;

    private final Path dir;
    /** A config file read first (redis-server takes it only as its first argument); null for none. */
    private final Path configFile;
    private final List<String> extraArgs;
    /** Chosen free before the first start (redis cannot bind port 0 and say which port it got); kept for restarts. */
    private volatile int port;
    private volatile boolean started;

    private RedisServer(Path dir, int port, List<String> extraArgs) {
        this(dir, port, null, extraArgs);
    }

    private RedisServer(Path dir, int port, Path configFile, List<String> extraArgs) {
        this.dir = dir;
        this.port = port;
        this.configFile = configFile;
        this.extraArgs = extraArgs;
    }

    /** A memory-only Redis (save '' and appendonly no), as the live store requires. */
    public static RedisServer start(Path dir) throws Exception {
        return start(dir, "--save", "", "--appendonly", "no");
    }

    /** {@code @RegisterExtension static final RedisServer redis = RedisServer.perTestClass();} */
    public static RedisServer perTestClass() {
        try {
            return new RedisServer(Files.createTempDirectory("hearth-redis-"), FreePort.pick(), List.of("--save", "", "--appendonly", "no"));
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
        RedisServer server = onPort(dir, FreePort.pick(), args);
        server.start();
        return server;
    }

    /**
     * A memory-only replica of {@code master}, started and answering (it may still be syncing: see
     * {@link RedisSentinels}).
     */
    public static RedisServer replicaOf(Path dir, RedisServer master, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--replicaof", "127.0.0.1", String.valueOf(master.port())));
        all.addAll(List.of(args));
        return start(dir, all.toArray(String[]::new));
    }

    /**
     * {@code redis-server --sentinel} with {@code config} (sentinel directives) as its config file, which
     * the sentinel rewrites as it learns about replicas, other sentinels and failovers.
     */
    static RedisServer sentinel(Path dir, String config) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("sentinel.conf");
        Files.writeString(file, config);
        RedisServer server = new RedisServer(dir, FreePort.pick(), file, List.of("--sentinel"));
        server.start();
        return server;
    }

    /** Not started yet; its first start tries {@code port} (a test hands out a taken one). */
    static RedisServer onPort(Path dir, int port, String... args) throws IOException {
        Files.createDirectories(dir);
        return new RedisServer(dir, port, List.of(args));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Starts (again, on the same port) and waits until it answers. The port was free when chosen, but
     * another process may bind it first: a daemonized redis-server that loses that race exits 0 and
     * writes no pid file, while the other process answers PING. So the server is only taken as up once
     * the one answering is this one (its process id is the pid file's); a first start that lost its port
     * tries a fresh one, a restart (the port is in clients' URLs by then) fails saying so.
     */
    public void start() throws Exception {
        for (int attempt = 1; !launch(); attempt++) {
            if (started) throw new IllegalStateException("redis-server cannot get its port " + port + " back: another process holds it");
            if (attempt == PORT_TRIES) throw new IllegalStateException("redis-server lost " + PORT_TRIES + " free ports in a row to other processes");
            port = FreePort.pick();
        }
        started = true;
    }

    /** One try on the current port: true once this server answers on it, false when the port was taken. */
    private boolean launch() throws Exception {
        Files.deleteIfExists(pidFile());
        List<String> command = new ArrayList<>();
        command.add(BINARY);
        if (configFile != null) command.add(configFile.toString());
        command.addAll(List.of("--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--daemonize", "yes", "--pidfile", pidFile().toString(), "--dir", dir.toString(),
                "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(extraArgs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("redis-server did not start: " + output);
        }
        String portLost = "Failed listening on port " + port + " ";
        long deadline = System.currentTimeMillis() + 10_000;
        while (!answersAsItself()) {
            if (log().contains(portLost)) return false;
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("redis-server on port " + port + " never answered");
            Thread.sleep(10);
        }
        return true;
    }

    /** Whether the server answering on the port is the one whose pid file is in this directory. */
    private boolean answersAsItself() throws IOException {
        if (!Files.exists(pidFile())) return false;
        String pid = Files.readString(pidFile()).trim();
        String info = send("INFO", "server");
        return info != null && info.contains("\nprocess_id:" + pid + "\r");
    }

    private String log() throws IOException {
        Path log = dir.resolve("redis.log");
        return Files.exists(log) ? Files.readString(log) : "";
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

    /** Stops the process (SIGSTOP): it holds its connections but answers nothing, like a host that froze. */
    public void freeze() throws Exception {
        signal("STOP");
    }

    /** Lets a frozen process go on (SIGCONT). */
    public void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        String pid = Files.readString(pidFile()).trim();
        Process p = new ProcessBuilder("kill", "-" + name, pid).inheritIO().start();
        if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("kill -" + name + " " + pid + " failed");
    }

    /** Whether this server (not another process that took its port) answers. */
    public boolean isUp() {
        try {
            return answersAsItself();
        } catch (IOException e) {
            return false;
        }
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

    /** Every key of the server, found with SCAN (never KEYS). */
    public static List<String> keys(RedisCommands<String, String> r) {
        List<String> out = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = r.scan(cursor, ScanArgs.Builder.limit(500));
            out.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return out;
    }

    /** Every value stored under a key, whatever its type, as one string. */
    public static String dump(RedisCommands<String, String> r, String key) {
        return switch (r.type(key)) {
            case "string" -> String.valueOf(r.get(key));
            case "list" -> String.valueOf(r.lrange(key, 0, -1));
            case "hash" -> String.valueOf(r.hgetall(key));
            case "set" -> String.valueOf(r.smembers(key));
            case "zset" -> String.valueOf(r.zrange(key, 0, -1));
            default -> "";
        };
    }

    /** Whether any value of any key holds the text: the privacy tests' search for a canary. */
    public boolean holdsText(String needle) {
        boolean[] found = new boolean[1];
        inspect(r -> found[0] = keys(r).stream().anyMatch(k -> dump(r, k).contains(needle)));
        return found[0];
    }

    /** Whether any key's name or any value holds the text. */
    public boolean holdsTextInKeysOrValues(String needle) {
        boolean[] inKey = new boolean[1];
        inspect(r -> inKey[0] = keys(r).stream().anyMatch(k -> k.contains(needle)));
        return inKey[0] || holdsText(needle);
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
        while ("+PONG".equals(send("PING"))) { // until the port is closed, not merely the pid file gone
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("redis-server on port " + port + " did not stop");
            Thread.sleep(10);
        }
    }

    private Path pidFile() {
        return dir.resolve("redis.pid");
    }

    /** One command in RESP over a fresh socket; the reply's first line, or a bulk reply's text; null when nothing answers. */
    String send(String... args) {
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
            if (line.length() > 1 && line.charAt(0) == '$' && !line.toString().equals("$-1")) {
                in.read(); // the \n ending the length line
                return new String(in.readNBytes(Integer.parseInt(line.substring(1))), StandardCharsets.UTF_8);
            }
            return line.isEmpty() ? null : line.toString();
        } catch (IOException e) {
            return null;
        }
    }

}
