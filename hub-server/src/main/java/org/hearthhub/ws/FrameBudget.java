package org.hearthhub.ws;

import java.time.Clock;

/**
 * A per-socket flood guard: at most {@code perSecond} frames in any one-second window. A client that
 * floods gets one {@code rate_limited} answer per window instead of work being done: answering every
 * refused frame would let the flood cost the hub as much as if it were read.
 */
final class FrameBudget {
    /** What to do with one frame. */
    enum Verdict {
        /** Within the budget: read it. */
        READ,
        /** The first frame over the budget in this window: drop it and say so. */
        REFUSE_AND_ANSWER,
        /** Over the budget, and already told: drop it silently. */
        REFUSE
    }

    private final int perSecond;
    private final Clock clock;
    private long windowStart;
    private int used;

    FrameBudget(int perSecond, Clock clock) {
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** Counts one frame, now. */
    Verdict take() {
        return take(clock.millis());
    }

    Verdict take(long nowMillis) {
        if (nowMillis - windowStart >= 1000 || nowMillis < windowStart) {
            windowStart = nowMillis;
            used = 0;
        }
        used++;
        if (used <= perSecond) return Verdict.READ;
        return used == perSecond + 1 ? Verdict.REFUSE_AND_ANSWER : Verdict.REFUSE;
    }
}
