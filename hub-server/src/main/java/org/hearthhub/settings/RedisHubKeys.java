package org.hearthhub.settings;

import io.vertx.core.Future;
import org.hearthhub.redis.RedisEndpoint;

/**
 * The hub's keys in the settings Redis. Key, under the program's prefix {@code p} (the default program's is the hub's):
 * <pre>
 *   p keys             hash    key name → key (base64url)
 * </pre>
 */
final class RedisHubKeys implements HubKeyStore {
    private final RedisEndpoint redis;
    private final String key;

    RedisHubKeys(RedisEndpoint redis, String prefix) {
        this.redis = redis;
        this.key = prefix + "keys";
    }

    /** HSETNX, then the one stored: whichever node set it first, every node reads the same. */
    @Override
    public Future<String> hubKey(String name, String fresh) {
        if (name == null || fresh == null || fresh.isEmpty()) return Future.failedFuture(new IllegalArgumentException("a key needs a name and a value"));
        return redis.call(r -> r.hsetnx(key, name, fresh)).compose(set -> redis.call(r -> r.hget(key, name)));
    }
}
