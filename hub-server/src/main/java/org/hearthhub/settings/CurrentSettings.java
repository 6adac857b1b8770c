package org.hearthhub.settings;

import io.vertx.core.Future;

/**
 * The program settings as last loaded, so hot paths (status, start) read memory instead of the
 * store. Leads' saves go through {@link #save}; other nodes call {@link #reload} on a change event.
 */
public final class CurrentSettings {
    private final ProgramSettingsStore store;
    private volatile ProgramSettings current = ProgramSettings.defaults();

    public CurrentSettings(ProgramSettingsStore store) {
        this.store = store;
    }

    public ProgramSettings get() {
        return current;
    }

    public Future<ProgramSettings> reload() {
        return store.programSettings().map(s -> current = s);
    }

    public Future<Void> save(ProgramSettings settings) {
        return store.saveProgramSettings(settings).onSuccess(v -> current = settings);
    }
}
