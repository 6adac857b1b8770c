package org.hearthhub.loadtest;

import io.vertx.core.Future;

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
}
