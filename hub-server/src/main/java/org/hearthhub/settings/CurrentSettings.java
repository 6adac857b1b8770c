package org.hearthhub.settings;

import io.vertx.core.Future;
import org.hearthhub.model.ProgramId;
import org.hearthhub.util.NewestKnown;

import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The program settings as last loaded, so hot paths (status, start) read memory instead of the
 * store. Leads' saves go through {@link #save}; other nodes call {@link #reload} on a change event.
 *
 * <p>A change notice or the safety poll may begin a read just before a lead's save lands, and a shared store may
 * answer it after the save: {@link NewestKnown} keeps such a read from putting the old settings back (the lead's
 * next change would then have been made to them).
 */
public final class CurrentSettings {
    private static final Logger LOG = Logger.getLogger(CurrentSettings.class.getName());
    private final ProgramSettingsStore store;
    private final ProgramId program;
    private final NewestKnown<ProgramSettings> current = new NewestKnown<>(ProgramSettings.defaults());
    /** The unknown zone last warned about, so the safety poll does not repeat the warning every round. */
    private String warnedZone;

    public CurrentSettings(ProgramSettingsStore store) {
        this(store, null);
    }

    /** @param program named in the warning about a stored time zone this JVM does not know */
    public CurrentSettings(ProgramSettingsStore store, ProgramId program) {
        this.store = store;
        this.program = program;
    }

    public ProgramSettings get() {
        return current.get();
    }

    /** Reads the settings from the store; answers what this node knows once the read is in. */
    public Future<ProgramSettings> reload() {
        long since = current.begin();
        return store.programSettings().map(s -> {
            warnOfUnknownZone(s);
            return current.keep(s, since);
        });
    }

    /** The hours are then read in UTC (OpeningHours.zone) until a lead saves a zone this JVM knows. */
    private void warnOfUnknownZone(ProgramSettings s) {
        if (ProgramSettings.knownZone(s.timeZone()).isPresent()) {
            warnedZone = null;
        } else if (!Objects.equals(s.timeZone(), warnedZone)) {
            warnedZone = s.timeZone();
            LOG.warning("program " + (program == null ? "?" : program.value()) + ": time zone '" + s.timeZone()
                    + "' is not known to this JVM; its hours are read in UTC until a lead saves a known zone");
        }
    }

    public Future<Void> save(ProgramSettings settings) {
        return store.saveProgramSettings(settings).onSuccess(v -> current.saved(settings));
    }

    /** A change made to the settings as stored, whatever this node last read (see {@link ProgramSettingsStore#updateProgramSettings}). */
    public Future<ProgramSettings> update(UnaryOperator<ProgramSettings> change) {
        return store.updateProgramSettings(change).onSuccess(current::saved);
    }
}
