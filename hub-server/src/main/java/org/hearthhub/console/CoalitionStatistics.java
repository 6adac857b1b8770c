package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.stats.StatsSummary;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The coalition admin's anonymous view over a range of days: each program's statistics totals (the counters its lead
 * sees), their sum per day and overall, and how many referrals and transfers went from one program to another. The
 * sharing register is read for counts only: who decided, why and what travelled never leave this class.
 */
final class CoalitionStatistics {
    private final HostedPrograms programs;

    CoalitionStatistics(HostedPrograms programs) {
        this.programs = programs;
    }

    Future<JsonObject> over(StatsRange range) {
        List<HostedProgram> hosted = List.copyOf(programs.all());
        List<Future<StatsSummary>> summaries = hosted.stream().map(p -> p.stats().summary(range.from(), range.to())).toList();
        List<Future<List<SharingEntry>>> sent = hosted.stream().map(p -> sentBy(p, range)).toList();
        return Future.all(Future.all(summaries), Future.all(sent)).map(done -> {
            JsonArray perProgram = new JsonArray();
            Map<LocalDate, Map<String, Long>> days = new TreeMap<>();
            Map<String, Long> totals = new TreeMap<>();
            Map<Between, Long> sharing = new TreeMap<>(Between.ORDER);
            for (int i = 0; i < hosted.size(); i++) {
                StatsSummary s = summaries.get(i).result();
                perProgram.add(new JsonObject().put("id", hosted.get(i).id().value()).put("name", hosted.get(i).program().name())
                        .put("totals", counters(s.totals())));
                s.days().forEach((day, counters) -> counters.forEach((name, n) ->
                        days.computeIfAbsent(day, d -> new TreeMap<>()).merge(name, n, Long::sum)));
                s.totals().forEach((name, n) -> totals.merge(name, n, Long::sum));
                for (SharingEntry e : sent.get(i).result()) {
                    sharing.merge(new Between(e.kind(), e.fromProgram(), e.toProgram()), 1L, Long::sum);
                }
            }
            JsonObject daysOut = new JsonObject();
            days.forEach((day, counters) -> daysOut.put(day.toString(), counters(counters)));
            JsonArray sharingOut = new JsonArray();
            sharing.forEach((key, n) -> sharingOut.add(new JsonObject().put("kind", key.kind()).put("from", key.from())
                    .put("to", key.to()).put("count", n)));
            return new JsonObject().put("from", range.from().toString()).put("to", range.to().toString())
                    .put("programs", perProgram)
                    .put("coalition", new JsonObject().put("days", daysOut).put("totals", counters(totals)))
                    .put("sharing", sharingOut);
        });
    }

    /**
     * The entries of the range a program sent: its own register's lines from it. A line about a sharing it received
     * is the sender's to count, so a sharing both sides recorded is counted once.
     */
    private static Future<List<SharingEntry>> sentBy(HostedProgram program, StatsRange range) {
        List<Future<List<SharingEntry>>> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(range.from()); !m.isAfter(YearMonth.from(range.to())); m = m.plusMonths(1)) {
            months.add(program.register().month(m));
        }
        String own = program.id().value();
        return Future.all(months).map(done -> months.stream().flatMap(f -> f.result().stream())
                .filter(e -> own.equals(e.fromProgram()))
                .filter(e -> {
                    LocalDate day = LocalDate.ofInstant(e.at(), ZoneOffset.UTC);
                    return !day.isBefore(range.from()) && !day.isAfter(range.to());
                }).toList());
    }

    private static JsonObject counters(Map<String, Long> counters) {
        return new JsonObject(new TreeMap<String, Object>(counters));
    }

    /** One sharing line's key: a kind, the sending program, the receiving one (null: a partner outside the hub, last). */
    private record Between(String kind, String from, String to) {
        static final Comparator<Between> ORDER = Comparator.comparing(Between::kind).thenComparing(Between::from)
                .thenComparing(Between::to, Comparator.nullsLast(Comparator.naturalOrder()));
    }
}
