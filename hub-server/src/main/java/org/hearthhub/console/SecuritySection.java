package org.hearthhub.console;

import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.StaffSecurity;

import java.util.List;

/**
 * Whether everyone in the program must sign in with an authenticator app ({@code /api/v1/lead/security}).
 * Who must use one by name is set on each account ({@code PUT /api/v1/lead/staff/:username}), so saving
 * this section keeps that list as it is.
 *
 * @param requireTotpForAll true or false, and nothing else ({@code "true"} or {@code 1} are refused as the section
 *                          reader refuses every coerced scalar); a missing or null value is refused rather than read as "no"
 */
record SecuritySection(Boolean requireTotpForAll) implements SettingsSection {
    /** A body that is not {@code {"requireTotpForAll": true|false}} is answered as it always was: the generic bad request. */
    static final SectionForm<SecuritySection> FORM = new SectionForm<>(StaffRoster.SECURITY, SecuritySection.class, "error.bad_request",
            (s, config) -> of(s));

    static SecuritySection of(ProgramSettings s) {
        return new SecuritySection(s.staffSecurity().requireTotpForAll());
    }

    @Override
    public List<SectionProblem> validate() {
        if (requireTotpForAll == null) {
            return List.of(SectionProblem.inSection("error.bad_request", "\"requireTotpForAll\" must be true or false"));
        }
        return List.of();
    }

    @Override
    public ProgramSettings applyTo(ProgramSettings current) {
        return current.withStaffSecurity(new StaffSecurity(requireTotpForAll, current.staffSecurity().requireTotpFor()));
    }
}
