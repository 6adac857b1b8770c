package org.hearthhub.live;

import java.util.List;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;

import java.time.Duration;

import static org.hearthhub.live.RedisArgs.millis;

/**
 * A program's small expiring values on the live Redis: counters over a window, one-time tickets and marks.
 * Keys, under the program's prefix {@code p}:
 * <pre>
 *   p counter:NAME       string  counter                                          its window
 *   p value:NAME         string  one-time or short-lived value                    its TTL
 * </pre>
 */
final class RedisValues implements ExpiringValueStore {
    private static final LuaScript INCREMENT = LuaScript.load("live/increment.lua");
    private static final LuaScript TAKE_BACK = LuaScript.load("live/take_back.lua");
    private static final LuaScript TAKE_IF = LuaScript.load("live/take_if.lua");

    private final RedisEndpoint redis;
    private final String prefix;

    RedisValues(RedisEndpoint redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public Future<Long> increment(String key, Duration window) {
        return INCREMENT.run(redis, ScriptOutputType.INTEGER, List.of(prefix + "counter:" + key), String.valueOf(millis(window)));
    }

    @Override
    public Future<Void> takeBack(String key) {
        return TAKE_BACK.run(redis, ScriptOutputType.INTEGER, List.of(prefix + "counter:" + key)).mapEmpty();
    }

    @Override
    public Future<Void> resetCounter(String key) {
        return redis.call(r -> r.del(prefix + "counter:" + key)).mapEmpty();
    }

    @Override
    public Future<Void> putExpiring(String key, String value, Duration ttl) {
        return redis.call(r -> r.set(prefix + "value:" + key, value, SetArgs.Builder.px(millis(ttl)))).mapEmpty();
    }

    @Override
    public Future<String> putIfAbsent(String key, String value, Duration ttl) {
        // SET … NX GET (Redis 7): one command sets only if absent and answers what was there.
        return redis.call(r -> r.setGet(prefix + "value:" + key, value, SetArgs.Builder.nx().px(millis(ttl))))
                .map(existing -> existing != null ? existing : value);
    }

    @Override
    public Future<Boolean> takeIf(String key, String expected) {
        return TAKE_IF.<Long>run(redis, ScriptOutputType.INTEGER, List.of(prefix + "value:" + key), expected).map(n -> n == 1);
    }

    @Override
    public Future<String> take(String key) {
        return redis.call(r -> r.getdel(prefix + "value:" + key));
    }

    @Override
    public Future<String> peek(String key) {
        return redis.call(r -> r.get(prefix + "value:" + key));
    }
}
