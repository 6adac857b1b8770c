package org.hearthhub.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.hearthhub.error.Refusal;

/** The days a statistics view covers: given as YYYY-MM-DD (the program's calendar days), by default the last 30, at most 366. */
record StatsRange(LocalDate from, LocalDate to) {
    private static final Pattern YMD = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;

    static StatsRange lastDays(LocalDate today) {
        return new StatsRange(today.minusDays(DEFAULT_DAYS - 1), today);
    }

    /** Blank ends take their defaults; a bad date, a reversed range or one too long is a 400. */
    static StatsRange parse(String from, String to, LocalDate today) {
        try {
            LocalDate end = blank(to) ? today : date(to);
            LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1) : date(from);
            if (start.isAfter(end) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
                throw Refusal.badRequest("error.date", "from must not be after to, and the range at most " + MAX_DAYS + " days");
            }
            return new StatsRange(start, end);
        } catch (DateTimeParseException e) {
            throw Refusal.badRequest("error.date");
        }
    }

    /**
     * YYYY-MM-DD with a four-digit year, as the form and the message say: ISO's signed years (+999999999-12-31) would
     * reach the end of the calendar, where walking the range's days and months fails as a server error.
     */
    private static LocalDate date(String text) {
        String s = text.strip();
        if (!YMD.matcher(s).matches()) throw new DateTimeParseException("not YYYY-MM-DD", s, 0);
        return LocalDate.parse(s);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
