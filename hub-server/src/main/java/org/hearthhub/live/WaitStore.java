package org.hearthhub.live;

import io.vertx.core.Future;

import java.util.List;

/** Recent queue waits, for the wait estimate shown to survivors. */
public interface WaitStore {

    /** Remembers a recent queue wait (seconds); the store keeps only the last few. */
    Future<Void> recordWait(long seconds);

    Future<List<Long>> recentWaits();
}
