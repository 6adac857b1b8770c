package org.hearthhub.console;

import org.hearthhub.hours.OpeningHours;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.Holiday;
import org.hearthhub.settings.ProgramSettings.WeeklySlot;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Opening hours ({@code /api/v1/lead/hours}).
 *
 * @param weeklyHours         null (or ignored) when {@code alwaysOpen}
 * @param closedWhenUnstaffed within hours, show as closed while nobody is on shift
 */
record HoursSection(String timeZone, boolean alwaysOpen, List<Slot> weeklyHours, List<ClosedDay> holidays,
                    boolean closedWhenUnstaffed) implements SettingsSection {
    static final int MAX_SLOTS = 70;
    static final int MAX_HOLIDAYS = 366;
    static final SectionForm<HoursSection> FORM = new SectionForm<>("hours", HoursSection.class, "error.hours", (s, config) -> of(s));

    /** Open on {@code day} (1 = Monday … 7 = Sunday) from {@code open} to {@code close}, HH:MM. */
    record Slot(Integer day, String open, String close) {
    }

    /** A closed day, YYYY-MM-DD. */
    record ClosedDay(String date, String name) {
    }

    static HoursSection of(ProgramSettings s) {
        List<Slot> slots = s.weeklyHours() == null ? null : s.weeklyHours().stream()
                .map(w -> new Slot(w.day(), w.open().toString(), w.close().toString())).toList();
        List<ClosedDay> days = s.holidays() == null ? List.of() : s.holidays().stream()
                .map(h -> new ClosedDay(h.date().toString(), h.name())).toList();
        return new HoursSection(s.timeZone(), s.weeklyHours() == null, slots, days, s.closedWhenUnstaffed());
    }

    @Override
    public List<SectionProblem> validate() {
        SectionChecks checks = new SectionChecks("error.hours");
        if (zone() == null) checks.at("timeZone", "error.field.time_zone");
        // Hours that are not "always open" must be said: a body that leaves both out (a script sending only its time
        // zone) would otherwise close the program at every hour. An empty list is a choice, and is kept.
        if (!alwaysOpen && weeklyHours == null) checks.at("weeklyHours", "error.field.weekly_hours");
        if (!alwaysOpen) {
            List<Slot> slots = checks.list(weeklyHours, "weeklyHours", MAX_SLOTS);
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(i);
                if (!checks.entry(slot)) continue;
                String at = "weeklyHours." + i + ".";
                // 1-7 checked here too, so an 8 is refused at its field rather than later by OpeningHours.validate
                if (slot.day() == null || slot.day() < 1 || slot.day() > 7) checks.at(at + "day", "error.field.weekday");
                LocalTime open = time(slot.open());
                LocalTime close = time(slot.close());
                if (open == null) checks.at(at + "open", "error.field.time");
                if (close == null) checks.at(at + "close", "error.field.time");
                // A slot may run past midnight (22:00-06:00); only an empty one makes no sense (OpeningHours).
                if (open != null && open.equals(close) && !open.equals(LocalTime.MIDNIGHT)) checks.at(at + "close", "error.field.same_time");
            }
        }
        List<ClosedDay> days = checks.list(holidays, "holidays", MAX_HOLIDAYS);
        for (int i = 0; i < days.size(); i++) {
            ClosedDay day = days.get(i);
            if (!checks.entry(day)) continue;
            if (date(day.date()) == null) checks.at("holidays." + i + ".date", "error.field.date");
            checks.shownLine(day.name(), "holidays." + i + ".name", "name", MAX_NAME, false);
        }
        if (checks.clear()) {
            try {
                OpeningHours.validate(applyTo(ProgramSettings.defaults()));
            } catch (IllegalArgumentException e) {
                checks.inSection(e.getMessage());
            }
        }
        return checks.problems();
    }

    @Override
    public ProgramSettings applyTo(ProgramSettings current) {
        List<WeeklySlot> slots = null;
        if (!alwaysOpen) {
            slots = new ArrayList<>();
            for (Slot slot : weeklyHours == null ? List.<Slot>of() : weeklyHours) {
                slots.add(new WeeklySlot(slot.day(), time(slot.open()), time(slot.close())));
            }
        }
        List<Holiday> days = new ArrayList<>();
        for (ClosedDay day : holidays == null ? List.<ClosedDay>of() : holidays) {
            days.add(new Holiday(date(day.date()), SectionChecks.clean(day.name())));
        }
        days.sort(Comparator.comparing(Holiday::date));
        return current.withHours(zone().getId(), slots, days, closedWhenUnstaffed);
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(timeZone == null ? "" : timeZone.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text == null ? "" : text.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }
}
