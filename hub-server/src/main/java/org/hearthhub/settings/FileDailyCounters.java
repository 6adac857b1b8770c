package org.hearthhub.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import org.hearthhub.stats.DailyCounterStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/** The file store's daily counters: {@code stats/YYYY-MM.json}, day → counter → count, rewritten atomically, in the store's lane. */
final class FileDailyCounters implements DailyCounterStore {
    private static final TypeReference<TreeMap<LocalDate, TreeMap<String, Long>>> MONTH_COUNTERS = new TypeReference<>() {
    };

    private final FileLane lane;
    private final ObjectMapper json;
    private final Path dir;

    FileDailyCounters(FileLane lane, ObjectMapper json, Path root) {
        this.lane = lane;
        this.json = json;
        this.dir = root.resolve("stats");
    }

    @Override
    public Future<Void> addDailyCounters(LocalDate day, Map<String, Long> increments) {
        if (day == null || increments == null) {
            return Future.failedFuture(new IllegalArgumentException("day and increments must not be null"));
        }
        return lane.io(() -> {
            Path file = monthFile(YearMonth.from(day));
            TreeMap<LocalDate, TreeMap<String, Long>> month = readMonth(file);
            TreeMap<String, Long> counters = month.computeIfAbsent(day, d -> new TreeMap<>());
            increments.forEach((name, n) -> counters.merge(name, n, Long::sum));
            JsonFiles.replace(json, file, month);
            return null;
        });
    }

    @Override
    public Future<Map<LocalDate, Map<String, Long>>> dailyCounters(LocalDate from, LocalDate to) {
        return lane.io(() -> {
            Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
            for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                readMonth(monthFile(m)).forEach((day, counters) -> {
                    if (!day.isBefore(from) && !day.isAfter(to)) out.put(day, counters);
                });
            }
            return out;
        });
    }

    private TreeMap<LocalDate, TreeMap<String, Long>> readMonth(Path file) throws IOException {
        return JsonFiles.read(json, file, MONTH_COUNTERS, TreeMap::new);
    }

    private Path monthFile(YearMonth month) {
        return dir.resolve(month + ".json");
    }
}
