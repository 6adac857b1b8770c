package org.hearthhub.settings;

import io.vertx.core.Future;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.StoreJson;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.sharing.SharingStore;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A program's sharing register in the settings Redis. Keys, under the program's prefix {@code p}:
 * <pre>
 *   p sharing:YYYY-MM  list    sharing register entry JSON of that month (UTC), oldest first (RPUSH only)
 * </pre>
 */
final class RedisSharingRegister implements SharingStore {
    private final RedisEndpoint redis;
    private final StoreJson json;
    private final String prefix;

    RedisSharingRegister(RedisEndpoint redis, String prefix, StoreJson json) {
        this.redis = redis;
        this.json = json;
        this.prefix = prefix;
    }

    /** RPUSH is atomic and the list is never rewritten, so nodes append side by side without a lane. */
    @Override
    public Future<Void> appendSharing(SharingEntry entry) {
        if (entry == null || entry.at() == null) return Future.failedFuture(new IllegalArgumentException("a register entry needs a time"));
        return json.encode(entry)
                .compose(line -> redis.call(r -> r.rpush(monthKey(YearMonth.from(entry.at().atZone(ZoneOffset.UTC))), line)))
                .mapEmpty();
    }

    @Override
    public Future<List<SharingEntry>> sharingEntries(YearMonth month) {
        return redis.call(r -> r.lrange(monthKey(month), 0, -1)).map(lines -> {
            List<SharingEntry> out = new ArrayList<>(lines.size());
            for (String line : lines) out.add(json.decode(line, SharingEntry.class));
            return out;
        });
    }

    private String monthKey(YearMonth month) {
        return prefix + "sharing:" + month;
    }
}
