package org.hearthhub.settings;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.stats.DailyCounterStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A program's daily counters in the settings Redis. Keys, under the program's prefix {@code p}:
 * <pre>
 *   p stats:DAY        hash    counter name → count for that day (HINCRBY)
 * </pre>
 */
final class RedisDailyCounters implements DailyCounterStore {
    private static final LuaScript ADD_COUNTERS = LuaScript.load("settings/add_counters.lua");

    private final RedisEndpoint redis;
    private final String prefix;

    RedisDailyCounters(RedisEndpoint redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public Future<Void> addDailyCounters(LocalDate day, Map<String, Long> increments) {
        if (day == null || increments == null) {
            return Future.failedFuture(new IllegalArgumentException("day and increments must not be null"));
        }
        if (increments.isEmpty()) return Future.succeededFuture();
        List<String> args = new ArrayList<>(2 * increments.size());
        increments.forEach((name, n) -> {
            args.add(name);
            args.add(String.valueOf(n));
        });
        return ADD_COUNTERS.<Long>run(redis, ScriptOutputType.INTEGER, List.of(dayKey(day)), args.toArray(String[]::new)).mapEmpty();
    }

    @Override
    public Future<Map<LocalDate, Map<String, Long>>> dailyCounters(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) days.add(d);
        List<Future<Map<String, String>>> reads = days.stream().map(d -> redis.call(r -> r.hgetall(dayKey(d)))).toList();
        return Future.all(reads).map(all -> {
            Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
            for (int i = 0; i < days.size(); i++) {
                Map<String, String> raw = reads.get(i).result();
                if (raw.isEmpty()) continue;
                Map<String, Long> counters = new TreeMap<>();
                raw.forEach((name, n) -> counters.put(name, Long.parseLong(n)));
                out.put(days.get(i), counters);
            }
            return out;
        });
    }

    private String dayKey(LocalDate day) {
        return prefix + "stats:" + day;
    }
}
