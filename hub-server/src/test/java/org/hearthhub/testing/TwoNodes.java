package org.hearthhub.testing;

import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two hub nodes on one live Redis, each on a Vert.x of its own: one reaches Redis directly, the other over a
 * {@link FlakyNetwork} link the test can slow down or cut, so that things happen on the first while the second is
 * slow to see them, or does not hear them at all.
 */
public final class TwoNodes implements AutoCloseable {
    public final TestHub direct;
    public final TestHub linked;
    public final FlakyNetwork link;
    private final Vertx vertxDirect;
    private final Vertx vertxLinked;

    private TwoNodes(Vertx vertxDirect, Vertx vertxLinked, FlakyNetwork link, TestHub direct, TestHub linked) {
        this.vertxDirect = vertxDirect;
        this.vertxLinked = vertxLinked;
        this.link = link;
        this.direct = direct;
        this.linked = linked;
    }

    /** @param linkMillis the link's latency each way (0: as fast as loopback until cut) */
    public static TwoNodes start(RedisServer redis, Path dataDir, long linkMillis) throws Exception {
        redis.flushAll();
        Vertx vertxDirect = Vertx.vertx();
        Vertx vertxLinked = Vertx.vertx();
        FlakyNetwork link = FlakyNetwork.startSlow(vertxLinked, linkMillis);
        link.forwardTo(redis.port());
        TestHub direct = TestHub.start(vertxDirect, dataDir.resolve("direct"), Map.of("HEARTH_LIVE_REDIS_URL", redis.url()));
        TestHub linked = TestHub.start(vertxLinked, dataDir.resolve("linked"),
                Map.of("HEARTH_LIVE_REDIS_URL", "redis://127.0.0.1:" + link.port()));
        return new TwoNodes(vertxDirect, vertxLinked, link, direct, linked);
    }

    /** Runs {@code action} on the directly connected node's Vert.x. */
    public void onDirect(Runnable action) {
        vertxDirect.runOnContext(v -> action.run());
    }

    @Override
    public void close() throws Exception {
        direct.close();
        linked.close();
        link.close();
        vertxDirect.close().await(10, TimeUnit.SECONDS);
        vertxLinked.close().await(10, TimeUnit.SECONDS);
    }
}
