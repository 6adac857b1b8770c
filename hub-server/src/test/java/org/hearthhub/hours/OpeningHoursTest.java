package org.hearthhub.hours;

import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.Holiday;
import org.hearthhub.settings.ProgramSettings.WeeklySlot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class OpeningHoursTest {
    private static final String CHICAGO = "America/Chicago";
    // 2026-11-23 is a Monday, 2026-11-27 a Friday
    private static final List<WeeklySlot> WEEK = List.of(
            slot(1, "09:00", "17:00"),
            slot(5, "22:00", "02:00"),
            slot(6, "18:00", "00:00"));

    private static WeeklySlot slot(int day, String open, String close) {
        return new WeeklySlot(day, LocalTime.parse(open), LocalTime.parse(close));
    }

    private static ProgramSettings settings(String zone, List<WeeklySlot> slots, Holiday... holidays) {
        ProgramSettings d = ProgramSettings.defaults();
        return new ProgramSettings(zone, slots, List.of(holidays), d.referrals(), d.cannedResponses(), d.widget(), d.retention());
    }

    private static Instant chicago(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(CHICAGO)).toInstant();
    }

    private static boolean open(String localDateTime) {
        return OpeningHours.isOpen(settings(CHICAGO, WEEK), chicago(localDateTime));
    }

    @Test
    void withoutWeeklyHoursItIsAlwaysOpen() {
        assertTrue(OpeningHours.isOpen(ProgramSettings.defaults(), Instant.parse("2026-11-23T03:00:00Z")));
    }

    @Test
    void openInsideASlotAndClosedOutsideIt() {
        assertFalse(open("2026-11-23T08:59"));
        assertTrue(open("2026-11-23T09:00"));
        assertTrue(open("2026-11-23T16:59"));
        assertFalse(open("2026-11-23T17:00"));
        assertFalse(open("2026-11-24T10:00"), "no slot on Tuesday");
    }

    @Test
    void slotClosingBeforeItOpensRunsPastMidnight() {
        assertFalse(open("2026-11-27T21:59"));
        assertTrue(open("2026-11-27T23:30"));
        assertTrue(open("2026-11-28T01:59"), "Saturday morning belongs to Friday's slot");
        assertFalse(open("2026-11-28T02:00"));
        assertFalse(open("2026-11-24T01:00"), "Monday's slot does not spill into Tuesday");
    }

    @Test
    void closeAtMidnightMeansEndOfDay() {
        assertTrue(open("2026-11-28T23:59:59"));
        assertFalse(open("2026-11-29T00:00"));
    }

    @Test
    void holidayClosesTheWholeLocalDate() {
        ProgramSettings s = settings(CHICAGO, WEEK, new Holiday(LocalDate.parse("2026-11-23"), "Closed for training"));
        assertFalse(OpeningHours.isOpen(s, chicago("2026-11-23T10:00")));
        assertTrue(OpeningHours.isOpen(s, chicago("2026-11-30T10:00")), "the next Monday is open again");
    }

    @Test
    void slotsFollowLocalTimeAcrossTheSpringDstChange() {
        // Sunday 2026-03-08: Chicago moves from UTC-6 to UTC-5; a 09:00 opening is 14:00Z that day, 15:00Z a week before
        ProgramSettings s = settings(CHICAGO, List.of(slot(7, "09:00", "17:00")));
        assertTrue(OpeningHours.isOpen(s, Instant.parse("2026-03-08T14:30:00Z")));
        assertFalse(OpeningHours.isOpen(s, Instant.parse("2026-03-01T14:30:00Z")));
        assertTrue(OpeningHours.isOpen(s, Instant.parse("2026-03-08T21:59:00Z")));
        assertFalse(OpeningHours.isOpen(s, Instant.parse("2026-03-08T22:00:00Z")));
    }

    @Test
    void openingInsideTheSkippedHourOpensWhenTheClocksJump() {
        ProgramSettings s = settings(CHICAGO, List.of(slot(7, "02:30", "05:00")));
        // 01:00 CST = 07:00Z; the clocks jump from 02:00 CST to 03:00 CDT at 08:00Z
        assertEquals(Optional.of(Instant.parse("2026-03-08T08:00:00Z")),
                OpeningHours.nextOpening(s, Instant.parse("2026-03-08T07:00:00Z")));
    }

    @Test
    void repeatedHourOfTheAutumnChangeIsInsideAnOvernightSlot() {
        // Sunday 2026-11-01: 01:00-02:00 happens twice; both are inside Saturday's 22:00-03:00 slot
        ProgramSettings s = settings(CHICAGO, List.of(slot(6, "22:00", "03:00")));
        assertTrue(OpeningHours.isOpen(s, Instant.parse("2026-11-01T06:30:00Z")), "01:30 CDT");
        assertTrue(OpeningHours.isOpen(s, Instant.parse("2026-11-01T07:30:00Z")), "01:30 CST");
        assertFalse(OpeningHours.isOpen(s, Instant.parse("2026-11-01T09:00:00Z")), "03:00 CST");
    }

    @Test
    void slotClosingInTheRepeatedHourClosesTheFirstTimeTheClockReadsIt() {
        // Sunday 2026-11-01 in New York: 01:00-02:00 happens twice, EDT (05:00Z-06:00Z) then EST (06:00Z-07:00Z)
        ProgramSettings s = settings("America/New_York", List.of(slot(6, "22:00", "01:30")));
        assertTrue(OpeningHours.isOpen(s, Instant.parse("2026-11-01T05:29:00Z")), "01:29 EDT");
        assertFalse(OpeningHours.isOpen(s, Instant.parse("2026-11-01T05:30:00Z")), "01:30 EDT: closed");
        assertFalse(OpeningHours.isOpen(s, Instant.parse("2026-11-01T06:10:00Z")), "01:10 EST: still closed, not open again");
    }

    @Test
    void slotOpeningInTheRepeatedHourStaysOpenWhenTheClocksGoBack() {
        ProgramSettings s = settings("America/New_York", List.of(slot(7, "01:30", "08:00")));
        Instant opening = Instant.parse("2026-11-01T05:30:00Z"); // 01:30 EDT
        assertEquals(Optional.of(opening), OpeningHours.nextOpening(s, Instant.parse("2026-11-01T05:00:00Z")));
        assertTrue(OpeningHours.isOpen(s, opening));
        assertTrue(OpeningHours.isOpen(s, Instant.parse("2026-11-01T06:10:00Z")), "01:10 EST, after the opening it promised");
        assertEquals(Optional.of(Instant.parse("2026-11-01T06:10:00Z")),
                OpeningHours.nextOpening(s, Instant.parse("2026-11-01T06:10:00Z")));
        assertFalse(OpeningHours.isOpen(s, Instant.parse("2026-11-01T13:00:00Z")), "08:00 EST");
    }

    @Test
    void madridAutumnChangeDoesNotReopenAClosedSlot() {
        // Sunday 2026-10-25 in Madrid: 02:00-03:00 happens twice, CEST (00:00Z-01:00Z) then CET (01:00Z-02:00Z)
        ProgramSettings s = settings("Europe/Madrid", List.of(slot(6, "20:00", "02:30")));
        assertTrue(OpeningHours.isOpen(s, Instant.parse("2026-10-25T00:29:00Z")), "02:29 CEST");
        assertFalse(OpeningHours.isOpen(s, Instant.parse("2026-10-25T01:15:00Z")), "02:15 CET");
    }

    @Test
    void slotClosingInTheSkippedHourClosesWhenTheClocksJump() {
        // Sunday 2026-03-08 in New York: 02:00 EST (07:00Z) becomes 03:00 EDT
        ProgramSettings s = settings("America/New_York", List.of(slot(6, "22:00", "02:30")));
        assertTrue(OpeningHours.isOpen(s, Instant.parse("2026-03-08T06:59:00Z")), "01:59 EST");
        assertFalse(OpeningHours.isOpen(s, Instant.parse("2026-03-08T07:00:00Z")), "03:00 EDT");
    }

    @Test
    void nextOpeningFindsTheNextSlot() {
        assertEquals(Optional.of(chicago("2026-11-27T22:00")),
                OpeningHours.nextOpening(settings(CHICAGO, WEEK), chicago("2026-11-23T18:00")));
        Instant now = chicago("2026-11-23T10:00");
        assertEquals(Optional.of(now), OpeningHours.nextOpening(settings(CHICAGO, WEEK), now), "already open");
    }

    @Test
    void nextOpeningAfterAHolidayCanBeMidnight() {
        ProgramSettings s = settings(CHICAGO, WEEK, new Holiday(LocalDate.parse("2026-11-27"), "Day after Thanksgiving"));
        assertEquals(Optional.of(chicago("2026-11-28T00:00")), OpeningHours.nextOpening(s, chicago("2026-11-27T12:00")));
    }

    @Test
    void nextOpeningAfterAClosureOfSeveralWeeksIsStillKnown() {
        // closed every day from Monday 2026-11-23 to Sunday 2026-12-20: it opens again on Monday 2026-12-21 at 09:00
        Holiday[] closure = java.util.stream.IntStream.range(0, 28)
                .mapToObj(i -> new Holiday(LocalDate.parse("2026-11-23").plusDays(i), "Closed for the move")).toArray(Holiday[]::new);
        ProgramSettings s = settings(CHICAGO, WEEK, closure);
        assertEquals(Optional.of(chicago("2026-12-21T09:00")), OpeningHours.nextOpening(s, chicago("2026-11-23T10:00")));
        assertEquals("tomorrow", OpeningHours.openingDay(s, chicago("2026-12-20T12:00"), chicago("2026-12-21T09:00")));
    }

    @Test
    void nextOpeningIsEmptyWhenNothingOpensWithinTwoWeeks() {
        assertEquals(Optional.empty(), OpeningHours.nextOpening(settings(CHICAGO, List.of()), Instant.parse("2026-11-23T00:00:00Z")));
    }

    @Test
    void unknownTimeZoneIsRejectedWithAClearMessage() {
        ProgramSettings s = settings("Mars/Olympus_Mons", WEEK);
        var e = assertThrows(IllegalArgumentException.class, () -> OpeningHours.validate(s));
        assertTrue(e.getMessage().contains("Mars/Olympus_Mons") && e.getMessage().contains("America/Chicago"), e.getMessage());
        // stored anyway (a hand-edited file, a newer JDK's zone): read in UTC, never an error for a survivor
        assertEquals("UTC", OpeningHours.zone(s).getId());
        assertTrue(OpeningHours.isOpen(s, Instant.parse("2026-11-23T16:30:00Z")), "Monday 09:00-17:00 in UTC");
        assertFalse(OpeningHours.isOpen(s, Instant.parse("2026-11-23T17:30:00Z")));
    }

    @Test
    void validationRejectsBadSlotsAndMissingHolidays() {
        OpeningHours.validate(settings(CHICAGO, WEEK));
        OpeningHours.validate(settings(CHICAGO, List.of(slot(3, "00:00", "00:00"))));
        assertThrows(IllegalArgumentException.class, () -> OpeningHours.validate(settings(CHICAGO, List.of(slot(8, "09:00", "17:00")))));
        assertThrows(IllegalArgumentException.class, () -> OpeningHours.validate(settings(CHICAGO, List.of(slot(0, "09:00", "17:00")))));
        assertThrows(IllegalArgumentException.class, () -> OpeningHours.validate(settings(CHICAGO, List.of(slot(2, "09:00", "09:00")))));
        ProgramSettings d = ProgramSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> OpeningHours.validate(
                new ProgramSettings(CHICAGO, WEEK, null, d.referrals(), d.cannedResponses(), d.widget(), d.retention())));
    }

    @Test
    void wholeDaySlotIsOpenAllDay() {
        ProgramSettings s = settings(CHICAGO, List.of(slot(3, "00:00", "00:00")));
        assertTrue(OpeningHours.isOpen(s, chicago("2026-11-25T00:00")));
        assertTrue(OpeningHours.isOpen(s, chicago("2026-11-25T23:59")));
        assertFalse(OpeningHours.isOpen(s, chicago("2026-11-26T00:00")));
    }
}
