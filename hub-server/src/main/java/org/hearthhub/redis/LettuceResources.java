package org.hearthhub.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce's threads and event loops, one set per process however many Redis endpoints the hub opens
 * (live, settings, and a health probe for each): each set starts its own I/O and computation threads.
 * Counted: the last endpoint to close shuts them down, and the next to open starts a fresh set.
 */
final class LettuceResources {
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);
    private static ClientResources shared;
    private static int users;

    private LettuceResources() {
    }

    static synchronized ClientResources acquire() {
        if (shared == null) {
            shared = DefaultClientResources.builder()
                    .ioThreadPoolSize(2)
                    .computationThreadPoolSize(2)
                    // Reconnect at least once a second, so the hub serves again as soon as Redis is back.
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(20), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                    .build();
        }
        users++;
        return shared;
    }

    /** Blocking when it is the last user: call off the event loop. */
    static void release(ClientResources resources) throws Exception {
        ClientResources closing;
        synchronized (LettuceResources.class) {
            if (resources != shared || --users > 0) return;
            closing = shared;
            shared = null;
        }
        // No quiet period: nothing is in flight once the last endpoint closed.
        closing.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
    }

    static synchronized int users() {
        return users;
    }
}
