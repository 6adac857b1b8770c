package org.hearthhub.live;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;

import java.util.List;

/**
 * A program's recent queue waits on the live Redis, for the wait estimate. Key, under the program's prefix {@code p}:
 * <pre>
 *   p waits              list    last queue waits (seconds)                       max life
 * </pre>
 */
final class RedisWaits implements WaitStore {
    private static final int RECENT_WAITS_KEPT = 20;
    private static final LuaScript RECORD_WAIT = LuaScript.load("live/record_wait.lua");

    private final RedisEndpoint redis;
    private final String key;
    private final String ttl;

    RedisWaits(RedisEndpoint redis, String prefix, String ttl) {
        this.redis = redis;
        this.key = prefix + "waits";
        this.ttl = ttl;
    }

    @Override
    public Future<Void> recordWait(long seconds) {
        return RECORD_WAIT.<Long>run(redis, ScriptOutputType.INTEGER, List.of(key), String.valueOf(seconds),
                String.valueOf(RECENT_WAITS_KEPT), ttl).mapEmpty();
    }

    @Override
    public Future<List<Long>> recentWaits() {
        return redis.call(r -> r.lrange(key, 0, -1)).map(list -> list.stream().map(Long::parseLong).toList());
    }
}
