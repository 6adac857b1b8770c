package org.hearthhub.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearthhub.model.Referral;

/**
 * Everything a program lead configures, kept as one document so that a change is one atomic write; a
 * store holds one program's.
 * Texts that survivors read are keyed by language ("en", "es"). Settings files written before a
 * component existed still load: a missing component takes its default, unknown ones are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgramSettings(
        String timeZone,
        /** null means "open at all hours" (the embedded default until a lead sets hours) */
        List<WeeklySlot> weeklyHours,
        List<Holiday> holidays,
        Map<String, List<Referral>> referrals,
        Map<String, List<CannedResponse>> cannedResponses,
        WidgetLook widget,
        Retention retention,
        /** added with the lead console; absent in older files, then nobody is required to use TOTP */
        StaffSecurity staffSecurity,
        /** within hours, show as closed while nobody is on shift (absent in older files: false) */
        boolean closedWhenUnstaffed,
        /** the partner directory (absent in older files: empty) */
        List<Partner> partners,
        /** the lawful bases besides consent on which the lead allows sharing (absent in older files: none) */
        List<SafeguardingBasis> safeguardingBases,
        /**
         * the ids of the coalition directory's entries the program adopted, in the order adopted (absent in older files:
         * none); by reference, so an adopted entry reads as the coalition last saved it, and not at all once deleted
         */
        List<String> adoptedPartners) {

    public ProgramSettings {
        staffSecurity = staffSecurity == null ? StaffSecurity.NONE : staffSecurity;
        partners = partners == null ? List.of() : List.copyOf(partners);
        safeguardingBases = safeguardingBases == null ? List.of() : List.copyOf(safeguardingBases);
        adoptedPartners = adoptedPartners == null ? List.of() : List.copyOf(adoptedPartners);
    }

    /** The form from before coalition entries could be adopted, kept so existing callers compile unchanged. */
    public ProgramSettings(String timeZone, List<WeeklySlot> weeklyHours, List<Holiday> holidays,
                           Map<String, List<Referral>> referrals, Map<String, List<CannedResponse>> cannedResponses,
                           WidgetLook widget, Retention retention, StaffSecurity staffSecurity, boolean closedWhenUnstaffed,
                           List<Partner> partners, List<SafeguardingBasis> safeguardingBases) {
        this(timeZone, weeklyHours, holidays, referrals, cannedResponses, widget, retention, staffSecurity, closedWhenUnstaffed,
                partners, safeguardingBases, List.of());
    }

    /** The form from before the partner directory existed, kept so existing callers compile unchanged. */
    public ProgramSettings(String timeZone, List<WeeklySlot> weeklyHours, List<Holiday> holidays,
                           Map<String, List<Referral>> referrals, Map<String, List<CannedResponse>> cannedResponses,
                           WidgetLook widget, Retention retention, StaffSecurity staffSecurity, boolean closedWhenUnstaffed) {
        this(timeZone, weeklyHours, holidays, referrals, cannedResponses, widget, retention, staffSecurity, closedWhenUnstaffed,
                List.of(), List.of());
    }

    /** The form from before {@code closedWhenUnstaffed} existed, kept so existing callers compile unchanged. */
    public ProgramSettings(String timeZone, List<WeeklySlot> weeklyHours, List<Holiday> holidays,
                           Map<String, List<Referral>> referrals, Map<String, List<CannedResponse>> cannedResponses,
                           WidgetLook widget, Retention retention, StaffSecurity staffSecurity) {
        this(timeZone, weeklyHours, holidays, referrals, cannedResponses, widget, retention, staffSecurity, false);
    }

    /** The form from before {@code staffSecurity} existed, kept so existing callers compile unchanged. */
    public ProgramSettings(String timeZone, List<WeeklySlot> weeklyHours, List<Holiday> holidays,
                           Map<String, List<Referral>> referrals, Map<String, List<CannedResponse>> cannedResponses,
                           WidgetLook widget, Retention retention) {
        this(timeZone, weeklyHours, holidays, referrals, cannedResponses, widget, retention, StaffSecurity.NONE);
    }

    /** Open on {@code day} (1 = Monday … 7 = Sunday, ISO) from {@code open} to {@code close}, in the program's zone. */
    public record WeeklySlot(int day, LocalTime open, LocalTime close) {
    }

    /** A closed day, e.g. a public holiday. */
    public record Holiday(LocalDate date, String name) {
    }

    public record CannedResponse(String title, String text) {
    }

    /**
     * A lawful basis for sharing without the survivor's consent, in the lead's words (e.g. "Risk to a
     * child"); the register names it, and every sharing on it carries a reason.
     */
    public record SafeguardingBasis(String name, String description) {
    }

    /**
     * How the widget looks and what it says, and where it may be shown. Text maps are keyed by language.
     * @param quickExitUrl where quick exit sends the survivor: a neutral page
     * @param embedOrigins the sites (origins, e.g. {@code https://www.example.org}) whose pages may frame the chat,
     *                     besides the hub's own; empty (and absent in older files): any site may
     */
    public record WidgetLook(
            Map<String, String> title,
            Map<String, String> notice,
            String primaryColor,
            String position,
            String quickExitUrl,
            List<String> embedOrigins) {

        public WidgetLook {
            embedOrigins = embedOrigins == null ? List.of() : List.copyOf(embedOrigins);
        }

        /** The form from before the embedding sites existed: any site may frame the chat. */
        public WidgetLook(Map<String, String> title, Map<String, String> notice, String primaryColor, String position,
                          String quickExitUrl) {
            this(title, notice, primaryColor, position, quickExitUrl, List.of());
        }
    }

    /** Lead-set limits, in minutes/hours; the YAML config gives the defaults and hard caps. */
    public record Retention(Integer idleTimeoutMinutes, Integer maxConversationHours, Integer smsBlockDays) {
    }

    /**
     * Who must sign in with a TOTP code. An account that must but has not enrolled yet is sent to
     * enrolment at its next sign-in and can use nothing else until it has.
     *
     * @param requireTotpForAll every staff account
     * @param requireTotpFor    these usernames, in addition
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StaffSecurity(boolean requireTotpForAll, List<String> requireTotpFor) {
        public static final StaffSecurity NONE = new StaffSecurity(false, List.of());

        public StaffSecurity {
            requireTotpFor = requireTotpFor == null ? List.of() : List.copyOf(requireTotpFor);
        }

        public boolean requiresTotp(String username) {
            return requireTotpForAll || requireTotpFor.contains(username);
        }
    }

    /** The opening hours: zone, weekly slots (null: open at all hours), closed days, and whether an empty shift closes. */
    public ProgramSettings withHours(String zone, List<WeeklySlot> slots, List<Holiday> closedDays, boolean closedUnstaffed) {
        return new ProgramSettings(zone, slots, closedDays, referrals, cannedResponses, widget, retention, staffSecurity,
                closedUnstaffed, partners, safeguardingBases, adoptedPartners);
    }

    public ProgramSettings withWidget(WidgetLook value) {
        return new ProgramSettings(timeZone, weeklyHours, holidays, referrals, cannedResponses, value, retention, staffSecurity,
                closedWhenUnstaffed, partners, safeguardingBases, adoptedPartners);
    }

    public ProgramSettings withRetention(Retention value) {
        return new ProgramSettings(timeZone, weeklyHours, holidays, referrals, cannedResponses, widget, value, staffSecurity,
                closedWhenUnstaffed, partners, safeguardingBases, adoptedPartners);
    }

    public ProgramSettings withStaffSecurity(StaffSecurity value) {
        return new ProgramSettings(timeZone, weeklyHours, holidays, referrals, cannedResponses, widget, retention, value,
                closedWhenUnstaffed, partners, safeguardingBases, adoptedPartners);
    }

    public ProgramSettings withReferrals(Map<String, List<Referral>> value) {
        return new ProgramSettings(timeZone, weeklyHours, holidays, value, cannedResponses, widget, retention, staffSecurity,
                closedWhenUnstaffed, partners, safeguardingBases, adoptedPartners);
    }

    public ProgramSettings withCannedResponses(Map<String, List<CannedResponse>> value) {
        return new ProgramSettings(timeZone, weeklyHours, holidays, referrals, value, widget, retention, staffSecurity,
                closedWhenUnstaffed, partners, safeguardingBases, adoptedPartners);
    }

    public ProgramSettings withPartners(List<Partner> value) {
        return new ProgramSettings(timeZone, weeklyHours, holidays, referrals, cannedResponses, widget, retention, staffSecurity,
                closedWhenUnstaffed, value, safeguardingBases, adoptedPartners);
    }

    public ProgramSettings withSafeguardingBases(List<SafeguardingBasis> value) {
        return new ProgramSettings(timeZone, weeklyHours, holidays, referrals, cannedResponses, widget, retention, staffSecurity,
                closedWhenUnstaffed, partners, value, adoptedPartners);
    }

    public ProgramSettings withAdoptedPartners(List<String> value) {
        return new ProgramSettings(timeZone, weeklyHours, holidays, referrals, cannedResponses, widget, retention, staffSecurity,
                closedWhenUnstaffed, partners, safeguardingBases, value);
    }

    /** Whether the lead has defined a safeguarding basis of exactly this name. */
    public boolean hasSafeguardingBasis(String name) {
        return safeguardingBases.stream().anyMatch(b -> b.name().equals(name));
    }

    /** The directory entry with this id, if there is one. */
    public Optional<Partner> partner(String id) {
        return partners.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * The zone named, if this JVM knows it. A stored zone may not be known: a hand-edited file, or one written by a node
     * on a newer JDK that knows more zones.
     */
    public static Optional<ZoneId> knownZone(String id) {
        if (id == null) return Optional.empty();
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public static ProgramSettings defaults() {
        return new ProgramSettings(
                "UTC",
                null,
                List.of(),
                Map.of(),
                Map.of(),
                new WidgetLook(Map.of(), Map.of(), "#5b2a86", "right", "https://www.google.com/search?q=weather"),
                new Retention(null, null, null),
                StaffSecurity.NONE);
    }
}
