package org.hearthhub.hours;

import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.Holiday;
import org.hearthhub.settings.ProgramSettings.WeeklySlot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the program is open, from its weekly slots, holidays and time zone. A slot whose close is
 * before its open runs past midnight into the next day; a close of 00:00 means the end of the day
 * ("24:00" is not a LocalTime). A holiday closes the whole local date, including the early hours of
 * a slot that began the evening before.
 */
public final class OpeningHours {
    private static final int SEARCH_DAYS = 14;
    /** "UTC", not ZoneOffset.UTC: its id ("Z") goes to the widget, whose Intl calls want a zone name. */
    private static final ZoneId UTC = ZoneId.of("UTC");

    private OpeningHours() {
    }

    public static boolean isOpen(ProgramSettings s, Instant now) {
        if (s.weeklyHours() == null) return true;
        ZoneId zone = zone(s);
        LocalDate date = now.atZone(zone).toLocalDate();
        if (isHoliday(s, date)) return false;
        for (WeeklySlot slot : s.weeklyHours()) {
            // today's occurrence, or yesterday's when it runs past midnight
            for (LocalDate day : List.of(date, date.minusDays(1))) {
                if (slot.day() == day.getDayOfWeek().getValue() && within(slot, day, zone, now)) return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code now} is inside the occurrence of {@code slot} that opens on {@code day}, taken as instants: where
     * the clocks go back, a time read twice counts the first time (a slot closing at 01:30 does not open again when
     * 01:00 comes round a second time, and one opening at 01:30 does not close then); a time they skip counts from
     * when they jump.
     */
    private static boolean within(WeeklySlot slot, LocalDate day, ZoneId zone, Instant now) {
        boolean pastMidnight = slot.close().equals(LocalTime.MIDNIGHT) || slot.close().isBefore(slot.open());
        LocalDateTime close = (pastMidnight ? day.plusDays(1) : day).atTime(slot.close());
        return !now.isBefore(instantOf(day.atTime(slot.open()), zone)) && now.isBefore(instantOf(close, zone));
    }

    /**
     * When the program next opens (now, if it is open), looking up to two weeks of days without a holiday ahead: the
     * holidays' own days are passed over, so a closure of several weeks still has a reopening. Openings can only begin
     * at a slot's open time or at midnight (when a holiday ends), so those are the candidates.
     */
    public static Optional<Instant> nextOpening(ProgramSettings s, Instant now) {
        if (isOpen(s, now)) return Optional.of(now);
        ZoneId zone = zone(s);
        Set<LocalDate> closed = new HashSet<>();
        if (s.holidays() != null) s.holidays().forEach(h -> closed.add(h.date()));
        LocalDate date = now.atZone(zone).toLocalDate();
        // the set of holidays is finite, so this ends
        for (int days = 0; days <= SEARCH_DAYS; date = date.plusDays(1)) {
            if (closed.contains(date)) continue;
            days++;
            List<Instant> candidates = new ArrayList<>();
            candidates.add(date.atStartOfDay(zone).toInstant());
            for (WeeklySlot slot : s.weeklyHours()) {
                if (slot.day() == date.getDayOfWeek().getValue()) candidates.add(instantOf(date.atTime(slot.open()), zone));
            }
            // every candidate of a day comes before those of the next, so the first day with one is the answer
            Optional<Instant> first = candidates.stream().filter(t -> t.isAfter(now) && isOpen(s, t)).min(Instant::compareTo);
            if (first.isPresent()) return first;
        }
        return Optional.empty();
    }

    /**
     * A wall-clock time as an instant: one in a spring-forward gap is when the clocks jump, not an hour later; one in
     * the repeated hour of a fall-back is its first passing (the earlier offset).
     */
    private static Instant instantOf(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        return transition != null && transition.isGap() ? transition.getInstant() : local.atZone(zone).toInstant();
    }

    /** Checks what a lead saved before it is stored; messages name the problem for the console form. */
    public static void validate(ProgramSettings s) {
        if (ProgramSettings.knownZone(s.timeZone()).isEmpty()) {
            throw new IllegalArgumentException("time zone '" + s.timeZone()
                    + "' is not a known zone; use an IANA name such as America/Chicago");
        }
        if (s.holidays() == null) throw new IllegalArgumentException("holidays must be a list (empty for none)");
        for (Holiday h : s.holidays()) {
            if (h == null || h.date() == null) throw new IllegalArgumentException("every holiday needs a date");
        }
        if (s.weeklyHours() == null) return;
        for (WeeklySlot slot : s.weeklyHours()) {
            if (slot == null || slot.open() == null || slot.close() == null) {
                throw new IllegalArgumentException("every opening slot needs a day, an open time and a close time");
            }
            if (slot.day() < 1 || slot.day() > 7) {
                throw new IllegalArgumentException("slot day must be 1 (Monday) to 7 (Sunday), got " + slot.day());
            }
            if (slot.open().equals(slot.close()) && !slot.open().equals(LocalTime.MIDNIGHT)) {
                throw new IllegalArgumentException("slot on day " + slot.day() + " opens and closes at " + slot.open()
                        + "; use 00:00-00:00 for the whole day");
            }
        }
    }

    /**
     * How the next opening reads to someone in the program's own zone: {@code today}, {@code tomorrow},
     * or null for a later day (then the widget names the weekday and date).
     */
    public static String openingDay(ProgramSettings s, Instant now, Instant opening) {
        ZoneId zone = zone(s);
        long days = java.time.temporal.ChronoUnit.DAYS.between(now.atZone(zone).toLocalDate(), opening.atZone(zone).toLocalDate());
        return days == 0 ? "today" : days == 1 ? "tomorrow" : null;
    }

    /**
     * The zone the hours are read in: UTC when the stored one is unknown to this JVM (CurrentSettings logs it), so a
     * broken setting never turns a survivor away; only a lead's save is refused for it ({@link #validate}).
     */
    public static ZoneId zone(ProgramSettings s) {
        return ProgramSettings.knownZone(s.timeZone()).orElse(UTC);
    }

    private static boolean isHoliday(ProgramSettings s, LocalDate date) {
        return s.holidays() != null && s.holidays().stream().anyMatch(h -> date.equals(h.date()));
    }
}
