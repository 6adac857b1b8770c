package org.hearthhub.live;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Future;
import org.hearthhub.redis.RedisEndpoint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's one pub/sub connection to the live Redis, shared by every program's {@link RedisEvents}: one
 * listener hands each message to its channel's program. With one listener per program, every event went
 * past all of them (5 % of a 50-program node's CPU).
 */
final class RedisEventChannels {
    private final RedisEndpoint redis;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final Map<String, RedisEvents> programs = new ConcurrentHashMap<>();

    RedisEventChannels(RedisEndpoint redis, StatefulRedisPubSubConnection<String, String> pubsub) {
        this.redis = redis;
        this.pubsub = pubsub;
    }

    /** Starts handing the connection's messages to the programs' events; once, on the store that opened it. */
    void listenForEveryProgram() {
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void subscribed(String to, long count) {
                RedisEvents events = programs.get(to);
                if (events != null) events.resubscribed();
            }

            @Override
            public void message(String from, String message) {
                RedisEvents events = programs.get(from);
                if (events != null) events.received(message);
            }
        });
    }

    /**
     * Lettuce re-subscribes the channel by itself after a reconnect, to the new master after a Sentinel
     * failover; {@link RedisEvents} tells its subscribers each time that they may have missed some.
     */
    Future<Void> subscribe(RedisEvents events) {
        programs.put(events.channel(), events);
        return redis.on(pubsub.async().subscribe(events.channel()));
    }

    /** For a program's store closed while the connection stays open for the others. */
    Future<Void> unsubscribe(RedisEvents events) {
        programs.remove(events.channel(), events);
        return redis.on(pubsub.async().unsubscribe(events.channel()));
    }
}
