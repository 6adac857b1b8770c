package org.hearthhub.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.hearthhub.error.Refusal;

/** The days a statistics view covers: given as YYYY-MM-DD (UTC days), by default the last 30, at most 366. */
record StatsRange(LocalDate from, LocalDate to) {
    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;

    static StatsRange lastDays(LocalDate today) {
        return new StatsRange(today.minusDays(DEFAULT_DAYS - 1), today);
    }

    /** Blank ends take their defaults; a bad date, a reversed range or one too long is a 400. */
    static StatsRange parse(String from, String to, LocalDate today) {
        try {
            LocalDate end = blank(to) ? today : LocalDate.parse(to.strip());
            LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1) : LocalDate.parse(from.strip());
            if (start.isAfter(end) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
                throw Refusal.badRequest("error.date", "from must not be after to, and the range at most " + MAX_DAYS + " days");
            }
            return new StatsRange(start, end);
        } catch (DateTimeParseException e) {
            throw Refusal.badRequest("error.date");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
