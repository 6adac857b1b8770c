package org.hearthhub.live;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;

import java.time.Instant;
import java.util.List;

import static org.hearthhub.live.RedisArgs.millis;

/**
 * Whether the survivors of a program's live conversations are connected, counted on the live Redis over
 * every node's sockets. Keys, under the program's prefix {@code p}:
 * <pre>
 *   p conv:ID            hash    (field sockets) the survivor's open connections  the deadline of its conversation
 *   p away               hash    id → epoch ms its survivor's last connection     re-armed on each write
 *                                closed
 * </pre>
 */
final class RedisPresence implements PresenceStore {
    private static final LuaScript SURVIVOR_CONNECTED = LuaScript.load("live/survivor_connected.lua");
    private static final LuaScript SURVIVOR_DISCONNECTED = LuaScript.load("live/survivor_disconnected.lua");
    private static final LuaScript AWAY_BEFORE = LuaScript.load("live/away_before.lua");

    private final RedisEndpoint redis;
    private final String prefix;
    private final String ttl;

    RedisPresence(RedisEndpoint redis, String prefix, String ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
    }

    @Override
    public Future<Boolean> survivorConnected(String id) {
        return SURVIVOR_CONNECTED.<Long>run(redis, ScriptOutputType.INTEGER, List.of(prefix + "conv:" + id, prefix + "away"), id).map(wasAway -> wasAway == 1L);
    }

    @Override
    public Future<Boolean> survivorDisconnected(String id, Instant at) {
        return SURVIVOR_DISCONNECTED.<Long>run(redis, ScriptOutputType.INTEGER, List.of(prefix + "conv:" + id, prefix + "away"), id, millis(at), ttl)
                .map(becameAway -> becameAway == 1L);
    }

    @Override
    public Future<Instant> awaySince(String id) {
        return redis.call(r -> r.hget(prefix + "away", id)).map(ms -> ms == null ? null : Instant.ofEpochMilli(Long.parseLong(ms)));
    }

    @Override
    public Future<List<String>> awayBefore(Instant awayBefore) {
        return AWAY_BEFORE.run(redis, ScriptOutputType.MULTI, List.of(prefix + "away"), prefix, millis(awayBefore));
    }
}
