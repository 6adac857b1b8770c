package org.hearthhub.console;

import org.hearthhub.config.HubConfig;
import org.hearthhub.settings.ProgramSettings;

import java.util.function.BiFunction;

/**
 * A settings section as the lead API serves it.
 *
 * @param name     in its path ({@code /api/v1/lead/<name>}) and as the target of its audit entries
 * @param type     the record a body is bound to
 * @param textKey  the section's message, for a body that does not fit {@code type}
 * @param view     the current settings as the form shows them
 * @param received what the hub adds to a section it received before checking it (the operator's caps)
 */
record SectionForm<T extends SettingsSection>(String name, Class<T> type, String textKey, BiFunction<ProgramSettings, HubConfig, T> view,
                                              BiFunction<T, HubConfig, T> received) {
    SectionForm(String name, Class<T> type, String textKey, BiFunction<ProgramSettings, HubConfig, T> view) {
        this(name, type, textKey, view, (section, config) -> section);
    }
}
