package org.hearthhub.stats;

import io.vertx.core.Future;
import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns ended conversations and feedback into daily counters, on the program's own calendar days. Only counts are
 * kept, never a row per contact, so the statistics cannot be traced back to a survivor.
 */
public class DailyStatistics {
    private final DailyCounterStore store;
    private final Clock clock;
    private final Supplier<ZoneId> zone;

    /**
     * @param zone the program's time zone as its settings say now, asked at each count: a lead's change of zone
     *             applies from then on, and days already counted stay where they were (only their totals are kept)
     */
    public DailyStatistics(DailyCounterStore store, Clock clock, Supplier<ZoneId> zone) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    /** The zone the program's days are counted in now, for pages that say so. */
    public ZoneId zone() {
        return zone.get();
    }

    /** The program's calendar day now: the end of a statistics view's default range. */
    public LocalDate today() {
        return day(clock.instant());
    }

    public Future<Void> recordEnded(Conversation c, EndReason reason, Instant endedAt) {
        Map<String, Long> counters = new HashMap<>();
        counters.put("contacts." + c.channel().wire(), 1L);
        counters.put("lang." + languageKey(c.lang()), 1L);
        counters.put("end." + reason.wire(), 1L);
        if (c.assignedAt() == null) {
            counters.put("abandoned", 1L);
        } else {
            counters.put("wait." + DurationBucket.of(Duration.between(c.createdAt(), c.assignedAt())).key(), 1L);
            counters.put("duration." + DurationBucket.of(Duration.between(c.assignedAt(), endedAt)).key(), 1L);
        }
        if (c.channel() == Channel.PHONE) countCall(c, endedAt, counters);
        return store.addDailyCounters(day(endedAt), counters);
    }

    /** Calls by language and outcome, and their own waits and lengths: answered, or abandoned while queued. */
    private static void countCall(Conversation c, Instant endedAt, Map<String, Long> counters) {
        counters.put("phone.lang." + languageKey(c.lang()), 1L);
        if (c.assignedAt() == null) {
            counters.put("phone.abandoned", 1L);
            counters.put("phone.abandoned_after." + DurationBucket.of(Duration.between(c.createdAt(), endedAt)).key(), 1L);
        } else {
            counters.put("phone.answered", 1L);
            counters.put("phone.wait." + DurationBucket.of(Duration.between(c.createdAt(), c.assignedAt())).key(), 1L);
            counters.put("phone.duration." + DurationBucket.of(Duration.between(c.assignedAt(), endedAt)).key(), 1L);
        }
    }

    /**
     * A call that reached no queue: the line was closed ({@code phone.after_hours}) or nobody on shift could take
     * calls ({@code phone.unstaffed}). Counted by language; the call itself leaves nothing.
     */
    public Future<Void> recordUnansweredCall(String lang, boolean closed) {
        return store.addDailyCounters(day(clock.instant()),
                Map.of("phone.lang." + languageKey(lang), 1L, closed ? "phone.after_hours" : "phone.unstaffed", 1L));
    }

    public Future<Void> recordFeedback(int rating, boolean helped) {
        if (rating < 1 || rating > 5) {
            return Future.failedFuture(new IllegalArgumentException("rating must be 1 to 5 (got " + rating + ")"));
        }
        return store.addDailyCounters(day(clock.instant()),
                Map.of("feedback.rating." + rating, 1L, "feedback.helped." + (helped ? "yes" : "no"), 1L));
    }

    public Future<StatsSummary> summary(LocalDate from, LocalDate to) {
        if (from == null || to == null || from.isAfter(to)) {
            return Future.failedFuture(new IllegalArgumentException("summary needs from <= to (got " + from + " to " + to + ")"));
        }
        return store.dailyCounters(from, to).map(days -> {
            Map<String, Long> totals = new TreeMap<>();
            days.values().forEach(counters -> counters.forEach((name, n) -> totals.merge(name, n, Long::sum)));
            return new StatsSummary(from, to, days, totals);
        });
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone.get());
    }

    /** Keeps counter names bounded: the language tag comes from the survivor's client. */
    private static String languageKey(String lang) {
        return lang != null && lang.matches("[a-z]{2,3}") ? lang : "other";
    }
}
