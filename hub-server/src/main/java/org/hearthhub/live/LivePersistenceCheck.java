package org.hearthhub.live;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import org.hearthhub.redis.RedisEndpoint;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * docs/privacy.md: the Redis holding live state must not write it to disk, nor, with Sentinel, any of
 * its replicas. At start-up the hub reads
 * {@code save} (RDB snapshots) and {@code appendonly} (AOF) and refuses to start when either is on,
 * unless the operator set {@code live.allowPersistence: true}. {@link RedisLiveStore} re-reads them ({@link LivePersistenceWatch}) every
 * {@link #RECHECK} while it runs, since {@code CONFIG SET} can switch persistence on behind the hub's back.
 */
public final class LivePersistenceCheck {
    public static final String FIX = "set save '' and appendonly no, or live.allowPersistence: true";
    public static final java.time.Duration RECHECK = java.time.Duration.ofSeconds(30);

    private LivePersistenceCheck() {
    }

    /** Succeeds when the live Redis keeps everything in memory (or the operator allowed persistence). */
    static Future<Void> verify(RedisEndpoint redis, boolean allowPersistence) {
        if (allowPersistence) return Future.succeededFuture();
        return read(redis)
                .recover(e -> Future.failedFuture(new IllegalStateException("cannot read the persistence settings of the live Redis at "
                        + redis.address() + " (CONFIG GET failed: " + RedisEndpoint.unwrap(e).getMessage() + "); " + FIX, e)))
                .compose(problem -> problem
                        .<Future<Void>>map(p -> Future.failedFuture(new IllegalStateException(
                                "the live Redis at " + redis.address() + " " + p + ", so transcripts would reach its disk: " + FIX)))
                        .orElseGet(Future::succeededFuture));
    }

    /**
     * What is wrong with the live Redis's persistence settings right now, or empty when nothing reaches its
     * disk. With Sentinel that is the current master's, and its replicas': each holds every transcript, and
     * any of them may be the master after the next failover.
     */
    static Future<Optional<String>> read(RedisEndpoint redis) {
        Future<Optional<String>> master = redis.call(LivePersistenceCheck::problem);
        if (!redis.failsOver()) return master;
        return master.compose(problem -> problem.isPresent() ? master : redis.onEachReplica(LivePersistenceCheck::problem)
                .map(replicas -> replicas.entrySet().stream()
                        .flatMap(r -> r.getValue().map(p -> "has a replica at " + r.getKey() + " that " + p).stream())
                        .findFirst()));
    }

    /** One parameter per CONFIG GET: Redis before 7 takes only one. */
    private static CompletionStage<Optional<String>> problem(RedisAsyncCommands<String, String> c) {
        CompletionStage<Map<String, String>> save = c.configGet("save");
        CompletionStage<Map<String, String>> appendonly = c.configGet("appendonly");
        return save.thenCombine(appendonly, (s, a) -> problem(s.get("save"), a.get("appendonly")));
    }

    /** What is wrong with these settings, or empty when neither writes to disk. */
    static Optional<String> problem(String save, String appendonly) {
        boolean snapshots = save == null || !save.isBlank();
        boolean aof = appendonly == null || !"no".equalsIgnoreCase(appendonly.trim());
        if (snapshots && aof) return Optional.of("saves snapshots (save '" + save + "') and has appendonly " + appendonly);
        if (snapshots) return Optional.of("saves snapshots (save '" + save + "')");
        if (aof) return Optional.of("has appendonly " + appendonly);
        return Optional.empty();
    }
}
