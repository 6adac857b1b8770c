package org.hearthhub;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.auth.LoginService;
import org.hearthhub.config.HubConfig;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.settings.CurrentAccounts;
import org.hearthhub.settings.SettingsSync;
import org.hearthhub.ws.SocketEndpoints;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's periodic jobs (timeout sweep, audit pruning, session checks, sign-in log, settings sync) as one
 * verticle: they run on its event loop, once per node whatever the number of server loops, and stop when it
 * is undeployed (Vert.x cancels the timers a verticle set).
 */
final class MaintenanceVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(MaintenanceVerticle.class.getName());
    private static final long AUDIT_PRUNE_MILLIS = 24 * 3600 * 1000L;
    static final long SESSION_TICK_MILLIS = 100;
    static final int SESSION_SLICES = 50;

    private final HubConfig config;
    private final Hub.Tuning tuning;
    private final HostedPrograms programs;
    private final SocketEndpoints sockets;
    private final LoginService login;
    private final CurrentAccounts accounts;

    MaintenanceVerticle(HubConfig config, Hub.Tuning tuning, HostedPrograms programs, SocketEndpoints sockets,
                        LoginService login, CurrentAccounts accounts) {
        this.config = config;
        this.tuning = tuning;
        this.programs = programs;
        this.sockets = sockets;
        this.login = login;
        this.accounts = accounts;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(tuning.sweepIntervalMillis(), id -> programs.all().forEach(p -> p.conversations().timeouts().sweep()
                .onFailure(e -> LOG.log(Level.WARNING, "timeout sweep failed: " + e.getClass().getSimpleName()))));
        vertx.setPeriodic(1_000, AUDIT_PRUNE_MILLIS, id -> programs.all().forEach(p -> p.store()
                .pruneAudit(config.retention().auditDays(), AuditCap.of(config.retention()))
                .onFailure(e -> LOG.log(Level.WARNING, "audit pruning failed: " + e.getClass().getSimpleName()))));
        checkConsolesInTurn(tuning.sessionCheckMillis());
        vertx.setPeriodic(60_000, id -> login.writeDueLogEntries());
        if (config.settings().redisUrl() != null) followSharedSettings();
        return Future.succeededFuture();
    }

    /**
     * Every console's session once a period, a slice of them per tick ({@link SocketEndpoints#checkAdvocateSessions(int, int)}):
     * one tick at most every {@value #SESSION_TICK_MILLIS} ms, up to {@value #SESSION_SLICES} slices a period.
     */
    private void checkConsolesInTurn(long periodMillis) {
        int slices = sessionSlices(periodMillis);
        int[] next = {0};
        vertx.setPeriodic(Math.max(1, periodMillis / slices), id -> {
            int slice = next[0];
            next[0] = (slice + 1) % slices;
            sockets.checkAdvocateSessions(slice, slices);
        });
    }

    static int sessionSlices(long periodMillis) {
        return (int) Math.max(1, Math.min(SESSION_SLICES, periodMillis / SESSION_TICK_MILLIS));
    }

    /** Several nodes: settings, accounts and the program list changed on another node are read at each poll. */
    private void followSharedSettings() {
        Duration poll = Duration.ofSeconds(config.settings().reloadSeconds());
        HostedProgram main = programs.defaultProgram();
        SettingsSync.follow(vertx, main.store(), main.settings(), accounts, poll);
        // Programs created on other nodes are opened here at the next poll; each follows its own settings.
        programs.whenOpened(p -> {
            if (p != main) SettingsSync.followSettings(vertx, p.store(), p.settings(), poll);
        });
        vertx.setPeriodic(poll.toMillis(), id -> programs.sync()
                .onFailure(e -> LOG.log(Level.FINE, "program list reload skipped: " + e.getClass().getSimpleName())));
    }
}
