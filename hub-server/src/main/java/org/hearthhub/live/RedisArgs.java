package org.hearthhub.live;

import java.time.Duration;
import java.time.Instant;

/** How the live Redis parts write times into commands and script arguments. */
final class RedisArgs {
    private RedisArgs() {
    }

    /** An instant as the scripts compare them: epoch milliseconds. */
    static String millis(Instant at) {
        return String.valueOf(at.toEpochMilli());
    }

    /** PX needs at least one millisecond. */
    static long millis(Duration d) {
        return Math.max(1, d.toMillis());
    }
}
