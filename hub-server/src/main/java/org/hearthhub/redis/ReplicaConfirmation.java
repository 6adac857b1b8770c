package org.hearthhub.redis;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Redis replicates asynchronously: a master that dies right after answering a write may take it along,
 * and after a Sentinel failover the promoted replica never had it. For writes a person is told were
 * made (a chat message's ack), the hub asks the master to wait until a replica holds them too
 * ({@code WAIT 1}) before answering. A replica that does not confirm within {@link #CONFIRM} (down,
 * lagging, or none configured) is not waited for again during {@link #PAUSE}: messages are then
 * acknowledged on the master's word alone rather than each one waiting out the timeout; logged once.
 * Only with Sentinel: without it a replica is never promoted, so waiting for one would buy nothing.
 */
public final class ReplicaConfirmation {
    private static final Logger LOG = Logger.getLogger(ReplicaConfirmation.class.getName());
    static final Duration CONFIRM = Duration.ofMillis(250);
    static final Duration PAUSE = Duration.ofSeconds(10);

    private final RedisEndpoint redis;
    private final boolean wanted;
    /** System.nanoTime() until which replicas are not waited for; 0 while they confirm. */
    private volatile long pausedUntil;

    public ReplicaConfirmation(RedisEndpoint redis) {
        this.redis = redis;
        this.wanted = redis.failsOver();
    }

    /**
     * {@code result} once a replica holds every write made so far on the endpoint's shared connection;
     * fails when the master cannot be asked (the write may or may not have been made: the sender retries).
     */
    public <T> Future<T> confirm(T result) {
        long paused = pausedUntil;
        if (!wanted || (paused != 0 && System.nanoTime() - paused < 0)) return Future.succeededFuture(result);
        return redis.call(c -> c.waitForReplication(1, CONFIRM.toMillis())).map(replicas -> {
            if (replicas >= 1) {
                if (pausedUntil != 0) LOG.info("the " + redis.role() + " Redis replica confirms writes again");
                pausedUntil = 0;
            } else {
                if (pausedUntil == 0) {
                    LOG.warning("no " + redis.role() + " Redis replica confirmed a write within " + CONFIRM.toMillis()
                            + " ms: messages are acknowledged on the master's word alone (a failover now could lose the latest)");
                }
                pausedUntil = System.nanoTime() + PAUSE.toNanos();
            }
            return result;
        });
    }
}
