package org.hearthhub.settings;

import io.vertx.core.Future;

/** The program's settings (hours, referrals, widget look, retention, staff security), saved whole. */
public interface ProgramSettingsStore {

    Future<ProgramSettings> programSettings();

    Future<Void> saveProgramSettings(ProgramSettings settings);

    /**
     * Calls {@code onChange} on the caller's Vert.x context whenever the program settings may have been
     * changed by another node sharing this store, so it can reload them. A store only one process writes
     * (the files under a data directory) has nothing to report and never calls it. The returned future
     * fails when the store cannot deliver such notices; callers then rely on polling alone.
     */
    default Future<Void> watchProgramSettings(Runnable onChange) {
        return Future.succeededFuture();
    }
}
