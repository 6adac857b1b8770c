package org.hearthhub.stats;

import io.vertx.core.Future;

import java.time.LocalDate;
import java.util.Map;

/** Counts per day (chats started, ended by reason, durations in buckets): the only trace chats leave. */
public interface DailyCounterStore {

    /** Adds each increment to the named counters of that day (creating them at zero). */
    Future<Void> addDailyCounters(LocalDate day, Map<String, Long> increments);

    /** Counters per day, for days in [from, to], days without counters omitted. */
    Future<Map<LocalDate, Map<String, Long>>> dailyCounters(LocalDate from, LocalDate to);
}
