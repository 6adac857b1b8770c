package org.hearthhub.settings;

import io.vertx.core.Future;

import java.util.function.UnaryOperator;

/** The program's settings (hours, referrals, widget look, retention, staff security), saved whole. */
public interface ProgramSettingsStore {

    Future<ProgramSettings> programSettings();

    Future<Void> saveProgramSettings(ProgramSettings settings);

    /**
     * Applies {@code change} to the settings as stored and saves what it answers, as one step against every other
     * save: when another save (another node's) lands between the read and the write, {@code change} is applied
     * again to what that save left, so neither is lost. {@code change} must therefore be a pure function of the
     * settings it is given. When it throws (a lead's change refused), nothing is saved and the future fails with
     * what it threw. Answers the settings saved.
     */
    Future<ProgramSettings> updateProgramSettings(UnaryOperator<ProgramSettings> change);

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
