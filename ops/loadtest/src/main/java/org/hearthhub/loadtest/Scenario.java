package org.hearthhub.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Map;

/** One side of the comparison (the hub, or the bare relay) as the same clients drive it. */
interface Scenario {

    String name();

    /** Connects every socket and registers each active chat with {@code traffic}; done when all chats are ready. */
    Future<Void> setUp(Traffic traffic);

    /** Sockets open now, both sides. */
    int connections();

    /** Errors and unexpected events by kind. */
    Tally tally();

    /** Start → assigned, or null where the scenario has no queue. */
    Latency assignLatency();

    /** Informational counts (e.g. queue updates received), by name. */
    Map<String, Long> notes();

    Future<Void> close();

    /**
     * The end of every set-up: waits until {@code wanted} chats carry traffic, or the set-up limit
     * passes, which is tallied rather than failed so the run still reports what it measured.
     */
    static Future<Void> awaitChats(Vertx vertx, Traffic traffic, int wanted, Options options, Tally tally) {
        return Waiting.until(vertx, () -> traffic.size() >= wanted, options.setupSeconds() * 1000L).map(ready -> {
            if (!ready) tally.add("chats not ready in time");
            return null;
        });
    }
}
