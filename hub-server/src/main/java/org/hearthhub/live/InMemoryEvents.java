package org.hearthhub.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-memory store's events: with one node, publishing hands the event to this node's subscribers, on the
 * publisher's thread. The list is copy-on-write, so both run from any loop without the store's lock.
 */
final class InMemoryEvents implements LiveEvents {
    private final List<Consumer<LiveEvent>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LiveEvent event) {
        for (Consumer<LiveEvent> s : subscribers) s.accept(event);
    }

    @Override
    public void subscribe(Consumer<LiveEvent> subscriber) {
        subscribers.add(subscriber);
    }
}
