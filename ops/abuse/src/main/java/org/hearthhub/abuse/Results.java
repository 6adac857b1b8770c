package org.hearthhub.abuse;

import org.hearthhub.loadtest.Tally;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The measures of one scenario in the order taken, and the table they are printed in. */
final class Results {
    record Row(String scenario, String measure, String value) {
    }

    private final String scenario;
    private final PrintStream out;
    private final List<Row> rows = new ArrayList<>();

    /** @param out where each measure is also printed as it is taken, so a long run shows progress */
    Results(String scenario, PrintStream out) {
        this.scenario = scenario;
        this.out = out;
    }

    synchronized void add(String measure, String value) {
        Row row = new Row(scenario, measure, value);
        rows.add(row);
        out.printf("  %-44s %s%n", measure, value);
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Counts as the tables show them, most frequent first: {@code started ×10, rate_limited ×2}. */
    static String counts(Tally tally) {
        if (tally.total() == 0) return "none";
        return tally.snapshot().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format("%,.0f MiB", bytes / 1048576.0);
    }

    static String kb(long bytes) {
        return String.format("%,.1f KB", bytes / 1000.0);
    }

    static void print(PrintStream out, List<Row> rows) {
        int s = Math.max(8, rows.stream().mapToInt(r -> r.scenario().length()).max().orElse(0));
        int m = Math.max(7, rows.stream().mapToInt(r -> r.measure().length()).max().orElse(0));
        out.printf("%-" + s + "s  %-" + m + "s  %s%n", "scenario", "measure", "result");
        for (Row r : rows) out.printf("%-" + s + "s  %-" + m + "s  %s%n", r.scenario(), r.measure(), r.value());
    }

    /** The rows as a Markdown table with an empty column left for the next run (docs/benchmark-history.md, "Every measure, as the harness printed it"). */
    static void markdown(PrintStream out, List<Row> rows, String column) {
        out.println("| scenario | measure | " + column + " | after |");
        out.println("|---|---|---|---|");
        for (Row r : rows) out.println("| " + r.scenario() + " | " + r.measure() + " | " + r.value().replace("|", "\\|") + " | |");
    }
}
