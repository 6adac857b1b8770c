package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.redis.RedisEndpoint;

import java.util.logging.Logger;

/**
 * Whether the live Redis writes to disk now, as last read ({@link LivePersistenceCheck#read}): switched on
 * since start (a {@code CONFIG SET}, a restart with another config), new conversations are refused until it
 * is off again. Live ones go on, since ending them would not take back what is already on that disk.
 */
final class LivePersistenceWatch {
    /** Logged as the live store, as before it was split: operators' log filters name it. */
    private static final Logger LOG = Logger.getLogger(RedisLiveStore.class.getName());

    private final RedisEndpoint redis;
    /** Why new conversations are refused: the live Redis was found writing to disk; null while all is well. */
    private volatile String problem;

    LivePersistenceWatch(RedisEndpoint redis) {
        this.redis = redis;
    }

    /** Reads the settings again; logged once per change. */
    Future<Void> recheck() {
        return LivePersistenceCheck.read(redis).map(found -> {
            String now = found.orElse(null);
            String before = problem;
            problem = now;
            if (now != null && before == null) {
                LOG.severe("the live Redis at " + redis.address() + " " + now + ", so transcripts would reach its disk; "
                        + "new conversations are refused until it stops: " + LivePersistenceCheck.FIX);
            } else if (now == null && before != null) {
                LOG.warning("the live Redis at " + redis.address() + " no longer writes to disk; new conversations are accepted again");
            }
            return (Void) null;
        }).onFailure(e -> LOG.fine("persistence re-check skipped: the live Redis did not answer"));
    }

    boolean refusing() {
        return problem != null;
    }
}
