package org.hearthhub.console;

import org.hearthhub.chat.EndReason;
import org.hearthhub.stats.DurationBucket;
import org.hearthhub.stats.StatsSummary;

import org.hearthhub.i18n.Languages;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Column charts of the daily aggregates, laid out here and drawn by the stats template as inline SVG
 * (no script, no chart library). Every chart carries the same numbers as a table for screen readers.
 */
public final class StatsCharts {
    /*
     * The SVG scales to its card (about 380 px wide on a laptop, 330 on a phone), so sizes here are in
     * viewBox units: 16-unit axis text reads at about 10-11 px on screen. Two lines of column labels fit
     * below the axis.
     */
    static final int WIDTH = 560;
    static final int HEIGHT = 250;
    private static final double LEFT = 62;
    private static final double RIGHT = WIDTH - 8;
    private static final double TOP = 12;
    private static final double BOTTOM = HEIGHT - 46;
    private static final int MAX_X_LABELS = 10;
    /** Average width of a character of axis text, in viewBox units (16-unit sans-serif). */
    private static final double CHAR_WIDTH = 9.5;
    /** At most this many ticks on the value axis, at whole numbers for counts. */
    private static final int MAX_TICKS = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    /** One coloured part of a column; {@code cls} picks its colour from the stylesheet. */
    public record Segment(String cls, double y, double height, String title) {
    }

    /** {@code labelLines}: the label, broken in two when it would not fit under its column. */
    public record Column(String label, List<String> labelLines, boolean showLabel, double x, double width, double labelX,
                         List<Segment> segments) {
    }

    public record Tick(double y, String label) {
    }

    public record Legend(String cls, String label) {
    }

    public record Chart(String id, String title, int width, int height, double left, double right, double bottom,
                        List<Column> columns, List<Tick> ticks, List<Legend> legend,
                        List<String> headers, List<List<String>> rows, boolean empty) {
    }

    /** A series: its legend text, colour class and value per column. */
    private record Series(String cls, String label, Function<Integer, Double> value) {
    }

    private final Map<String, String> t;

    StatsCharts(Map<String, String> texts) {
        this.t = texts;
    }

    List<Chart> all(StatsSummary s) {
        return List.of(contactsPerDay(s), abandonedPerDay(s), buckets(s, "wait", "stats.chart.wait"),
                buckets(s, "duration", "stats.chart.duration"), byLanguage(s), ratings(s), endReasons(s));
    }

    /** Headline numbers over the whole range. */
    Map<String, String> headline(StatsSummary s) {
        long contacts = total(s.totals(), "contacts.");
        long abandoned = s.totals().getOrDefault("abandoned", 0L);
        long ratings = 0;
        long ratingSum = 0;
        for (int r = 1; r <= 5; r++) {
            long n = s.totals().getOrDefault("feedback.rating." + r, 0L);
            ratings += n;
            ratingSum += n * r;
        }
        long yes = s.totals().getOrDefault("feedback.helped.yes", 0L);
        long no = s.totals().getOrDefault("feedback.helped.no", 0L);
        return Map.of(
                "contacts", Long.toString(contacts),
                "abandonedRate", contacts == 0 ? "–" : percent(abandoned, contacts),
                "averageRating", ratings == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.1f", (double) ratingSum / ratings),
                "helped", yes + no == 0 ? "–" : percent(yes, yes + no));
    }

    private Chart contactsPerDay(StatsSummary s) {
        List<LocalDate> days = days(s);
        List<String> labels = days.stream().map(DAY::format).toList();
        List<Series> series = List.of(
                new Series("web", t.get("stats.channel.web"), i -> count(s, days.get(i), "contacts.web")),
                new Series("sms", t.get("stats.channel.sms"), i -> count(s, days.get(i), "contacts.sms")));
        return chart("contacts", t.get("stats.chart.contacts"), labels, series, false);
    }

    private Chart abandonedPerDay(StatsSummary s) {
        List<LocalDate> days = days(s);
        List<String> labels = days.stream().map(DAY::format).toList();
        List<Series> series = List.of(new Series("abandoned", t.get("stats.abandoned_rate"), i -> {
            double all = count(s, days.get(i), "contacts.web") + count(s, days.get(i), "contacts.sms");
            return all == 0 ? 0 : 100.0 * count(s, days.get(i), "abandoned") / all;
        }));
        return chart("abandoned", t.get("stats.chart.abandoned"), labels, series, true);
    }

    private Chart buckets(StatsSummary s, String prefix, String titleKey) {
        DurationBucket[] all = DurationBucket.values();
        List<String> labels = new ArrayList<>();
        for (DurationBucket b : all) labels.add(t.get("stats.bucket." + b.key()));
        List<Series> series = List.of(new Series(prefix, t.get("stats.conversations"),
                i -> (double) s.totals().getOrDefault(prefix + "." + all[i].key(), 0L)));
        return chart(prefix, t.get(titleKey), labels, series, false);
    }

    private Chart byLanguage(StatsSummary s) {
        List<Map.Entry<String, Long>> langs = s.totals().entrySet().stream().filter(e -> e.getKey().startsWith("lang."))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).toList();
        List<String> labels = langs.stream().map(e -> {
            String code = e.getKey().substring("lang.".length());
            return t.getOrDefault("stats.lang." + code, Languages.supported(code) ? Languages.of(code).name() : code);
        }).toList();
        List<Series> series = List.of(new Series("lang", t.get("stats.conversations"), i -> (double) langs.get(i).getValue()));
        return chart("languages", t.get("stats.chart.languages"), labels, series, false);
    }

    private Chart ratings(StatsSummary s) {
        List<String> labels = List.of("1", "2", "3", "4", "5");
        List<Series> series = List.of(new Series("rating", t.get("stats.answers"),
                i -> (double) s.totals().getOrDefault("feedback.rating." + (i + 1), 0L)));
        return chart("ratings", t.get("stats.chart.ratings"), labels, series, false);
    }

    private Chart endReasons(StatsSummary s) {
        List<String> reasons = Arrays.stream(EndReason.values()).map(EndReason::wire).toList();
        List<String> labels = reasons.stream().map(r -> t.get("stats.end." + r)).toList();
        List<Series> series = List.of(new Series("end", t.get("stats.conversations"),
                i -> (double) s.totals().getOrDefault("end." + reasons.get(i), 0L)));
        return chart("ends", t.get("stats.chart.ends"), labels, series, false);
    }

    private Chart chart(String id, String title, List<String> labels, List<Series> series, boolean percent) {
        int n = labels.size();
        double max = 0;
        for (int i = 0; i < n; i++) {
            double stack = 0;
            for (Series ser : series) stack += ser.value().apply(i);
            max = Math.max(max, stack);
        }
        double step = percent ? 50 : tickStep(max);
        double top = percent ? 100 : step * Math.max(1, Math.ceil(max / step));
        double slot = n == 0 ? 0 : (RIGHT - LEFT) / n;
        int every = Math.max(1, (int) Math.ceil(n / (double) MAX_X_LABELS));
        List<Column> columns = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double base = BOTTOM;
            List<Segment> segments = new ArrayList<>();
            List<String> row = new ArrayList<>();
            row.add(labels.get(i));
            for (Series ser : series) {
                double v = ser.value().apply(i);
                String shown = percent ? round1(v) + " %" : Long.toString(Math.round(v));
                row.add(shown);
                if (v <= 0) continue;
                double h = (BOTTOM - TOP) * v / top;
                base -= h;
                segments.add(new Segment(ser.cls(), round1(base), round1(h), labels.get(i) + " · " + ser.label() + ": " + shown));
            }
            columns.add(new Column(labels.get(i), labelLines(labels.get(i), slot * every), i % every == 0,
                    round1(LEFT + i * slot + slot * 0.15), round1(slot * 0.7), round1(LEFT + i * slot + slot / 2), segments));
            rows.add(row);
        }
        List<Tick> ticks = new ArrayList<>();
        for (double v = 0; v <= top + 1e-9; v += step) {
            ticks.add(new Tick(round1(BOTTOM - (BOTTOM - TOP) * v / top), format(v, percent)));
        }
        List<Legend> legend = series.size() > 1 ? series.stream().map(x -> new Legend(x.cls(), x.label())).toList() : List.of();
        List<String> headers = new ArrayList<>();
        headers.add("");
        series.forEach(x -> headers.add(x.label()));
        return new Chart(id, title, WIDTH, HEIGHT, LEFT, RIGHT, BOTTOM, columns, ticks, legend, headers, rows, max == 0);
    }

    private static List<LocalDate> days(StatsSummary s) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = s.from(); !d.isAfter(s.to()); d = d.plusDays(1)) out.add(d);
        return out;
    }

    private static double count(StatsSummary s, LocalDate day, String counter) {
        Map<String, Long> c = s.days().get(day);
        return c == null ? 0 : c.getOrDefault(counter, 0L);
    }

    private static long total(Map<String, Long> totals, String prefix) {
        return totals.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * The distance between value ticks for counts: 1, 2 or 5 times a power of ten, at least 1 (a count
     * axis never shows 2.5), and few enough that at most {@link #MAX_TICKS} ticks reach the top.
     */
    static double tickStep(double max) {
        double step = 1;
        while (Math.ceil(max / step) + 1 > MAX_TICKS) {
            double power = Math.pow(10, Math.floor(Math.log10(step)));
            double mantissa = Math.round(step / power);
            step = mantissa == 1 ? 2 * power : mantissa == 2 ? 5 * power : 10 * power;
        }
        return step;
    }

    /** The label on one line when it fits the width, else broken at the space nearest its middle. */
    static List<String> labelLines(String label, double width) {
        if (label.length() * CHAR_WIDTH <= width * 0.9 || !label.contains(" ")) return List.of(label);
        int middle = label.length() / 2;
        int best = -1;
        for (int i = 0; i < label.length(); i++) {
            if (label.charAt(i) == ' ' && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i;
        }
        return List.of(label.substring(0, best), label.substring(best + 1));
    }

    private static String format(double v, boolean percent) {
        String s = v == Math.rint(v) ? Long.toString((long) v) : round1(v) + "";
        return percent ? s + " %" : s;
    }

    private static String percent(long part, long whole) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
