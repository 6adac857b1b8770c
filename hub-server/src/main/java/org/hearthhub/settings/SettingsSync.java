package org.hearthhub.settings;

import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one node's {@link CurrentSettings} in step with a settings store that other nodes write too.
 * The node reloads when the store announces a change (at once) and, as a safety net for a notice lost
 * on the way, every {@code safetyPoll}. Without notices (a store that cannot send them) the poll alone
 * carries changes, only more slowly.
 */
public final class SettingsSync {
    private static final Logger LOG = Logger.getLogger(SettingsSync.class.getName());

    private SettingsSync() {
    }

    /**
     * Starts following the store's changes.
     *
     * @return the id of the safety-poll timer, to cancel when the hub stops; the change notices end when
     * the store is closed
     */
    public static long follow(Vertx vertx, ProgramSettingsStore store, CurrentSettings settings, Duration safetyPoll) {
        Runnable reload = () -> settings.reload()
                .onFailure(e -> LOG.log(Level.FINE, "settings reload skipped: " + e.getMessage()));
        long timer = vertx.setPeriodic(safetyPoll.toMillis(), id -> reload.run());
        store.watchProgramSettings(reload).onFailure(e -> LOG.warning(
                "settings changes made on other nodes reach this one only by polling, every " + safetyPoll.toSeconds()
                        + " s: " + e.getMessage()));
        return timer;
    }
}
