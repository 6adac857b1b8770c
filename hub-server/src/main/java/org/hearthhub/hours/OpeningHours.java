package org.hearthhub.hours;

import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.Holiday;
import org.hearthhub.settings.ProgramSettings.WeeklySlot;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the program is open, from its weekly slots, holidays and time zone. A slot whose close is
 * before its open runs past midnight into the next day; a close of 00:00 means the end of the day
 * ("24:00" is not a LocalTime). A holiday closes the whole local date, including the early hours of
 * a slot that began the evening before.
 */
public final class OpeningHours {
    private static final int SEARCH_DAYS = 14;

    private OpeningHours() {
    }

    public static boolean isOpen(ProgramSettings s, Instant now) {
        if (s.weeklyHours() == null) return true;
        ZonedDateTime local = now.atZone(zone(s));
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (isHoliday(s, date)) return false;
        int today = date.getDayOfWeek().getValue();
        int yesterday = date.minusDays(1).getDayOfWeek().getValue();
        for (WeeklySlot slot : s.weeklyHours()) {
            boolean endOfDay = slot.close().equals(LocalTime.MIDNIGHT);
            boolean overnight = !endOfDay && slot.close().isBefore(slot.open());
            if (slot.day() == today && !time.isBefore(slot.open())
                    && (endOfDay || overnight || time.isBefore(slot.close()))) {
                return true;
            }
            if (overnight && slot.day() == yesterday && time.isBefore(slot.close())) return true;
        }
        return false;
    }

    /**
     * When the program next opens (now, if it is open), looking up to two weeks ahead. Openings can
     * only begin at a slot's open time or at midnight (when a holiday ends), so those are the candidates.
     */
    public static Optional<Instant> nextOpening(ProgramSettings s, Instant now) {
        if (isOpen(s, now)) return Optional.of(now);
        ZoneId zone = zone(s);
        LocalDate start = now.atZone(zone).toLocalDate();
        List<Instant> candidates = new ArrayList<>();
        for (int i = 0; i <= SEARCH_DAYS; i++) {
            LocalDate date = start.plusDays(i);
            candidates.add(date.atStartOfDay(zone).toInstant());
            for (WeeklySlot slot : s.weeklyHours()) {
                if (slot.day() == date.getDayOfWeek().getValue()) candidates.add(instantOf(date.atTime(slot.open()), zone));
            }
        }
        return candidates.stream().filter(t -> t.isAfter(now) && isOpen(s, t)).min(Instant::compareTo);
    }

    /** An opening time that falls in a spring-forward gap opens when the clocks jump, not an hour later. */
    private static Instant instantOf(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        return transition != null && transition.isGap() ? transition.getInstant() : local.atZone(zone).toInstant();
    }

    /** Checks what a lead saved before it is stored; messages name the problem for the console form. */
    public static void validate(ProgramSettings s) {
        zone(s);
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

    public static ZoneId zone(ProgramSettings s) {
        try {
            return ZoneId.of(s.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("time zone '" + s.timeZone()
                    + "' is not a known zone; use an IANA name such as America/Chicago");
        }
    }

    private static boolean isHoliday(ProgramSettings s, LocalDate date) {
        return s.holidays() != null && s.holidays().stream().anyMatch(h -> date.equals(h.date()));
    }
}
