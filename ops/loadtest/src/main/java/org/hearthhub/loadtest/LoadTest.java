package org.hearthhub.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code run.sh [options]}: starts (or is pointed at) the hub, drives it with survivors and advocates
 * through the real protocol, then drives the bare relay with the same clients, and prints a table and
 * the {@code RESULT} line. Every socket goes to 127.0.0.1; every loop is bounded; it stops by itself.
 */
public final class LoadTest {
    private final Options options;
    private final PrintStream out;
    private final Timeline timeline;

    LoadTest(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.timeline = options.timeline() == null ? Timeline.OFF : new Timeline();
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) System.err.println("error: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new LoadTest(options, System.out).run());
    }

    int run() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)
                .setEventLoopPoolSize(Math.max(2, Runtime.getRuntime().availableProcessors())));
        WebSocketClient client = vertx.createWebSocketClient(clientOptions());
        List<Long> ready = new ArrayList<>();
        List<PhaseResult> hubs = new ArrayList<>();
        List<PhaseResult> relays = new ArrayList<>();
        try {
            // In turn, so that each server's rounds meet the machine at the same moments as the other's.
            for (int round = 1; round <= options.rounds(); round++) {
                hubs.add(inRound(runHubPhase(vertx, client, ready), round));
                if (options.relay()) relays.add(inRound(runRelayPhase(vertx, client), round));
            }
        } finally {
            await(client.close().eventually(vertx::close), 60);
        }
        Report.print(out, options, ready, hubs, relays);
        if (options.isSweep()) {
            String title = String.format("p99 delivery latency vs offered load: %d survivor sockets, %d active chats, %d cores",
                    options.survivors(), options.activeChats(), Runtime.getRuntime().availableProcessors());
            Chart.write(options.chart(), title, hubs.get(0), relays.isEmpty() ? null : relays.get(0));
            out.println("chart written to " + options.chart() + (options.rounds() > 1 ? " (the first round)" : ""));
        }
        if (options.timeline() != null) {
            timeline.write(options.timeline());
            out.println("timeline written to " + options.timeline());
        }
        out.println(Report.resultLine(options, hubs, relays));
        return 0;
    }

    /** "hub 2" for the second round; a run of one round keeps the plain names. */
    private PhaseResult inRound(PhaseResult phase, int round) {
        return options.rounds() == 1 ? phase : phase.named(phase.name() + " " + round);
    }

    static WebSocketClientOptions clientOptions() {
        // Queue frames to advocates can be large; the default 64 KiB frame / 256 KiB message would cut them off.
        return new WebSocketClientOptions().setMaxConnections(1_000_000).setMaxFrameSize(1 << 20)
                .setMaxMessageSize(64 << 20).setConnectTimeout(30_000);
    }

    private PhaseResult runHubPhase(Vertx vertx, WebSocketClient client, List<Long> ready) throws Exception {
        // Hubs it did not start: their operator's token, if they gave it as the hubs have it.
        if (!options.startsOwnHubs()) {
            return measureHubs(vertx, client, options.hubs(), System.getenv("HEARTH_METRICS_TOKEN"), List.of());
        }
        try (HubLauncher launcher = new HubLauncher(options, hubJar(), out)) {
            List<String> urls = new ArrayList<>();
            List<Long> pids = new ArrayList<>();
            for (Spawned node : launcher.start()) {
                urls.add(node.url);
                pids.add(node.pid());
                ready.add(node.readyMillis);
            }
            return measureHubs(vertx, client, urls, launcher.metricsToken(), pids);
        }
    }

    private PhaseResult measureHubs(Vertx vertx, WebSocketClient client, List<String> urls, String metricsToken, List<Long> pids)
            throws Exception {
        out.printf("hub phase: %d survivors and %d advocates on %s (%s)%n", options.survivors(), options.advocates(), urls,
                options.eventLoops() > 0 ? options.eventLoops() + " event loops" : "one event loop per core");
        try (MetricsProbe probe = new MetricsProbe(urls, metricsToken, pids).start()) {
            PhaseResult r = await(new PhaseRunner(vertx, options, probe, out::println, timeline)
                    .run(new HubScenario(vertx, options, urls, client), options.warmup()), timeoutSeconds());
            if (probe.failing()) out.println("note: a hub's /metrics did not answer every time; heap/RSS may be missing");
            return r;
        }
    }

    private PhaseResult runRelayPhase(Vertx vertx, WebSocketClient client) throws Exception {
        Path log = Files.createTempFile("hearth-relay-", ".log");
        Path portFile = Path.of(log + ".port");
        List<String> cmd = new ArrayList<>(List.of(Spawned.java().toString(), "-Xmx" + options.heap()));
        options.serverJvmOptions().stream().filter(s -> !s.isBlank()).forEach(cmd::add);
        // Port 0: the relay takes a free one and writes it to the port file.
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RelayServer.class.getName(), "0",
                String.valueOf(options.relayLoops()), portFile.toString()));
        try (Spawned relay = Spawned.start("relay", cmd, java.util.Map.of(), portFile, HubLauncher.HOST, log);
             ProcessProbe probe = new ProcessProbe(relay.pid(), relay.url).start()) {
            out.printf("relay phase: the same clients against the bare relay at %s (%d event loops)%n", relay.url, options.relayLoops());
            return await(new PhaseRunner(vertx, options, probe, out::println, timeline).run(new RelayScenario(vertx, options, relay.url, client),
                    options.warmup()), timeoutSeconds());
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(portFile);
        }
    }

    /** A hard stop for a phase: set-up limit, warm-up, every step, drains and closing, with room to spare. */
    private long timeoutSeconds() {
        return options.setupSeconds() + options.warmup() + (long) options.sweep().size() * (options.duration() + options.settle() + 10) + 120;
    }

    private Path hubJar() {
        Path jar = options.hubJar() != null ? options.hubJar() : Path.of("hub-server", "target", "hearth-hub.jar");
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("hub jar not found: " + jar.toAbsolutePath()
                + " (build it with mvn -pl hub-server -am package, or pass --hub-jar)");
        return jar.toAbsolutePath();
    }

    public static <T> T await(Future<T> f, long seconds) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }
}
