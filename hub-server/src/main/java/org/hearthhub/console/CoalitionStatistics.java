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

    /** A program's statistics over the range. */
    record ProgramStats(String id, String name, StatsSummary summary) {
    }

    /** How many sharings of a kind went from one program to another ({@code to} null: a partner outside the hub). */
    record SharingCount(String kind, String from, String to, long count) {
    }

    /** The coalition's view: each program's statistics, their sum, and the sharings between programs. */
    record Summary(StatsSummary coalition, List<ProgramStats> programs, List<SharingCount> sharing) {
        JsonObject toJson() {
            JsonArray perProgram = new JsonArray();
            programs.forEach(p -> perProgram.add(new JsonObject().put("id", p.id()).put("name", p.name())
                    .put("totals", counters(p.summary().totals()))));
            JsonObject days = new JsonObject();
            coalition.days().forEach((day, counters) -> days.put(day.toString(), counters(counters)));
            JsonArray lines = new JsonArray();
            sharing.forEach(c -> lines.add(new JsonObject().put("kind", c.kind()).put("from", c.from()).put("to", c.to())
                    .put("count", c.count())));
            return new JsonObject().put("from", coalition.from().toString()).put("to", coalition.to().toString())
                    .put("programs", perProgram)
                    .put("coalition", new JsonObject().put("days", days).put("totals", counters(coalition.totals())))
                    .put("sharing", lines);
        }
    }

    /**
     * The end of the coalition's default range: the latest of its programs' own todays (each counts days in its own
     * zone), so no program's day so far is left out.
     */
    LocalDate today() {
        return programs.all().stream().map(p -> p.stats().today()).max(Comparator.naturalOrder()).orElseThrow();
    }

    Future<Summary> over(StatsRange range) {
        List<HostedProgram> hosted = List.copyOf(programs.all());
        List<Future<StatsSummary>> summaries = hosted.stream().map(p -> p.stats().summary(range.from(), range.to())).toList();
        List<Future<List<SharingEntry>>> sent = hosted.stream().map(p -> sentBy(p, range)).toList();
        return Future.all(Future.all(summaries), Future.all(sent)).map(done -> {
            List<ProgramStats> perProgram = new ArrayList<>();
            Map<LocalDate, Map<String, Long>> days = new TreeMap<>();
            Map<String, Long> totals = new TreeMap<>();
            Map<Between, Long> sharing = new TreeMap<>(Between.ORDER);
            for (int i = 0; i < hosted.size(); i++) {
                StatsSummary s = summaries.get(i).result();
                perProgram.add(new ProgramStats(hosted.get(i).id().value(), hosted.get(i).program().name(), s));
                s.days().forEach((day, counters) -> counters.forEach((name, n) ->
                        days.computeIfAbsent(day, d -> new TreeMap<>()).merge(name, n, Long::sum)));
                s.totals().forEach((name, n) -> totals.merge(name, n, Long::sum));
                for (SharingEntry e : sent.get(i).result()) {
                    sharing.merge(new Between(e.kind(), e.fromProgram(), e.toProgram()), 1L, Long::sum);
                }
            }
            List<SharingCount> lines = sharing.entrySet().stream()
                    .map(e -> new SharingCount(e.getKey().kind(), e.getKey().from(), e.getKey().to(), e.getValue())).toList();
            return new Summary(new StatsSummary(range.from(), range.to(), days, totals), perProgram, lines);
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
