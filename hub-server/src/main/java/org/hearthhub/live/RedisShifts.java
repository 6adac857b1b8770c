package org.hearthhub.live;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.hearthhub.model.Shift;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.StoreJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

/**
 * Who is on shift in a program, on the live Redis. Key, under the program's prefix {@code p}:
 * <pre>
 *   p shifts             hash    username → shift JSON                            max life, kept alive by running nodes
 * </pre>
 */
final class RedisShifts implements ShiftStore {
    /** Logged as the live store, as before it was split: operators' log filters name it. */
    private static final Logger LOG = Logger.getLogger(RedisLiveStore.class.getName());
    private static final LuaScript HASH_PUT = LuaScript.load("live/hash_put.lua");
    private static final LuaScript REMOVE_SHIFT_IF_IDLE = LuaScript.load("live/remove_shift_if_idle.lua");

    private final RedisEndpoint redis;
    private final String prefix;
    private final long ttlMillis;
    private final String ttl;
    private final StoreJson json = new StoreJson("live Redis");

    RedisShifts(RedisEndpoint redis, String prefix, long ttlMillis) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttlMillis = ttlMillis;
        this.ttl = String.valueOf(ttlMillis);
    }

    @Override
    public Future<Void> putShift(Shift shift) {
        return json.encode(shift).compose(value -> HASH_PUT.<Long>run(redis, ScriptOutputType.INTEGER, List.of(shiftsKey()), shift.username(),
                value, ttl)).mapEmpty();
    }

    @Override
    public Future<Boolean> removeShiftIfIdle(String username) {
        return REMOVE_SHIFT_IF_IDLE.<Long>run(redis, ScriptOutputType.INTEGER, List.of(prefix + "active", shiftsKey()), prefix, username).map(removed -> removed == 1L);
    }

    @Override
    public Future<List<Shift>> shifts() {
        return redis.call(r -> r.hvals(shiftsKey())).map(values -> {
            List<Shift> out = new ArrayList<>(values.size());
            for (String v : values) out.add(json.decode(v, Shift.class));
            out.sort(Comparator.comparing(Shift::since).thenComparing(Shift::username));
            return out;
        });
    }

    /** Shifts outlast any one conversation: running nodes renew them, a dead deployment lets them expire. */
    void keepAlive() {
        redis.call(r -> r.pexpire(shiftsKey(), ttlMillis))
                .onFailure(e -> LOG.fine("shift keep-alive skipped: " + e.getClass().getSimpleName()));
    }

    private String shiftsKey() {
        return prefix + "shifts";
    }
}
