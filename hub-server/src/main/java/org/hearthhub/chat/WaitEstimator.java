package org.hearthhub.chat;

import java.util.List;

/**
 * A rough wait estimate for a queue position: the mean of recent waits (or a default before there is
 * any history) scaled by position and divided among the advocates on shift. Null when nobody is on
 * shift, because any number would be a promise the program cannot keep.
 */
public final class WaitEstimator {
    static final long DEFAULT_SECONDS_PER_PLACE = 120;
    private static final long MIN_SECONDS_PER_PLACE = 30;

    private WaitEstimator() {
    }

    public static Long estimateSeconds(int position, int advocatesOnShift, List<Long> recentWaits) {
        if (advocatesOnShift <= 0) return null;
        long perPlace = recentWaits.isEmpty()
                ? DEFAULT_SECONDS_PER_PLACE
                : Math.max(MIN_SECONDS_PER_PLACE, (long) recentWaits.stream().mapToLong(Long::longValue).average().orElse(0));
        return (long) Math.ceil((double) position * perPlace / advocatesOnShift);
    }
}
