package org.hearthhub.stats;

import java.time.LocalDate;
import java.util.Map;

/**
 * Anonymous daily aggregates for the lead console's charts: counters per day (days without any
 * omitted) and their sums over [from, to].
 */
public record StatsSummary(LocalDate from, LocalDate to, Map<LocalDate, Map<String, Long>> days, Map<String, Long> totals) {
}
