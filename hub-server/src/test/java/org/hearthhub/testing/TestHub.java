package org.hearthhub.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.hearthhub.Hub;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.config.ConfigLoader;
import org.hearthhub.config.HubConfig;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.ProgramId;
import org.hearthhub.settings.Account;
import org.hearthhub.model.Role;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real hub on a free port with its own data directory and a hand-moved clock. */
public final class TestHub implements AutoCloseable {
    public static final String PASSWORD = "correct horse battery staple";
    /** Give it as {@code HEARTH_METRICS_TOKEN} to read {@link #metrics()}. */
    public static final String METRICS_TOKEN = "test-metrics-token-0123456789";
    /** Periodic jobs (timeout sweep, session checks) wait this long: tests move the clock and run them by hand. */
    static final long TIMER_OFF_MILLIS = 3_600_000;
    private static final long AWAIT_SECONDS = 30;

    public final Vertx vertx;
    public final Hub hub;
    public final MutableClock clock;
    public final Path dataDir;
    private final WebClient http;
    private final List<WebClient> others = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final PasswordHasher hasher;
    private final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);

    private TestHub(Vertx vertx, Hub hub, MutableClock clock, Path dataDir, PasswordHasher hasher) {
        this.vertx = vertx;
        this.hub = hub;
        this.clock = clock;
        this.dataDir = dataDir;
        this.hasher = hasher;
        this.http = WebClient.create(vertx);
    }

    public static TestHub start(Vertx vertx, Path dataDir) throws Exception {
        return start(vertx, dataDir, Map.of());
    }

    /** @param env extra HEARTH_* settings, as an operator would give them */
    public static TestHub start(Vertx vertx, Path dataDir, Map<String, String> env) throws Exception {
        return start(vertx, dataDir, env, TIMER_OFF_MILLIS);
    }

    /**
     * @param sessionCheckMillis how often open consoles re-check their session; other tests leave that timer
     *                           off (as the timeout sweep) and call {@code hub.sockets().checkAdvocateSessions()}
     */
    public static TestHub start(Vertx vertx, Path dataDir, Map<String, String> env, long sessionCheckMillis) throws Exception {
        return start(vertx, dataDir, env, sessionCheckMillis, fastHasher(vertx));
    }

    /** Password hashing at a token cost: sign-ins take no time worth mentioning. */
    static PasswordHasher fastHasher(Vertx vertx) {
        return new PasswordHasher(vertx, 1024, 1, 1);
    }

    /** @param hasher password hashing at another cost (the production one, where the time it takes is the point) */
    public static TestHub start(Vertx vertx, Path dataDir, Map<String, String> env, PasswordHasher hasher) throws Exception {
        return start(vertx, dataDir, env, TIMER_OFF_MILLIS, hasher);
    }

    /**
     * On port 0: the hub takes a free port itself, and its public URL (unless {@code env} gives one) names the
     * port it got.
     */
    static TestHub start(Vertx vertx, Path dataDir, Map<String, String> env, long sessionCheckMillis,
                         PasswordHasher hasher) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("HEARTH_PORT", "0");
        all.put("HEARTH_HOST", "127.0.0.1");
        all.put("HEARTH_DATA_DIR", dataDir.toString());
        HubConfig config = ConfigLoader.load(null, all);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T15:00:00Z"));
        Hub hub = await(Hub.start(vertx, config, clock, new Hub.Tuning(5, TIMER_OFF_MILLIS, hasher, sessionCheckMillis)));
        return new TestHub(vertx, hub, clock, dataDir, hasher);
    }

    public int port() {
        return hub.port();
    }

    public String publicUrl() {
        return hub.config().publicUrl();
    }

    public void addAccount(String username, Role role, List<String> languages, int capacity) throws Exception {
        String hash = await(hasher.hash(PASSWORD));
        await(hub.accounts().saveAccount(new Account(username, "Advocate " + username, role, hash, null, false, capacity,
                languages, "en", clock.instant())));
    }

    /** An account that works in the programs given (and no other), able to take two conversations. */
    public void addAccountIn(String username, Role role, Map<String, Role> programs) throws Exception {
        addAccount(username, role, List.of("en", "es"), 2);
        Account a = await(hub.accounts().account(username)).orElseThrow();
        await(hub.accounts().saveAccount(new Account(a.username(), a.displayName(), role, a.passwordHash(), null, false, 2,
                a.languages(), "en", a.createdAt(), false, null, programs, false)));
    }

    /** Logs in over HTTP and returns the Cookie header value for the session. */
    public String login(String username) throws Exception {
        HttpResponse<?> r = await(http.post(port(), "localhost", "/api/v1/login")
                .sendJsonObject(new JsonObject().put("username", username).put("password", PASSWORD)));
        if (r.statusCode() != 200) throw new AssertionError("login failed: " + r.statusCode() + " " + r.bodyAsString());
        String setCookie = r.cookies().get(0);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    public WsClient survivor() throws Exception {
        return WsClient.connect(vertx, port(), "/ws/survivor", null, null);
    }

    /** A survivor socket from another loopback address (say 127.0.0.66): another source to the hub's guards. */
    public WsClient survivorFrom(String localAddress) throws Exception {
        return WsClient.connect(vertx, port(), "/ws/survivor", null, null, localAddress);
    }

    /** A survivor from {@code localAddress} whose new chat {@code advocate} has taken; both sides have been told. */
    public TakenChat chatTakenBy(WsClient advocate, String localAddress) throws Exception {
        WsClient survivor = survivorFrom(localAddress);
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.await("assigned");
        return new TakenChat(survivor, id);
    }

    /** A chat's survivor socket and its id. */
    public record TakenChat(WsClient survivor, String conversation) {
    }

    /** A signed-in advocate's console socket (account created on first use). */
    public WsClient advocate(String username, List<String> languages, int capacity) throws Exception {
        if (await(hub.accounts().account(username)).isEmpty()) addAccount(username, Role.ADVOCATE, languages, capacity);
        WsClient ws = WsClient.connect(vertx, port(), "/ws/advocate", publicUrl(), login(username));
        ws.await("shift");
        return ws;
    }

    public WsClient advocateOnShift(String username) throws Exception {
        return advocateOnShift(username, List.of("en", "es"), 3);
    }

    public WsClient advocateOnShift(String username, List<String> languages, int capacity) throws Exception {
        WsClient ws = advocate(username, languages, capacity);
        ws.send("shift.start", "capacity", capacity);
        ws.awaitMatching("shift", f -> f.getBoolean("onShift"));
        return ws;
    }

    /** An advocate who works in {@code program} alone, signed in there and on shift with room for two conversations. */
    public WsClient advocateOnShiftIn(String program, String username) throws Exception {
        addAccountIn(username, Role.ADVOCATE, Map.of(program, Role.ADVOCATE));
        WsClient ws = WsClient.connect(vertx, port(), "/ws/advocate?program=" + program, publicUrl(), login(username));
        ws.await("shift");
        ws.send("shift.start", "capacity", 2);
        ws.awaitMatching("shift", f -> f.getBoolean("onShift"));
        return ws;
    }

    /** Another program on this hub with its own SMS number and hotline (either may be null). */
    public HostedProgram addProgramWithNumbers(String id, String name, String smsNumber, String hotline) throws Exception {
        HostedProgram program = await(hub.programs().create(ProgramId.of(id), name));
        await(hub.programs().registry().setNumbers(program.id(), smsNumber, hotline));
        return program;
    }

    /** A form POSTed to the hub with this {@code X-Twilio-Signature} header (none if null), answered whatever it is. */
    public Future<HttpResponse<Buffer>> postForm(String path, Map<String, String> form, String signature) {
        MultiMap body = MultiMap.caseInsensitiveMultiMap();
        form.forEach(body::add);
        var request = http.post(port(), "localhost", path);
        if (signature != null) request.putHeader("X-Twilio-Signature", signature);
        return request.sendForm(body);
    }

    /**
     * A webhook as Twilio sends it to this hub, signed with {@link FakeTwilio}'s auth token; {@code url} as
     * Twilio was given it, absolute or a path and query.
     */
    public HttpResponse<Buffer> twilioWebhook(String url, Map<String, String> form) throws Exception {
        String path = url.startsWith("http") ? url.substring(publicUrl().length()) : url;
        return await(postForm(path, form, TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, publicUrl() + path, form)));
    }

    public WebClient http() {
        return http;
    }

    /** {@code GET /metrics} with {@link #METRICS_TOKEN}: the Prometheus text (fails unless 200). */
    public String metrics() throws Exception {
        HttpResponse<io.vertx.core.buffer.Buffer> r = await(http.get(port(), "localhost", "/metrics")
                .putHeader("Authorization", "Bearer " + METRICS_TOKEN).send());
        if (r.statusCode() != 200) throw new AssertionError("/metrics answered " + r.statusCode());
        return r.bodyAsString();
    }

    /** The value of one series (name and labels exactly as written) in Prometheus text. */
    public static double metric(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        if (!m.find()) throw new AssertionError("no series " + series + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }

    /**
     * A client whose connections come from another loopback address (127.0.0.2 and up), so the hub
     * counts it as another source; up to {@code connections} requests at once, none queued inside it.
     */
    public WebClient clientFrom(String localAddress, int connections) {
        WebClient client = WebClient.create(vertx, new WebClientOptions().setLocalAddress(localAddress)
                        .setDefaultHost("127.0.0.1").setDefaultPort(port()).setFollowRedirects(false),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        others.add(client);
        return client;
    }

    /** A sign-in attempt through {@code client}, answered whatever it is. */
    public static Future<HttpResponse<Buffer>> tryLogin(WebClient client, String username, String password) {
        return client.post("/api/v1/login").sendJsonObject(new JsonObject().put("username", username).put("password", password));
    }

    /** Bounded so a hung test fails with a thread dump; generous because CI machines can be slow and busy. */
    public static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(AWAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw ThreadDump.timeout("a test's wait", AWAIT_SECONDS);
        }
    }

    /** Stops the hub; a second call does nothing (a test may close a hub its extension closes too). */
    @Override
    public void close() throws Exception {
        if (!open.compareAndSet(true, false)) return;
        http.close();
        others.forEach(WebClient::close);
        await(hub.stop());
    }
}
