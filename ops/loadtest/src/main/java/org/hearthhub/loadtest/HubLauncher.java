package org.hearthhub.loadtest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the hub(s) for a run the way an operator would: accounts made with the hub's own
 * {@code user add --password-stdin} while it is stopped, then {@code java -Xmx… -jar hearth-hub.jar}
 * with {@code HEARTH_*} variables, in a fresh temporary data directory, listening on 127.0.0.1 only, on a port it
 * takes itself and writes to its port file. Load-test limits are raised through the environment so the flood
 * guards do not stop the test.
 */
final class HubLauncher implements AutoCloseable {
    /**
     * How the URLs name the hubs: as their default public URL does ({@code http://localhost:<port>}, the port they
     * got), which is the only Origin they accept from the advocates' consoles. The relay is named so too, so the
     * generator reaches both servers the same way.
     */
    static final String HOST = "localhost";

    private final Options options;
    private final Path jar;
    private final PrintStream log;
    private final Path workDir;
    private final List<Spawned> nodes = new ArrayList<>();
    /** Generated for this run: the hubs' /metrics answers only to it. */
    private final String metricsToken = java.util.UUID.randomUUID().toString();

    HubLauncher(Options options, Path jar, PrintStream log) throws IOException {
        this.options = options;
        this.jar = jar;
        this.log = log;
        this.workDir = Files.createTempDirectory("hearth-loadtest-");
    }

    List<Spawned> start() throws IOException, InterruptedException {
        Path firstData = workDir.resolve("node1").resolve("data");
        Files.createDirectories(firstData);
        long t0 = System.nanoTime();
        createAccounts(firstData);
        log.printf("%d advocate accounts%s ready in %.1f s%n", options.advocates(),
                options.multiProgram() ? " in " + options.programs() + " programs" : "", (System.nanoTime() - t0) / 1e9);
        for (int n = 1; n <= options.nodes(); n++) {
            Path data = workDir.resolve("node" + n).resolve("data");
            // Every node gets the same accounts (file settings are per node; live state may be shared in Redis).
            if (n > 1) copyTree(firstData, data);
            Path portFile = workDir.resolve("node" + n).resolve("hub.port");
            Spawned node = Spawned.start("hub " + n, hubCommand(n == 1), env(data, portFile), portFile, HOST,
                    workDir.resolve("node" + n).resolve("hub.log"));
            nodes.add(node);
            log.printf("hub %d ready in %d ms at %s (start to /health 200)%n", n, node.readyMillis, node.url);
        }
        return nodes;
    }

    private List<String> hubCommand(boolean recorded) {
        List<String> cmd = new ArrayList<>(List.of(Spawned.java().toString(), "-Xmx" + options.heap()));
        options.serverJvmOptions().stream().filter(s -> !s.isBlank()).forEach(cmd::add);
        if (options.jfr() != null && recorded) {
            cmd.add("-XX:StartFlightRecording=filename=" + options.jfr().toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        cmd.addAll(List.of("-jar", jar.toString()));
        return cmd;
    }

    /** @param portFile where the hub writes the port it takes (the default public URL names it too) */
    private Map<String, String> env(Path data, Path portFile) {
        Map<String, String> env = new HashMap<>();
        env.put("HEARTH_PORT", "0");
        env.put("HEARTH_PORT_FILE", portFile.toString());
        env.put("HEARTH_HOST", "127.0.0.1");
        env.put("HEARTH_DATA_DIR", data.toString());
        env.put("HEARTH_LIMITS_STARTS_PER_MINUTE", "1000000");
        env.put("HEARTH_TRUSTED_PROXIES", "127.0.0.1"); // each survivor sends its own X-Forwarded-For (HubScenario)
        env.put("HEARTH_LIMITS_SURVIVOR_MESSAGES_PER_MINUTE", "10000");
        env.put("HEARTH_QUEUE_MAX_LENGTH", String.valueOf(Math.min(100_000, options.survivors() + 1000)));
        env.put("HEARTH_QUEUE_MAX_CAPACITY", "20");
        // Every simulated survivor comes from this one machine, i.e. one source.
        env.put("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "100000");
        env.put("HEARTH_METRICS_TOKEN", metricsToken);
        env.put("HEARTH_AUTH_HASHES_PER_SOURCE", "64"); // every advocate signs in from this one address
        if (options.liveRedisUrl() != null) env.put("HEARTH_LIVE_REDIS_URL", options.liveRedisUrl());
        if (options.eventLoops() > 0) env.put("HEARTH_EVENT_LOOPS", String.valueOf(options.eventLoops()));
        return env;
    }

    /** The bearer token the hubs it started want on {@code /metrics}. */
    String metricsToken() {
        return metricsToken;
    }

    /**
     * {@code user add} per advocate, one after another (each is a short JVM doing one Argon2id hash, and
     * two at once would race on the accounts file); with several programs, each advocate in its program
     * ({@code --program}), once the programs exist. The result is kept in a cache under the temporary
     * directory, keyed by prefix, count, programs and password, so repeated runs skip the minutes this takes.
     */
    private void createAccounts(Path data) throws IOException, InterruptedException {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "hearth-loadtest-accounts", options.userPrefix() + "-"
                + options.advocates() + (options.multiProgram() ? "-p" + options.programs() : "") + "-" + shortHash(options.password()));
        if (Files.isDirectory(cache)) {
            copyTree(cache, data);
            log.println("advocate accounts reused from " + cache);
            return;
        }
        if (options.multiProgram()) createPrograms(data);
        for (int i = 1; i <= options.advocates(); i++) {
            userAdd(data, options.userPrefix() + i, "advocate", options.programOf(i - 1), false);
        }
        Path partial = Files.createTempDirectory(cache.getParent() == null ? workDir : Files.createDirectories(cache.getParent()), "partial-");
        copyTree(data, partial);
        try {
            Files.move(partial, cache, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another run filled the cache first; ours is not needed
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * As a coalition would start: a coalition admin made with {@code user add --coalition-admin}, the hub started
     * once on the data directory, the programs created through the coalition API, the hub stopped again (accounts
     * are added while it is stopped).
     */
    private void createPrograms(Path data) throws IOException, InterruptedException {
        String admin = options.userPrefix() + "-coalition";
        userAdd(data, admin, "lead", null, true);
        Path portFile = workDir.resolve("setup-hub.port");
        Map<String, String> env = env(data, portFile);
        env.remove("HEARTH_LIVE_REDIS_URL"); // programs live in the settings (here the data directory), not the live store
        long t0 = System.nanoTime();
        try (Spawned hub = Spawned.start("hub setting up programs", hubCommand(false), env, portFile, HOST,
                workDir.resolve("setup-hub.log"))) {
            new CoalitionSetup(hub.url).createPrograms(admin, options.password(), options.programIds());
        }
        log.printf("%d programs created through the coalition API in %.1f s%n", options.programs(), (System.nanoTime() - t0) / 1e9);
    }

    private void userAdd(Path data, String username, String role, String program, boolean coalitionAdmin)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Spawned.java().toString(), "-Xmx256m", "-jar", jar.toString(), "user", "add",
                "--username", username, "--role", role, "--display-name", "Advocate " + username, "--password-stdin"));
        if (program != null) cmd.addAll(List.of("--program", program));
        if (coalitionAdmin) cmd.add("--coalition-admin");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HEARTH_DATA_DIR", data.toString());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((options.password() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        int code = p.waitFor();
        if (code != 0) throw new IOException("user add for " + username + " exited with " + code);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else if (Files.exists(target)) continue;
                else Files.copy(p, target);
            }
        }
    }

    /** Stops every node, then removes the data directories (they hold only test accounts and statistics). */
    @Override
    public void close() throws IOException, InterruptedException {
        for (Spawned node : nodes) {
            node.close();
            if (node.process.exitValue() != 143 && node.process.exitValue() != 0) {
                log.println(node.name + " exited with " + node.process.exitValue() + "; its log follows");
                Files.readAllLines(node.log).stream().limit(50).forEach(log::println);
            }
        }
        try (Stream<Path> all = Files.walk(workDir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
