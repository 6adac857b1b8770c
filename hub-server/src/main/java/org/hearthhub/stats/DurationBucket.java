package org.hearthhub.stats;

import java.time.Duration;

/** Histogram buckets for waits and conversation lengths; counters are named {@code wait.<key>} and {@code duration.<key>}. */
public enum DurationBucket {
    LT1M("lt1m", Duration.ofMinutes(1)),
    FROM_1_TO_5M("1to5m", Duration.ofMinutes(5)),
    FROM_5_TO_15M("5to15m", Duration.ofMinutes(15)),
    FROM_15_TO_30M("15to30m", Duration.ofMinutes(30)),
    FROM_30_TO_60M("30to60m", Duration.ofMinutes(60)),
    GT60M("gt60m", null);

    private final String key;
    private final Duration below;

    DurationBucket(String key, Duration below) {
        this.key = key;
        this.below = below;
    }

    public String key() {
        return key;
    }

    /** The bucket holding {@code d}; a negative duration (clock skew between nodes) counts as under a minute. */
    public static DurationBucket of(Duration d) {
        for (DurationBucket b : values()) {
            if (b.below == null || d.compareTo(b.below) < 0) return b;
        }
        throw new AssertionError("the last bucket is open-ended");
    }
}
