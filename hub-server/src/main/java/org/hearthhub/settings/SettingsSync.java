package org.hearthhub.settings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one node's {@link CurrentSettings} and {@link CurrentAccounts} in step with a settings store that
 * other nodes write too. The node reloads what the store announces changed (at once) and, as a safety net
 * for a notice lost on the way, both every {@code safetyPoll}. Without notices (a store that cannot send
 * them) the poll alone carries changes, only more slowly.
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
    public static long follow(Vertx vertx, SettingsStore store, CurrentSettings settings, CurrentAccounts accounts,
                              Duration safetyPoll) {
        Runnable reloadSettings = quietly("settings", settings::reload);
        Runnable reloadAccounts = quietly("accounts", accounts::reload);
        long timer = vertx.setPeriodic(safetyPoll.toMillis(), id -> {
            reloadSettings.run();
            reloadAccounts.run();
        });
        Future.all(store.watchProgramSettings(reloadSettings), store.watchAccounts(reloadAccounts)).onFailure(e -> LOG.warning(
                "settings and account changes made on other nodes reach this one only by polling, every "
                        + safetyPoll.toSeconds() + " s: " + e.getClass().getSimpleName()));
        return timer;
    }

    /** Follows one more program's settings (the accounts are the hub's, followed once with its default program). */
    public static long followSettings(Vertx vertx, ProgramSettingsStore store, CurrentSettings settings, Duration safetyPoll) {
        Runnable reloadSettings = quietly("settings", settings::reload);
        long timer = vertx.setPeriodic(safetyPoll.toMillis(), id -> reloadSettings.run());
        store.watchProgramSettings(reloadSettings).onFailure(e -> LOG.warning(
                "settings changes made on other nodes reach this one only by polling, every " + safetyPoll.toSeconds() + " s: "
                        + e.getClass().getSimpleName()));
        return timer;
    }

    private static Runnable quietly(String what, Supplier<Future<?>> reload) {
        return () -> reload.get().onFailure(e -> LOG.log(Level.FINE, what + " reload skipped: " + e.getClass().getSimpleName()));
    }
}
