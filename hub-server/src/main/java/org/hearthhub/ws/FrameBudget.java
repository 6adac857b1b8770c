package org.hearthhub.ws;

/**
 * A per-socket flood guard: at most {@code perSecond} frames in any one-second window. A client that
 * floods gets {@code rate_limited} answers instead of work being done.
 */
final class FrameBudget {
    private final int perSecond;
    private long windowStart;
    private int used;

    FrameBudget(int perSecond) {
        this.perSecond = perSecond;
    }

    boolean take(long nowMillis) {
        if (nowMillis - windowStart >= 1000) {
            windowStart = nowMillis;
            used = 0;
        }
        return ++used <= perSecond;
    }
}
