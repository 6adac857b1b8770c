package org.hearthhub.abuse;

import io.vertx.core.Vertx;
import org.hearthhub.loadtest.LoadAverage;
import org.hearthhub.loadtest.LoadTest;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ops/abuse/run.sh [scenario…|all] [options]}: replays each named attack against a fresh hub it
 * starts (loopback only, a temporary data directory, the embedded default configuration), measures what
 * a genuine survivor and lead live through meanwhile, and prints a table. Every loop is bounded in
 * count and time; the whole set takes about eight minutes.
 */
public final class Abuse {
    /** The sample systemd unit's JVM options (ops/systemd/hearth-hub@.service), all but its class archive. */
    static final String DEFAULT_HUB_JVM = "-Xms256m -Xmx1g -XX:+UseG1GC -XX:-ClassUnloadingWithConcurrentMark -XX:+ExitOnOutOfMemoryError";
    /** A hard stop for the whole run, well above what the full set takes. */
    private static final long WATCHDOG_MINUTES = 15;

    static final String USAGE = """
            usage: ops/abuse/run.sh [scenario…|all] [--hub-jar PATH] [--hub-jvm "OPTIONS"] [--markdown]
              scenarios: %s
              --hub-jar   the hub to attack (default hub-server/target/hearth-hub.jar)
              --hub-jvm   its JVM options (default "%s", as the systemd unit)
              --markdown  also print the table as Markdown, with an empty column for the next run
            """;

    private Abuse() {
    }

    public static void main(String[] args) throws Exception {
        List<Attack> attacks = new ArrayList<>();
        Path jar = Path.of("hub-server", "target", "hearth-hub.jar");
        String jvm = DEFAULT_HUB_JVM;
        boolean markdown = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "all" -> attacks.addAll(Attack.ALL);
                case "--hub-jar" -> jar = Path.of(args[++i]);
                case "--hub-jvm" -> jvm = args[++i];
                case "--markdown" -> markdown = true;
                default -> attacks.add(named(args[i]));
            }
        }
        if (attacks.isEmpty()) throw usage();
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("hub jar not found: " + jar.toAbsolutePath()
                + " (build it with mvn -o -q -DskipTests package)");
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(WATCHDOG_MINUTES * 60_000);
                System.err.println("abuse: stopped after " + WATCHDOG_MINUTES + " minutes");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        PrintStream out = System.out;
        out.printf("hub %s with %s; %d cores; attacker %s, genuine clients %s%n", jar, jvm,
                Runtime.getRuntime().availableProcessors(), Side.ATTACKER, Side.GENUINE);
        List<Results.Row> rows = run(attacks, JarTarget.factory(jar.toAbsolutePath(), Arrays.asList(jvm.trim().split("\\s+"))),
                Scale.FULL, out);
        out.println();
        Results.print(out, rows);
        if (markdown) {
            out.println();
            Results.markdown(out, rows, "before");
        }
        System.exit(0);
    }

    private static Attack named(String name) {
        return Attack.ALL.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(Abuse::usage);
    }

    private static IllegalArgumentException usage() {
        System.err.printf(USAGE, String.join(" ", Attack.ALL.stream().map(Attack::name).toList()), DEFAULT_HUB_JVM);
        System.exit(2);
        return new IllegalArgumentException();
    }

    /** Runs each attack against a hub of its own, one after another, and returns every measure. */
    static List<Results.Row> run(List<Attack> attacks, Target.Factory hubs, Scale scale, PrintStream out) throws Exception {
        Vertx vertx = Vertx.vertx();
        List<Results.Row> rows = new ArrayList<>();
        try {
            for (Attack attack : attacks) rows.addAll(runOne(vertx, attack, hubs, scale, out));
        } finally {
            LoadTest.await(vertx.close(), 30);
        }
        return rows;
    }

    private static List<Results.Row> runOne(Vertx vertx, Attack attack, Target.Factory hubs, Scale scale, PrintStream out)
            throws Exception {
        try {
            return measure(vertx, attack, hubs, scale, out);
        } catch (Exception e) {
            // Starting, watching or stopping the hub failed: say in which scenario, not only "Timeout".
            throw new IllegalStateException(attack.name() + ": the harness failed around the attack: " + e, e);
        }
    }

    private static List<Results.Row> measure(Vertx vertx, Attack attack, Target.Factory hubs, Scale scale, PrintStream out)
            throws Exception {
        out.printf("%n%s: %s%n", attack.name(), attack.what(scale));
        Results results = new Results(attack.name(), out);
        long t0 = System.nanoTime();
        String loadBefore = LoadAverage.read();
        try (Target hub = hubs.start(attack.env());
             Side attacker = new Side(vertx, Side.ATTACKER);
             Side genuine = new Side(vertx, Side.GENUINE)) {
            long dataBefore = Footprint.bytes(hub.dataDir());
            LeadBrowser lead = new LeadBrowser(genuine, hub.url(), hub.leadPassword());
            Witness witness = Witness.start(vertx, genuine, hub, lead, scale.witnessPeriodMs(), attack.witnessesNewBrowser());
            try {
                attack.run(new Run(vertx, hub, attacker, genuine, lead, scale, results));
            } catch (Exception e) {
                results.add("harness error", e.toString());
            }
            witness.finish(results);
            results.add("data dir growth", String.format("%,d B", Footprint.bytes(hub.dataDir()) - dataBefore));
        }
        results.add("scenario time; machine load before → after", String.format("%.0f s; %s → %s",
                (System.nanoTime() - t0) / 1e9, loadBefore, LoadAverage.read()));
        return results.rows();
    }
}
