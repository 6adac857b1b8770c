package org.hearthhub.settings;

import io.vertx.core.Future;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.StoreJson;

import java.util.ArrayList;
import java.util.List;

/** How the settings Redis's parts read a hash of JSON values whole (accounts, programs, partners): one HVALS. */
final class RedisJsonHashes {
    private RedisJsonHashes() {
    }

    /** Every value of the hash, decoded, in no particular order, in a list the caller may sort. */
    static <T> Future<List<T>> values(RedisEndpoint redis, StoreJson json, String key, Class<T> type) {
        return redis.call(r -> r.hvals(key)).map(values -> {
            List<T> out = new ArrayList<>(values.size());
            for (String v : values) out.add(json.decode(v, type));
            return out;
        });
    }
}
