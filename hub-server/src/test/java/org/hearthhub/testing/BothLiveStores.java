package org.hearthhub.testing;

import io.vertx.core.Vertx;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LiveStore;
import org.hearthhub.live.RedisLiveStore;
import org.hearthhub.live.TranscriptBudget;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The live store of either kind, for tests that show one behaviour in one JVM and on a real redis-server:
 * parameterized on {@code "memory"} and {@code "redis"}, each opens the store it tests with {@link #open}, and
 * the store is closed after the test. One Vert.x serves the class.
 * <pre>
 * &#64;RegisterExtension static final RedisServer redis = RedisServer.perTestClass();
 * &#64;RegisterExtension static final BothLiveStores stores = new BothLiveStores(redis);
 * </pre>
 */
public final class BothLiveStores implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    /** The conversations' hard cap on life in the Redis store. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private final RedisServer redis;
    private Vertx vertx;
    private LiveStore open;

    public BothLiveStores(RedisServer redis) {
        this.redis = redis;
    }

    /** An empty store of the kind named, with the default transcript budget. */
    public LiveStore open(String kind) throws Exception {
        return open(kind, TranscriptBudget.DEFAULT);
    }

    /** An empty store of the kind named ({@code "memory"} or {@code "redis"}, which flushes the server first). */
    public LiveStore open(String kind, TranscriptBudget budget) throws Exception {
        open = switch (kind) {
            case "memory" -> new InMemoryLiveStore(vertx, Clock.systemUTC(), budget);
            case "redis" -> {
                redis.flushAll();
                yield RedisLiveStore.connect(vertx, redis.url(), "main", LIFETIME, false, budget).await(10, TimeUnit.SECONDS);
            }
            default -> throw new IllegalArgumentException("no live store of kind " + kind);
        };
        return open;
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        vertx = Vertx.vertx();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (open != null) open.close().await(10, TimeUnit.SECONDS);
        open = null;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
