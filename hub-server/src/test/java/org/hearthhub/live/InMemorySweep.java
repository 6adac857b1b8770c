package org.hearthhub.live;

/** Runs the in-memory store's sweep of lapsed values, which its own 30-second timer runs, for tests that move the clock. */
public final class InMemorySweep {
    private InMemorySweep() {
    }

    public static void run(InMemoryLiveStore store) {
        store.sweepExpired();
    }
}
