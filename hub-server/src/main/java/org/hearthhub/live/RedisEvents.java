package org.hearthhub.live;

import io.vertx.core.Context;
import org.hearthhub.redis.RedisEndpoint;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A program's live events on the live Redis: published on the channel {@code hearth:{programId}:events} as
 * JSON ({@link LiveEventCodec}), nothing stored, and handed to this node's subscribers as
 * {@link RedisEventChannels} receives them.
 */
final class RedisEvents implements LiveEvents {
    /** Logged as the live store, as before it was split: operators' log filters name it. */
    private static final Logger LOG = Logger.getLogger(RedisLiveStore.class.getName());

    private final RedisEndpoint redis;
    private final String channel;
    /** Events reach subscribers on this one context, in the order Redis delivered them. */
    private final Context eventContext;
    private final List<Consumer<LiveEvent>> subscribers = new CopyOnWriteArrayList<>();
    /** The first subscription is the start; any later one is Lettuce's after a reconnect or failover. */
    private final AtomicBoolean firstSubscription = new AtomicBoolean(true);

    RedisEvents(RedisEndpoint redis, String prefix, Context eventContext) {
        this.redis = redis;
        this.channel = prefix + "events";
        this.eventContext = eventContext;
    }

    String channel() {
        return channel;
    }

    /** Sent through Redis to every node, this one included; lost (never queued) while Redis is away. */
    @Override
    public void publish(LiveEvent event) {
        String message = LiveEventCodec.encode(event);
        redis.call(r -> r.publish(channel, message))
                .onFailure(e -> LOG.warning("live event " + event.getClass().getSimpleName() + " not published: " + e.getClass().getSimpleName()));
    }

    @Override
    public void subscribe(Consumer<LiveEvent> subscriber) {
        subscribers.add(subscriber);
    }

    /** Events published while this node was not subscribed are gone: the subscribers hear they may have missed some. */
    void resubscribed() {
        if (!firstSubscription.compareAndSet(true, false)) eventContext.runOnContext(v -> deliver(new LiveEvent.MaybeMissed()));
    }

    void received(String message) {
        LiveEvent event = LiveEventCodec.decode(message);
        if (event == null) {
            LOG.warning("ignored a live event this node does not understand");
            return;
        }
        eventContext.runOnContext(v -> deliver(event));
    }

    private void deliver(LiveEvent event) {
        for (Consumer<LiveEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a live event subscriber failed: " + e.getClass().getSimpleName());
            }
        }
    }
}
