package org.hearthhub.live;

import java.util.function.Consumer;

/** What happened to live conversations and sessions, delivered to every node. */
public interface LiveEvents {

    /** Delivers the event to every node's subscribers, this node's included. */
    void publish(LiveEvent event);

    void subscribe(Consumer<LiveEvent> subscriber);
}
