package org.hearthhub.settings;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * Everything a program lead configures, kept as one document so that a change is one atomic write.
 * Texts that survivors read are keyed by language ("en", "es").
 */
public record ProgramSettings(
        String timeZone,
        /** null means "open at all hours" (the embedded default until a lead sets hours) */
        List<WeeklySlot> weeklyHours,
        List<Holiday> holidays,
        Map<String, List<Referral>> referrals,
        Map<String, List<CannedResponse>> cannedResponses,
        WidgetLook widget,
        Retention retention) {

    /** Open on {@code day} (1 = Monday … 7 = Sunday, ISO) from {@code open} to {@code close}, in the program's zone. */
    public record WeeklySlot(int day, LocalTime open, LocalTime close) {
    }

    /** A closed day, e.g. a public holiday. */
    public record Holiday(LocalDate date, String name) {
    }

    public record CannedResponse(String title, String text) {
    }

    /**
     * How the widget looks and what it says. Text maps are keyed by language.
     * @param quickExitUrl where quick exit sends the survivor: a neutral page
     */
    public record WidgetLook(
            Map<String, String> title,
            Map<String, String> notice,
            String primaryColor,
            String position,
            String quickExitUrl) {
    }

    /** Lead-set limits, in minutes/hours; the YAML config gives the defaults and hard caps. */
    public record Retention(Integer idleTimeoutMinutes, Integer maxConversationHours, Integer smsBlockDays) {
    }

    public ProgramSettings withReferrals(Map<String, List<Referral>> value) {
        return new ProgramSettings(timeZone, weeklyHours, holidays, value, cannedResponses, widget, retention);
    }

    public static ProgramSettings defaults() {
        return new ProgramSettings(
                "UTC",
                null,
                List.of(),
                Map.of(),
                Map.of(),
                new WidgetLook(Map.of(), Map.of(), "#5b2a86", "right", "https://www.google.com/search?q=weather"),
                new Retention(null, null, null));
    }
}
