package org.hearthhub.loadtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What one load-test run does. Parsed from {@code --name value} pairs; every option has a default so
 * that {@code run.sh} alone runs the headline scenario (10,000 survivors, 1,000 messages/s).
 *
 * @param survivors   survivor sockets connected and started (queued) at once
 * @param advocates   advocate accounts, one console socket each
 * @param capacity    chats each advocate holds; {@code advocates × capacity} chats are active
 * @param rate        messages per second offered in total, half survivor→advocate, half advocate→survivor
 * @param duration    seconds of measurement at each rate
 * @param warmup      seconds of traffic at {@code rate} before measuring (not reported)
 * @param settle      seconds of traffic at each rate of the sweep before that rate is measured (not reported)
 * @param hubs        hub base URLs (empty: start {@code nodes} hubs here)
 * @param relay       also measure the bare relay with the same clients
 * @param sweep       rates to measure in turn (each for {@code duration}); always contains {@code rate}
 * @param textLength  characters of each chat message (timestamp included)
 * @param eventLoops  event loops of the hubs and the relay it starts; 0 for one per core (both defaults)
 * @param programs    programs the survivors and advocates are spread over: 1 is the hub's default program
 *                    alone, more are programs {@code p01…pNN} on the same hub(s), each with its share of both
 * @param spreadRelayPairs  the relay's survivor side connects in a shuffled order, so that a chat's two ends share
 *                    an event loop as often as the hub's do by chance, not always ({@link RelayScenario})
 * @param rounds      how many times the hub phase and the relay phase run, in turn (hub, relay, hub, relay…), each on
 *                    a server started afresh; the report pools each server's rounds as well as giving each round
 */
public record Options(
        int survivors,
        int advocates,
        int capacity,
        int rate,
        int duration,
        int warmup,
        int settle,
        List<String> hubs,
        int nodes,
        String liveRedisUrl,
        boolean relay,
        String heap,
        List<String> serverJvmOptions,
        List<Integer> sweep,
        Path chart,
        Path hubJar,
        Path jfr,
        Path timeline,
        String userPrefix,
        String password,
        int textLength,
        int connectConcurrency,
        int setupSeconds,
        int eventLoops,
        int programs,
        boolean spreadRelayPairs,
        int rounds) {

    public static final String DEFAULT_PASSWORD = "loadtest password 4 hearth";
    /**
     * The servers' JVM options unless --server-jvm says otherwise: the collector ops/Containerfile gives
     * the hub, G1. ZGC's pauses are shorter, but on a 2-core VM it made the hub's tail 3-10 times longer at
     * every rate (docs/benchmark-history.md, History 10). The relay gets the same, so the comparison stays like for like.
     */
    static final List<String> DEFAULT_SERVER_JVM = List.of("-XX:+UseG1GC", "-XX:-ClassUnloadingWithConcurrentMark");

    /** Chats that carry traffic: in each program, as many as its survivors or its advocates' capacity allow. */
    public int activeChats() {
        int chats = 0;
        for (int p = 0; p < programs; p++) chats += Math.min(share(survivors, p), share(advocates, p) * capacity);
        return chats;
    }

    /** How many of {@code count} people, dealt round robin, the {@code p}-th program gets. */
    int share(int count, int p) {
        return count / programs + (p < count % programs ? 1 : 0);
    }

    public boolean multiProgram() {
        return programs > 1;
    }

    /** The ids of the programs the run creates and uses: {@code p01…pNN}; none with one program (the hub's default). */
    public List<String> programIds() {
        List<String> ids = new ArrayList<>();
        if (multiProgram()) for (int p = 0; p < programs; p++) ids.add(programId(p));
        return ids;
    }

    private String programId(int p) {
        return String.format(java.util.Locale.ROOT, programs < 100 ? "p%02d" : "p%03d", p + 1);
    }

    /** The program of the {@code n}-th survivor or advocate (round robin), or null for the hub's default program. */
    public String programOf(int n) {
        return multiProgram() ? programId(n % programs) : null;
    }

    /**
     * Which of {@code hubCount} hubs the {@code n}-th survivor or advocate uses: round robin among the people of
     * its own program, so that each program's survivors and advocates are spread over every hub (and its chats
     * cross nodes) as a single program's are.
     */
    public int hubOf(int n, int hubCount) {
        return (n / programs) % hubCount;
    }

    public boolean startsOwnHubs() {
        return hubs.isEmpty();
    }

    /** The event loops the relay runs: as many as the hub's. */
    public int relayLoops() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }

    public boolean isSweep() {
        return sweep.size() > 1;
    }

    static final String USAGE = """
            usage: run.sh [options]
              --survivors N      survivor sockets held, each with a queued or active conversation (default 10000)
              --advocates N      advocates on shift, one console socket each (default 50)
              --capacity N       chats per advocate, at most 20 (default 20); advocates x capacity chats are active
              --rate R           messages/s offered in total, half each direction (default 1000)
              --duration S       seconds measured at each rate (default 20)
              --warmup S         seconds of traffic before measuring, not reported (default 15; 0 for none)
              --settle S         seconds at each rate of a sweep before measuring it, not reported (default 0):
                                 the step to a higher rate, and its first collections, are then not in the figures
              --hub URL[,URL2]   hub(s) already running (accounts must exist: see --user-prefix); several hubs
                                 get survivors and advocates round-robin. Without it the tool starts its own hub(s)
              --nodes K          hubs to start when no --hub is given (default 1)
              --live-redis URL   HEARTH_LIVE_REDIS_URL for the hubs it starts (scale-out scenario)
              --relay | --no-relay   also measure the bare relay side by side (default on)
              --relay-pairs spread|together   the relay's chats dealt over its event loops as the hub's fall (spread,
                                 the default), or with both ends of every chat on one loop (together: the
                                 connection order of the runs before 2026-12-05)
              --heap SIZE        -Xmx of each hub and relay it starts (default 1g)
              --server-jvm "OPTS"   JVM options for the hubs and the relay it starts, beside -Xmx (default
                                 "-XX:+UseG1GC -XX:-ClassUnloadingWithConcurrentMark", the collector options
                                 ops/Containerfile runs the hub with; "" for the JVM's own)
              --sweep R1,R2,...  measure several rates in turn and draw p99 against offered load
              --chart FILE       PNG chart of the sweep (default target/loadtest-p99.png)
              --hub-jar FILE     hub jar to start (default hub-server/target/hearth-hub.jar)
              --jfr FILE         record the (first) hub it starts with Java Flight Recorder
              --timeline FILE    for each 10 ms of the run: messages that arrived, how many took over 5 ms, the
                                 slowest; to set beside a server's GC log, by the wall clock
              --user-prefix P    advocate usernames P1..PN (default loadadv)
              --password TEXT    their password (default: the tool's own; only for --hub)
              --text-length N    characters per chat message (default 64)
              --connect-concurrency N   sockets connecting at once (default 256)
              --setup-seconds S  limit for connecting and assigning everyone (default 120)
              --event-loops N    event loops of the hubs (HEARTH_EVENT_LOOPS) and the relay it starts
                                 (default: one per core, as both do by default)
              --rounds N         run the hub phase and the relay phase N times in turn (hub, relay, hub, relay…),
                                 each on a server started afresh, and pool each server's rounds (default 1, at
                                 most 10; not with --hub): a ratio of two windows minutes apart follows the
                                 machine's moment, rounds in turn share it
              --programs N       spread survivors and advocates evenly over N programs p01..pNN on the hub(s), each
                                 with its own queue (default 1: the hub's default program). The hubs it starts get
                                 a coalition admin who creates the programs through the coalition API, and advocate
                                 accounts of one program each (user add --program); hubs given with --hub must
                                 host p01..pNN and advocate P(i) must work in program p((i-1) mod N + 1)
            """;

    public static Options parse(String[] args) {
        int survivors = 10_000, advocates = 50, capacity = 20, rate = 1000, duration = 20, warmup = 15, settle = 0, nodes = 1;
        int textLength = 64, connectConcurrency = 256, setupSeconds = 120, eventLoops = 0, programs = 1, rounds = 1;
        List<String> hubs = List.of();
        String liveRedis = null, heap = "1g", prefix = "loadadv", password = DEFAULT_PASSWORD;
        boolean relay = true, spreadRelayPairs = true;
        List<Integer> sweep = List.of();
        List<String> hubJvm = DEFAULT_SERVER_JVM;
        Path chart = Path.of("target", "loadtest-p99.png");
        Path hubJar = null, jfr = null, timeline = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--relay")) {
                relay = true;
                continue;
            }
            if (name.equals("--no-relay")) {
                relay = false;
                continue;
            }
            if (name.equals("--help") || name.equals("-h")) throw new IllegalArgumentException("");
            if (i + 1 >= args.length) throw new IllegalArgumentException(name + " needs a value");
            String value = args[++i];
            switch (name) {
                case "--survivors" -> survivors = positive(name, value);
                case "--advocates" -> advocates = positive(name, value);
                case "--capacity" -> capacity = positive(name, value);
                case "--rate" -> rate = positive(name, value);
                case "--duration" -> duration = positive(name, value);
                case "--warmup" -> warmup = nonNegative(name, value);
                case "--settle" -> settle = nonNegative(name, value);
                case "--hub" -> hubs = urls(value);
                case "--nodes" -> nodes = positive(name, value);
                case "--live-redis" -> liveRedis = value;
                case "--heap" -> heap = value;
                case "--server-jvm" -> hubJvm = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
                case "--sweep" -> sweep = rates(value);
                case "--chart" -> chart = Path.of(value);
                case "--hub-jar" -> hubJar = Path.of(value);
                case "--jfr" -> jfr = Path.of(value);
                case "--timeline" -> timeline = Path.of(value);
                case "--user-prefix" -> prefix = value;
                case "--password" -> password = value;
                case "--text-length" -> textLength = positive(name, value);
                case "--connect-concurrency" -> connectConcurrency = positive(name, value);
                case "--setup-seconds" -> setupSeconds = positive(name, value);
                case "--event-loops" -> eventLoops = positive(name, value);
                case "--programs" -> programs = positive(name, value);
                case "--rounds" -> rounds = positive(name, value);
                case "--relay-pairs" -> spreadRelayPairs = switch (value) {
                    case "spread" -> true;
                    case "together" -> false;
                    default -> throw new IllegalArgumentException("--relay-pairs is spread or together, got '" + value + "'");
                };
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (capacity > 20) throw new IllegalArgumentException("--capacity is at most 20 (the hub's queue.maxCapacity cap)");
        if (textLength < 40 || textLength > 4000) throw new IllegalArgumentException("--text-length must be 40-4000");
        if (programs > advocates) throw new IllegalArgumentException("--programs is at most --advocates (each program needs an advocate)");
        if (programs > survivors) throw new IllegalArgumentException("--programs is at most --survivors");
        if (rounds > 10) throw new IllegalArgumentException("--rounds is at most 10");
        if (rounds > 1 && !hubs.isEmpty()) {
            throw new IllegalArgumentException("--rounds starts the hubs afresh each round; hubs given with --hub would keep the chats of the round before");
        }
        if (programs > 999) throw new IllegalArgumentException("--programs is at most 999");
        if (!heap.matches("[0-9]+[kKmMgG]?")) throw new IllegalArgumentException("--heap must look like 1g or 768m");
        TreeSet<Integer> all = new TreeSet<>(sweep);
        all.add(rate);
        return new Options(survivors, advocates, capacity, rate, duration, warmup, settle, hubs, nodes, liveRedis, relay, heap, hubJvm,
                List.copyOf(all), chart, hubJar, jfr, timeline, prefix, password, textLength, connectConcurrency, setupSeconds, eventLoops,
                programs, spreadRelayPairs, rounds);
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + " needs a positive whole number, got '" + value + "'");
    }

    private static int nonNegative(String name, String value) {
        return value.equals("0") ? 0 : positive(name, value);
    }

    private static List<String> urls(String value) {
        List<String> out = new ArrayList<>();
        for (String u : value.split(",")) {
            String url = u.trim().replaceAll("/+$", "");
            if (url.isEmpty()) continue;
            if (!url.matches("https?://(127\\.[0-9.]+|localhost|\\[::1])(:[0-9]+)?")) {
                // Load is only ever sent to this machine.
                throw new IllegalArgumentException("--hub must be a loopback URL such as http://127.0.0.1:8080, got '" + u + "'");
            }
            out.add(url);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--hub needs at least one URL");
        return List.copyOf(out);
    }

    private static List<Integer> rates(String value) {
        List<Integer> out = new ArrayList<>();
        for (String r : value.split(",")) {
            if (!r.isBlank()) out.add(positive("--sweep", r.trim()));
        }
        return out;
    }
}
