package org.hearthhub.settings;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.StoreJson;

import java.util.List;

/**
 * The coalition's partner directory in the settings Redis. Key, under the program's prefix {@code p} (the default program's is the hub's):
 * <pre>
 *   p coalitionPartners hash   entry id → partner JSON
 * </pre>
 */
final class RedisCoalitionPartners implements CoalitionPartnerStore {
    private static final LuaScript COALITION_PARTNER_REPLACE = LuaScript.load("settings/coalition_partner_replace.lua");

    private final RedisEndpoint redis;
    private final StoreJson json;
    private final String key;

    RedisCoalitionPartners(RedisEndpoint redis, String prefix, StoreJson json) {
        this.redis = redis;
        this.json = json;
        this.key = prefix + "coalitionPartners";
    }

    @Override
    public Future<List<Partner>> coalitionPartners() {
        return RedisJsonHashes.values(redis, json, key, Partner.class).map(CoalitionPartnerStore::byName);
    }

    @Override
    public Future<Boolean> addCoalitionPartner(Partner partner) {
        if (partner == null) return Future.failedFuture(new IllegalArgumentException("partner must not be null"));
        return json.encode(partner).compose(v -> redis.call(r -> r.hsetnx(key, partner.id(), v)));
    }

    @Override
    public Future<Boolean> replaceCoalitionPartner(Partner partner) {
        if (partner == null) return Future.failedFuture(new IllegalArgumentException("partner must not be null"));
        return json.encode(partner)
                .compose(v -> COALITION_PARTNER_REPLACE.<Long>run(redis, ScriptOutputType.INTEGER, List.of(key), partner.id(), v))
                .map(replaced -> replaced == 1L);
    }

    @Override
    public Future<Boolean> removeCoalitionPartner(String id) {
        if (id == null) return Future.failedFuture(new IllegalArgumentException("id must not be null"));
        return redis.call(r -> r.hdel(key, id)).map(removed -> removed > 0);
    }
}
