package org.hearthhub.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Starts admitted in the current minute, and the sources that made them. The count is hub-wide: each
 * admission is also counted in the live store, and the store's total (every node's starts) is taken when it
 * answers. Which sources started is this node's own memory, as keyed hashes, forgotten each minute. Not
 * thread-safe: {@link StartGuard} holds its lock around every call.
 */
final class StartRate {
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Set<String> sources = new HashSet<>();
    private Instant windowEnds = Instant.MIN;
    private long count;

    long count(Instant now) {
        roll(now);
        return count;
    }

    boolean startedBefore(Source source, Instant now) {
        roll(now);
        return sources.contains(source.id()) || (source.previousId() != null && sources.contains(source.previousId()));
    }

    void admitted(Source source, Instant now) {
        roll(now);
        count++;
        sources.add(source.id());
    }

    /** The hub-wide count the live store answered: other nodes' starts included. */
    void hubWide(long total, Instant now) {
        roll(now);
        count = Math.max(count, total);
    }

    private void roll(Instant now) {
        if (now.isBefore(windowEnds)) return;
        windowEnds = now.plus(WINDOW);
        count = 0;
        sources.clear();
    }
}
