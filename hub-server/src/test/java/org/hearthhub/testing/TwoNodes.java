package org.hearthhub.testing;

import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

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
    private final RedisServer redis;

    private TwoNodes(RedisServer redis, Vertx vertxDirect, Vertx vertxLinked, FlakyNetwork link, TestHub direct, TestHub linked) {
        this.redis = redis;
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
        return new TwoNodes(redis, vertxDirect, vertxLinked, link, direct, linked);
    }

    /**
     * Cuts the linked node off Redis, and waits until Redis has dropped its subscription, so that events now pass it
     * by; fails naming {@code whose} node (e.g. "the console's") if it stays subscribed for 5 s.
     */
    public void cutLinkedOffRedis(String whose) throws InterruptedException {
        link.cut();
        long deadline = System.currentTimeMillis() + 5_000;
        while (subscribers() > 1) {
            if (System.currentTimeMillis() > deadline) fail(whose + " node stayed subscribed");
            Thread.sleep(20);
        }
    }

    /** The most subscribers any channel has: 2 while both nodes listen, 1 once Redis has dropped the linked one. */
    private long subscribers() {
        long[] most = new long[1];
        redis.inspect(r -> r.pubsubChannels().forEach(ch -> most[0] = Math.max(most[0], r.pubsubNumsub(ch).get(ch))));
        return most[0];
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
