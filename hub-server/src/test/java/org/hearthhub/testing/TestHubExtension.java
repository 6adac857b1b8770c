package org.hearthhub.testing;

import io.vertx.core.Vertx;
import org.hearthhub.auth.PasswordHasher;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The set-up every hub test shares, as one JUnit extension: for each test a fresh Vert.x, an empty data
 * directory and a {@link TestHub} on it, all closed and removed after the test.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TestHubExtension hubs = TestHubExtension.embedded().env("HEARTH_QUEUE_MAX_LENGTH", "3");
 * TestHub hub;   // filled before each test, as is a Vertx field
 * }</pre>
 *
 * <p>{@link #embedded()} starts the hub before the test's own {@code @BeforeEach} methods; a class whose
 * tests each want other options uses {@link #startedByTest()} and calls {@link #start(Map)} in the test.
 * Either way the extension fills the test's {@code TestHub} field (it must have at most one) and its
 * {@code Vertx} field, and hands the same {@code Vertx} to test and {@code @BeforeEach} parameters, so a
 * class using it does not also use {@code VertxExtension}. Register it on an instance field: each test
 * then has its own, so an option a test sets before {@link #start(Map)} ends with that test. Tests with
 * several hubs, or that start hubs themselves, keep calling {@link TestHub#start} directly.
 */
public final class TestHubExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final boolean startBeforeEach;
    private final Map<String, String> env = new HashMap<>();
    private Supplier<RedisServer> liveRedis = () -> null;
    private Supplier<RedisStores> redisStores = () -> null;
    private boolean fakeTwilioWanted;
    private boolean logsWanted;
    private long sessionCheckMillis = TestHub.TIMER_OFF_MILLIS;
    private Function<Vertx, PasswordHasher> hasher = TestHub::fastHasher;

    private Vertx vertx;
    private Path dataDir;
    private Object testInstance;
    private TestHub running;
    private boolean startedInThisTest;
    private FakeTwilio twilio;
    private LogCapture logs;

    private TestHubExtension(boolean startBeforeEach) {
        this.startBeforeEach = startBeforeEach;
    }

    /** A hub started before each test with the options given here. */
    public static TestHubExtension embedded() {
        return new TestHubExtension(true);
    }

    /** Vert.x and a data directory before each test; the test starts its hub with {@link #start(Map)}. */
    public static TestHubExtension startedByTest() {
        return new TestHubExtension(false);
    }

    /** One {@code HEARTH_*} option, as an operator would give it. */
    public TestHubExtension env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public TestHubExtension env(Map<String, String> options) {
        env.putAll(options);
        return this;
    }

    /** The live store in this (memory-only) Redis, emptied before each test. */
    public TestHubExtension liveRedis(RedisServer redis) {
        return liveRedis(() -> redis);
    }

    /**
     * The same, asked for at each test's start: a base class gives an overridable method here, so that a
     * subclass can run all its tests on Redis; null keeps the live store in memory.
     */
    public TestHubExtension liveRedis(Supplier<RedisServer> redis) {
        this.liveRedis = redis;
        return this;
    }

    /**
     * Live state and settings both on Redis, asked for at each test's start like {@link #liveRedis(Supplier)}
     * (null keeps both off Redis): the live Redis is emptied at every start, the settings Redis at the test's
     * first start only, so that a restart within a test finds what the hub stored before it.
     */
    public TestHubExtension redisStores(Supplier<RedisStores> stores) {
        this.redisStores = stores;
        return this;
    }

    /**
     * A {@link FakeTwilio} started before each test (it fills the test's {@code FakeTwilio} field) and closed
     * after the hub; every hub started gets its Twilio options ({@link FakeTwilio#hubEnv()}) under the others.
     */
    public TestHubExtension fakeTwilio() {
        this.fakeTwilioWanted = true;
        return this;
    }

    /** A {@link LogCapture} installed before each test (it fills the test's {@code LogCapture} field), removed after the hub stops. */
    public TestHubExtension captureLogs() {
        this.logsWanted = true;
        return this;
    }

    /** How often open consoles re-check their session (off by default: tests call {@code checkAdvocateSessions()}). */
    public TestHubExtension sessionCheckMillis(long millis) {
        this.sessionCheckMillis = millis;
        return this;
    }

    /** Password hashing at another cost than the fast test one (the production one, where its time is the point). */
    public TestHubExtension hasher(Function<Vertx, PasswordHasher> hasher) {
        this.hasher = hasher;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        testInstance = context.getRequiredTestInstance();
        vertx = Vertx.vertx();
        dataDir = Files.createTempDirectory("hearth-test-");
        fill(Vertx.class, vertx);
        if (logsWanted) {
            logs = LogCapture.install();
            fill(LogCapture.class, logs);
        }
        if (fakeTwilioWanted) {
            twilio = FakeTwilio.start(vertx);
            fill(FakeTwilio.class, twilio);
        }
        if (startBeforeEach) start(Map.of());
    }

    /**
     * Starts this test's hub with the extension's options and {@code extra} over them, and fills the test's
     * {@code TestHub} field. A second start (a restart with other options) stops the first hub; the data
     * directory is the same.
     */
    public TestHub start(Map<String, String> extra) throws Exception {
        return start(extra, true);
    }

    /** The same without the fake Twilio's options: a hub with Twilio not configured. */
    public TestHub startWithoutTwilio() throws Exception {
        return start(Map.of(), false);
    }

    private TestHub start(Map<String, String> extra, boolean withTwilio) throws Exception {
        if (vertx == null) throw new IllegalStateException("no test is running");
        stopHub();
        Map<String, String> all = new HashMap<>();
        if (twilio != null && withTwilio) all.putAll(twilio.hubEnv());
        all.putAll(env);
        RedisServer redis = liveRedis.get();
        RedisStores stores = redisStores.get();
        if (stores != null) {
            if (!startedInThisTest) stores.settings().flushAll();
            all.putAll(stores.settingsEnv());
            redis = stores.live();
        }
        if (redis != null) {
            redis.flushAll();
            all.put("HEARTH_LIVE_REDIS_URL", redis.url());
        }
        all.putAll(extra);
        startedInThisTest = true;
        running = TestHub.start(vertx, dataDir, all, sessionCheckMillis, hasher.apply(vertx));
        fill(TestHub.class, running);
        return running;
    }

    public TestHub start() throws Exception {
        return start(Map.of());
    }

    /** The running hub (started before the test, or by it). */
    public TestHub hub() {
        if (running == null) throw new IllegalStateException("no hub started in this test");
        return running;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** This test's data directory, empty until a hub starts (a test may put files there first). */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            stopHub();
        } finally {
            try {
                try {
                    if (twilio != null) twilio.close();
                } finally {
                    if (logs != null) logs.close();
                }
                vertx.close().await(10, TimeUnit.SECONDS);
            } finally {
                delete(dataDir);
                vertx = null;
                twilio = null;
                logs = null;
                startedInThisTest = false;
                testInstance = null;
            }
        }
    }

    private void stopHub() throws Exception {
        TestHub stopping = running;
        running = null;
        if (stopping != null) stopping.close();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Vertx.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return vertx;
    }

    /** Sets the test's one non-static field of this type, if it has one. */
    private void fill(Class<?> type, Object value) throws IllegalAccessException {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = testInstance.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == type && !Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers())) fields.add(f);
            }
        }
        if (fields.size() > 1) throw new IllegalStateException("TestHubExtension fills one " + type.getSimpleName() + " field; "
                + testInstance.getClass().getSimpleName() + " has " + fields.size());
        for (Field f : fields) {
            f.setAccessible(true);
            f.set(testInstance, value);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }
}
