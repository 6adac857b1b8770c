package org.hearthhub.live;

import io.lettuce.core.GetExArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import org.hearthhub.model.StaffSession;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.StoreJson;

import java.time.Duration;
import java.util.List;

import static org.hearthhub.live.RedisArgs.millis;

/**
 * A program's staff console sessions on the live Redis, and each user's list of them. Keys, under the
 * program's prefix {@code p}:
 * <pre>
 *   p session:HASH               string  staff session JSON                        idle timeout, sliding
 *   p value:user-sessions:NAME   string  the user's session hashes, comma-         the list's ttl after its
 *                                        separated, newest last                    latest addition
 * </pre>
 */
final class RedisSessions implements SessionStore {
    private static final LuaScript INDEX_USER_SESSION = LuaScript.load("live/index_user_session.lua");

    private final RedisEndpoint redis;
    private final String prefix;
    private final StoreJson json = new StoreJson("live Redis");

    RedisSessions(RedisEndpoint redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public Future<Void> putSession(String sessionHash, StaffSession session, Duration idleTtl) {
        return json.encode(session).compose(value -> redis.call(r -> r.set(sessionKey(sessionHash), value,
                SetArgs.Builder.px(millis(idleTtl))))).mapEmpty();
    }

    @Override
    public Future<StaffSession> touchSession(String sessionHash, Duration idleTtl) {
        return redis.call(r -> r.getex(sessionKey(sessionHash), GetExArgs.Builder.px(millis(idleTtl))))
                .map(v -> v == null ? null : json.decode(v, StaffSession.class));
    }

    @Override
    public Future<Void> removeSession(String sessionHash) {
        return redis.call(r -> r.del(sessionKey(sessionHash))).mapEmpty();
    }

    @Override
    public Future<StaffSession> peekSession(String sessionHash) {
        return redis.call(r -> r.get(sessionKey(sessionHash))).map(v -> v == null ? null : json.decode(v, StaffSession.class));
    }

    @Override
    public Future<List<String>> indexUserSession(String username, String sessionHash, int keep, Duration ttl) {
        return INDEX_USER_SESSION.<List<Object>>run(redis, ScriptOutputType.MULTI, List.of(prefix + "value:user-sessions:" + username), prefix, sessionHash,
                String.valueOf(keep), String.valueOf(millis(ttl))).map(ended -> ended.stream().map(String::valueOf).toList());
    }

    @Override
    public Future<List<String>> takeUserSessions(String username) {
        return redis.call(r -> r.getdel(prefix + "value:user-sessions:" + username))
                .map(v -> v == null || v.isEmpty() ? List.of() : List.of(v.split(",")));
    }

    @Override
    public Future<List<String>> userSessions(String username) {
        return redis.call(r -> r.get(prefix + "value:user-sessions:" + username))
                .map(v -> v == null || v.isEmpty() ? List.of() : List.of(v.split(",")));
    }

    private String sessionKey(String sessionHash) {
        return prefix + "session:" + sessionHash;
    }
}
