package org.hearthhub.guard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How many requests of one kind each {@link Source} made this minute, and the cap on them: in this node's memory only,
 * as keyed hashes, all forgotten when the minute is over (nothing of a source reaches the live store). A source's
 * count includes what it made under the previous key, so a key rotation does not hand it a fresh allowance.
 * Thread-safe: every event loop asks.
 */
public final class MinuteCap {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Integer> counts = new HashMap<>();
    private Instant windowEnds = Instant.MIN;

    public MinuteCap(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Counts one more request of this source; false when it is over the cap this minute. */
    public synchronized boolean take(Source source) {
        Instant now = clock.instant();
        if (!now.isBefore(windowEnds)) {
            counts.clear();
            windowEnds = now.plus(WINDOW);
        }
        int made = counts.merge(source.id(), 1, Integer::sum);
        if (source.previousId() != null) made += counts.getOrDefault(source.previousId(), 0);
        return made <= perMinute;
    }
}
