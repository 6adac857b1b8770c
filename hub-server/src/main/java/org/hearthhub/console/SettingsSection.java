package org.hearthhub.console;

import org.hearthhub.settings.ProgramSettings;

import java.util.List;

/**
 * A section of {@link ProgramSettings} as a lead's form shows it (GET) and sends it back (PUT): a record
 * bound by Jackson ({@link SectionJson}), which rejects unknown fields and wrong types, then checked by
 * {@link #validate()} before {@link #applyTo} makes the settings to save.
 */
interface SettingsSection {
    int MAX_NAME = 200;
    int MAX_TITLE = 120;
    int MAX_TEXT = 2000;

    /** What is wrong, in the order the form shows its inputs; empty when it can be saved. */
    List<SectionProblem> validate();

    /** {@code current} with this section replaced; only for a section {@link #validate()} found nothing wrong with. */
    ProgramSettings applyTo(ProgramSettings current);
}
