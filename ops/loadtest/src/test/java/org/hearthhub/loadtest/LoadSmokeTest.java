package org.hearthhub.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import org.hearthhub.Hub;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.config.ConfigLoader;
import org.hearthhub.config.HubConfig;
import org.hearthhub.settings.Account;
import org.hearthhub.model.Role;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator in small: a few hundred sockets for a few seconds against real hubs (in this
 * JVM) — one on its own, then two sharing live state in a real redis-server — and the bare relay.
 * It proves the tool still speaks the protocol and that every message arrived exactly once; it says
 * nothing about speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadSmokeTest {
    private static final int SURVIVORS = 300;
    private static final int ADVOCATES = 10;
    private static final int CAPACITY = 10;

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @TempDir
    Path dataDir;
    Vertx vertx;
    final List<Hub> hubs = new ArrayList<>();
    WebSocketClient client;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        client = vertx.createWebSocketClient(LoadTest.clientOptions());
    }

    /** A hub with the smoke advocates' accounts (file settings are per node, so every node gets them); its URL. */
    private String startHub(String name, Map<String, String> extraEnv) throws Exception {
        return startHub(name, extraEnv, 1);
    }

    /**
     * With {@code programs} above 1, the hub also gets a coalition admin who creates the programs through the
     * coalition API (as the launcher does), and each advocate works in the program the options deal it.
     */
    private String startHub(String name, Map<String, String> extraEnv, int programs) throws Exception {
        Map<String, String> env = new HashMap<>(Map.ofEntries(
                // Any free port: the hub's default public URL names the one it got.
                Map.entry("HEARTH_PORT", "0"),
                Map.entry("HEARTH_HOST", "127.0.0.1"),
                Map.entry("HEARTH_DATA_DIR", dataDir.resolve(name).toString()),
                Map.entry("HEARTH_LIMITS_STARTS_PER_MINUTE", "100000"),
                Map.entry("HEARTH_LIMITS_SURVIVOR_MESSAGES_PER_MINUTE", "10000"),
                Map.entry("HEARTH_QUEUE_MAX_LENGTH", "1000"),
                Map.entry("HEARTH_QUEUE_MAX_CAPACITY", "20"),
                Map.entry("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "100000"),
                Map.entry("HEARTH_TRUSTED_PROXIES", "127.0.0.1"),
                Map.entry("HEARTH_AUTH_HASHES_PER_SOURCE", "64"))); // every advocate signs in from this one address
        env.putAll(extraEnv);
        HubConfig config = ConfigLoader.load(null, env);
        PasswordHasher cheap = new PasswordHasher(vertx, 1024, 1, 1);
        Hub hub = LoadTest.await(Hub.start(vertx, config, Clock.systemUTC(), new Hub.Tuning(20, 3_600_000, cheap)), 30);
        hubs.add(hub);
        String hash = LoadTest.await(cheap.hash(Options.DEFAULT_PASSWORD), 10);
        String url = hub.config().publicUrl();
        Options dealt = options(url, SURVIVORS, programs);
        if (dealt.multiProgram()) {
            LoadTest.await(hub.accounts().saveAccount(account("smoke-coalition", hash, Map.of(), true)), 10);
            new CoalitionSetup(url).createPrograms("smoke-coalition", Options.DEFAULT_PASSWORD, dealt.programIds());
        }
        for (int i = 1; i <= ADVOCATES; i++) {
            String program = dealt.programOf(i - 1);
            LoadTest.await(hub.accounts().saveAccount(account("smoke" + i, hash,
                    program == null ? Map.of() : Map.of(program, Role.ADVOCATE), false)), 10);
        }
        return url;
    }

    private static Account account(String username, String hash, Map<String, Role> programs, boolean coalitionAdmin) {
        return new Account(username, "Advocate " + username, Role.ADVOCATE, hash, null, false, CAPACITY, List.of("en"), "en",
                Clock.systemUTC().instant(), false, null, programs, coalitionAdmin);
    }

    @AfterEach
    void stop() throws Exception {
        LoadTest.await(client.close(), 10);
        for (Hub hub : hubs) LoadTest.await(hub.stop(), 10);
        LoadTest.await(vertx.close(), 10);
    }

    private static Options options(String hubUrls) {
        return options(hubUrls, SURVIVORS, 1);
    }

    private static Options options(String hubUrls, int survivors, int programs) {
        return Options.parse(new String[]{"--survivors", String.valueOf(survivors), "--advocates", String.valueOf(ADVOCATES),
                "--capacity", String.valueOf(CAPACITY), "--rate", "300", "--duration", "3", "--warmup", "0",
                "--setup-seconds", "20", "--user-prefix", "smoke", "--hub", hubUrls, "--programs", String.valueOf(programs)});
    }

    @Test
    void eachProgramServesOnlyItsOwnSurvivorsExactlyOnceAcrossTwoHubsSharingRedis() throws Exception {
        Map<String, String> shared = Map.of("HEARTH_LIVE_REDIS_URL", redis.url());
        List<String> urls = List.of(startHub("one", shared, 3), startHub("two", shared, 3));
        Options options = options(String.join(",", urls), 100, 3);
        // 34/33/33 survivors against 4/3/3 advocates x 10: 34 + 30 + 30 chats. Had the hubs put everyone in one
        // queue, 100 would form (10 x 10), so the counts below also prove each program kept to its own.
        assertEquals(94, options.activeChats());
        PhaseResult viaHubs = LoadTest.await(new PhaseRunner(vertx, options, PhaseRunner.Probe.NONE)
                .run(new HubScenario(vertx, options, urls, client), 0), 50);
        assertExactlyOnce(viaHubs, options);
        assertEquals(94, viaHubs.assign().count(), "each program's chats were assigned once, by one node, to its own advocates");
        assertEquals(100 + ADVOCATES, viaHubs.connections(), "every socket was held, on either node");
    }

    @Test
    void everyMessageArrivesExactlyOnceAcrossTwoHubsSharingRedis() throws Exception {
        Map<String, String> shared = Map.of("HEARTH_LIVE_REDIS_URL", redis.url());
        List<String> urls = List.of(startHub("one", shared), startHub("two", shared));
        Options options = options(String.join(",", urls));
        PhaseResult viaHubs = LoadTest.await(new PhaseRunner(vertx, options, PhaseRunner.Probe.NONE)
                .run(new HubScenario(vertx, options, urls, client), 0), 50);
        assertExactlyOnce(viaHubs, options);
        assertEquals(ADVOCATES * CAPACITY, viaHubs.assign().count(), "each active chat was assigned once, by one node");
        assertEquals(SURVIVORS + ADVOCATES, viaHubs.connections(), "every socket was held, on either node");
    }

    @Test
    void everyMessageArrivesExactlyOnceThroughTheHubAndTheRelay() throws Exception {
        String url = startHub("one", Map.of());
        Options options = options(url);
        PhaseResult viaHub = LoadTest.await(new PhaseRunner(vertx, options, PhaseRunner.Probe.NONE)
                .run(new HubScenario(vertx, options, List.of(url), client), 0), 50);
        assertExactlyOnce(viaHub, options);
        assertNotNull(viaHub.assign());
        assertEquals(ADVOCATES * CAPACITY, viaHub.assign().count(), "each active chat was assigned once");
        assertEquals(SURVIVORS + ADVOCATES, viaHub.connections(), "every socket was held");

        RelayServer relay = LoadTest.await(RelayServer.start(vertx, "127.0.0.1", 0), 10);
        try {
            PhaseResult viaRelay = LoadTest.await(new PhaseRunner(vertx, options, PhaseRunner.Probe.NONE)
                    .run(new RelayScenario(vertx, options, "http://127.0.0.1:" + relay.port(), client), 0), 50);
            assertExactlyOnce(viaRelay, options);
            assertEquals(SURVIVORS + ADVOCATES * CAPACITY, viaRelay.connections());
            assertEquals((long) options.activeChats(), viaRelay.notes().get("chats"));
            assertEquals((long) options.activeChats(), viaRelay.notes().get("chats with both ends on one event loop"),
                    "a relay on one event loop has every chat's two ends on it");
        } finally {
            LoadTest.await(relay.close(), 10);
        }
    }

    /**
     * The relay deals connections to its loops in turn; its chats are spread over them as the hub's are,
     * so some have their two ends on one loop and some on two, and the report says how many of each.
     */
    @Test
    void theRelaysChatsAreSpreadOverItsEventLoopsAndItSaysHowMany() throws Exception {
        Options options = options("http://127.0.0.1:1");
        int port = LoadTest.await(RelayServer.startOnLoops(vertx, "127.0.0.1", 0, 2), 10);
        PhaseResult viaRelay = LoadTest.await(new PhaseRunner(vertx, options, PhaseRunner.Probe.NONE)
                .run(new RelayScenario(vertx, options, "http://127.0.0.1:" + port, client), 0), 50);
        assertExactlyOnce(viaRelay, options);
        long chats = viaRelay.notes().get("chats");
        long together = viaRelay.notes().get("chats with both ends on one event loop");
        assertEquals(options.activeChats(), chats);
        // 100 chats dealt at random over two loops: about half on one; all or none would be 2 in 2^100.
        assertTrue(together > 0 && together < chats, together + " of " + chats + " chats on one loop");
    }

    /** With --timeline every message delivered is counted once, in the 10 ms it arrived. */
    @Test
    void aTimelineCountsEveryDeliveredMessageOnce(@TempDir Path dir) throws Exception {
        Options options = options("http://127.0.0.1:1");
        int port = LoadTest.await(RelayServer.startOnLoops(vertx, "127.0.0.1", 0, 2), 10);
        Timeline timeline = new Timeline();
        PhaseResult viaRelay = LoadTest.await(new PhaseRunner(vertx, options, PhaseRunner.Probe.NONE, line -> { }, timeline)
                .run(new RelayScenario(vertx, options, "http://127.0.0.1:" + port, client), 0), 50);
        assertExactlyOnce(viaRelay, options);
        Path file = dir.resolve("timeline.txt");
        timeline.write(file);
        long counted = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#")) continue;
            String[] f = line.split(" ");
            java.time.Instant.parse(f[0]);
            long n = Long.parseLong(f[1]);
            assertTrue(n > 0 && Long.parseLong(f[2]) <= n, line);
            counted += n;
        }
        assertEquals(viaRelay.delivered(), counted);
    }

    @Test
    void aSweepSettlesAtEachRateBeforeMeasuringItAndTheSettlingIsDeliveredButNotCounted() throws Exception {
        String url = startHub("one", Map.of());
        Options options = Options.parse(new String[]{"--survivors", String.valueOf(SURVIVORS), "--advocates", String.valueOf(ADVOCATES),
                "--capacity", String.valueOf(CAPACITY), "--rate", "200", "--sweep", "200,400", "--duration", "2", "--warmup", "0",
                "--settle", "1", "--setup-seconds", "20", "--user-prefix", "smoke", "--hub", url});
        PhaseResult r = LoadTest.await(new PhaseRunner(vertx, options, PhaseRunner.Probe.NONE)
                .run(new HubScenario(vertx, options, List.of(url), client), 0), 50);
        assertEquals((200L + 400L) * (2 + 1), r.sent(), "each rate was offered while settling and while measured");
        assertEquals(r.sent(), r.delivered(), "what was sent while settling arrived too");
        assertEquals(0, r.duplicates() + r.missing() + r.strays());
        assertEquals(r.sent(), r.notes().get("acks"), "every message was acked once, settling included");
        assertEquals(2, r.steps().size());
        for (StepResult step : r.steps()) {
            assertEquals(step.rate() * 2L, step.toAdvocate().count() + step.toSurvivor().count(),
                    "only the measured seconds of " + step.rate() + " msg/s are in its figures");
        }
    }

    private static void assertExactlyOnce(PhaseResult r, Options options) {
        String what = r.name() + ": ";
        // Its errors and notes in the message: a chat that never became active is otherwise asserted before them.
        assertEquals(options.activeChats(), r.chats(), what + "every chat became active (errors " + r.errors() + ", notes " + r.notes() + ")");
        assertEquals((long) options.rate() * options.duration(), r.sent(), what + "the pacer sent what was asked");
        assertEquals(r.sent(), r.delivered(), what + "every message arrived");
        assertEquals(0, r.duplicates(), what + "no message arrived twice");
        assertEquals(0, r.missing(), what + "no message went missing");
        assertEquals(0, r.strays(), what + "nothing arrived that was not sent");
        assertEquals(Map.of(), r.errors(), what + "no errors");
        // Counted without being parsed (ClientSocket): one for each message, or the shortcut took a frame that was not one.
        if (r.notes().containsKey("acks")) assertEquals(r.sent(), r.notes().get("acks"), what + "every message acked once");
        assertTrue(r.steps().get(0).toAdvocate().count() > 0 && r.steps().get(0).toSurvivor().count() > 0,
                what + "both directions measured");
    }
}
