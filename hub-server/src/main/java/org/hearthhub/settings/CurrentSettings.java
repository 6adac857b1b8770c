package org.hearthhub.settings;

import io.vertx.core.Future;
import org.hearthhub.util.NewestKnown;

import java.util.function.UnaryOperator;

/**
 * The program settings as last loaded, so hot paths (status, start) read memory instead of the
 * store. Leads' saves go through {@link #save}; other nodes call {@link #reload} on a change event.
 *
 * <p>A change notice or the safety poll may begin a read just before a lead's save lands, and a shared store may
 * answer it after the save: {@link NewestKnown} keeps such a read from putting the old settings back (the lead's
 * next change would then have been made to them).
 */
public final class CurrentSettings {
    private final ProgramSettingsStore store;
    private final NewestKnown<ProgramSettings> current = new NewestKnown<>(ProgramSettings.defaults());

    public CurrentSettings(ProgramSettingsStore store) {
        this.store = store;
    }

    public ProgramSettings get() {
        return current.get();
    }

    /** Reads the settings from the store; answers what this node knows once the read is in. */
    public Future<ProgramSettings> reload() {
        long since = current.begin();
        return store.programSettings().map(s -> current.keep(s, since));
    }

    public Future<Void> save(ProgramSettings settings) {
        return store.saveProgramSettings(settings).onSuccess(v -> current.saved(settings));
    }

    /** A change made to the settings as stored, whatever this node last read (see {@link ProgramSettingsStore#updateProgramSettings}). */
    public Future<ProgramSettings> update(UnaryOperator<ProgramSettings> change) {
        return store.updateProgramSettings(change).onSuccess(current::saved);
    }
}
