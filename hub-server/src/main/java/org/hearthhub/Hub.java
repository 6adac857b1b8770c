package org.hearthhub;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.auth.LoginService;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.config.HubConfig;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LiveStore;
import org.hearthhub.metrics.HubMetrics;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.SettingsStore;
import org.hearthhub.stats.DailyStatistics;
import org.hearthhub.web.AuthRoutes;
import org.hearthhub.web.DemoPage;
import org.hearthhub.web.SecurityHeaders;
import org.hearthhub.web.SurvivorApi;
import org.hearthhub.web.WidgetAssets;
import org.hearthhub.ws.SocketEndpoints;

import java.nio.file.Files;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Wires the hub's parts together and runs its HTTP/WebSocket server. The one place that knows every class. */
public final class Hub {
    private static final Logger LOG = Logger.getLogger(Hub.class.getName());

    /** Knobs for tests and benchmarks; production uses {@link #DEFAULTS}. */
    public record Tuning(long queueCoalesceMillis, long sweepIntervalMillis, PasswordHasher hasher) {
    }

    public static final Tuning DEFAULTS = new Tuning(50, 15_000, null);

    private final Vertx vertx;
    private final HubConfig config;
    private final LiveStore live;
    private final SettingsStore settingsStore;
    private final ConversationService conversations;
    private final SocketEndpoints sockets;
    private final HttpServer server;
    private final long sweepTimer;

    private Hub(Vertx vertx, HubConfig config, LiveStore live, SettingsStore settingsStore, ConversationService conversations,
                SocketEndpoints sockets, HttpServer server, long sweepTimer) {
        this.vertx = vertx;
        this.config = config;
        this.live = live;
        this.settingsStore = settingsStore;
        this.conversations = conversations;
        this.sockets = sockets;
        this.server = server;
        this.sweepTimer = sweepTimer;
    }

    public static Future<Hub> start(Vertx vertx, HubConfig config, Clock clock, Tuning tuning) {
        return vertx.executeBlocking(() -> Files.createDirectories(config.dataDir()))
                .compose(dir -> {
                    SettingsStore settingsStore = new FileSettingsStore(vertx, config.dataDir(), config.programId(), clock);
                    LiveStore live = new InMemoryLiveStore(vertx, clock);
                    return assemble(vertx, config, clock, tuning, live, settingsStore);
                });
    }

    private static Future<Hub> assemble(Vertx vertx, HubConfig config, Clock clock, Tuning tuning, LiveStore live,
                                        SettingsStore settingsStore) {
        HubMetrics metrics = new HubMetrics(vertx);
        LiveStore metered = metrics.observe(live);
        CurrentSettings settings = new CurrentSettings(settingsStore);
        PasswordHasher hasher = tuning.hasher() != null ? tuning.hasher() : new PasswordHasher(vertx);
        AuditLog audit = new AuditLog(settingsStore, clock);
        DailyStatistics stats = new DailyStatistics(settingsStore, clock);
        ConversationService conversations = new ConversationService(metered, settings, stats, audit, config, clock);
        StaffSessions sessions = new StaffSessions(live, config.auth());
        LoginService login = new LoginService(settingsStore, live, hasher, sessions, config.auth(), clock);
        SocketEndpoints sockets = new SocketEndpoints(vertx, live, conversations, settings, settingsStore, sessions, config,
                tuning.queueCoalesceMillis());
        sockets.onErrorSent(metrics::errorSent);
        metrics.watchSockets(sockets::survivorSockets, sockets::advocateSockets);

        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders(config.publicUrl()));
        router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "up").encode()));
        metrics.mount(router);
        new SurvivorApi(conversations, settings).mount(router);
        new AuthRoutes(login, sessions, config).mount(router);
        WidgetAssets.mount(router);
        DemoPage.mount(router, config.publicUrl());
        router.route().last().handler(ctx -> ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("code", "not_found").put("message", "Nothing here.").encode()));

        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setCompressionSupported(true)
                // Frames over our own limit are answered with too_large; only far larger ones are cut off by Netty.
                .setMaxWebSocketFrameSize(Math.max(65536, 4 * config.limits().maxFrameBytes()))
                .setMaxWebSocketMessageSize(Math.max(65536, 4 * config.limits().maxFrameBytes()));
        HttpServer server = vertx.createHttpServer(options)
                .webSocketHandshakeHandler(sockets::handshake)
                .requestHandler(router);

        return settings.reload()
                .compose(s -> FirstLeadBootstrap.ensureLead(settingsStore, hasher, config.dataDir()))
                .compose(v -> server.listen())
                .map(s -> {
                    metrics.start();
                    long sweep = vertx.setPeriodic(tuning.sweepIntervalMillis(), id -> conversations.sweepTimeouts()
                            .onFailure(e -> LOG.log(Level.WARNING, "timeout sweep failed: " + e.getClass().getSimpleName())));
                    return new Hub(vertx, config, live, settingsStore, conversations, sockets, s, sweep);
                });
    }

    public int port() {
        return server.actualPort();
    }

    public HubConfig config() {
        return config;
    }

    public LiveStore liveStore() {
        return live;
    }

    public SettingsStore settingsStore() {
        return settingsStore;
    }

    public ConversationService conversations() {
        return conversations;
    }

    public SocketEndpoints sockets() {
        return sockets;
    }

    public Future<Void> stop() {
        vertx.cancelTimer(sweepTimer);
        return server.close().compose(v -> live.close()).compose(v -> settingsStore.close());
    }
}
