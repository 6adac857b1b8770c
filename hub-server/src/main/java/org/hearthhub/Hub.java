package org.hearthhub;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.auth.FirstLead;
import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.auth.LoginAttempts;
import org.hearthhub.auth.DeviceCookies;
import org.hearthhub.auth.LoginService;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.ShiftsAtSignOut;
import org.hearthhub.auth.SignInLog;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.config.ConfigLoader;
import org.hearthhub.config.HubConfig;
import org.hearthhub.console.ConsoleRoutes;
import org.hearthhub.error.Refusal;
import org.hearthhub.guard.ConnectionCap;
import org.hearthhub.guard.Sources;
import org.hearthhub.guard.StartGuard;
import org.hearthhub.health.HealthCheck;
import org.hearthhub.live.LiveStore;
import org.hearthhub.live.RedisLiveStore;
import org.hearthhub.metrics.HubMetrics;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.Program;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.hosting.PersonalCapacity;
import org.hearthhub.hosting.ProgramAssembly;
import org.hearthhub.model.ProgramId;
import org.hearthhub.hosting.ProgramRegistry;
import org.hearthhub.settings.CurrentAccounts;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.RedisSettingsStore;
import org.hearthhub.settings.SettingsStore;
import org.hearthhub.referral.WarmReferrals;
import org.hearthhub.sms.SmsBridge;
import org.hearthhub.video.RoomTokens;
import org.hearthhub.video.VideoRooms;
import org.hearthhub.voice.VoiceBridge;
import org.hearthhub.web.AuthRoutes;
import org.hearthhub.web.ChatPage;
import org.hearthhub.web.DemoPage;
import org.hearthhub.web.EndBeacons;
import org.hearthhub.web.Failures;
import org.hearthhub.web.RequestsPerSource;
import org.hearthhub.web.SecurityHeaders;
import org.hearthhub.web.WellFormedQuery;
import org.hearthhub.web.SurvivorApi;
import org.hearthhub.web.WidgetAssets;
import org.hearthhub.ws.SocketEndpoints;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** Wires the hub's parts together and runs its HTTP/WebSocket server. The one place that knows every class. */
public final class Hub {
    private static final Logger LOG = Logger.getLogger(Hub.class.getName());

    /**
     * Knobs for tests and benchmarks; production uses {@link #DEFAULTS}.
     *
     * @param sessionCheckMillis how often open consoles re-check their staff session, i.e. how long a console
     *                           can outlive a session that ended by its idle timeout
     */
    public record Tuning(long queueCoalesceMillis, long sweepIntervalMillis, PasswordHasher hasher, long sessionCheckMillis) {
        public static final long SESSION_CHECK_MILLIS = 5_000;

        public Tuning(long queueCoalesceMillis, long sweepIntervalMillis, PasswordHasher hasher) {
            this(queueCoalesceMillis, sweepIntervalMillis, hasher, SESSION_CHECK_MILLIS);
        }
    }

    public static final Tuning DEFAULTS = new Tuning(50, 15_000, null);

    private final Vertx vertx;
    private final HubConfig config;
    private final LiveStore live;
    private final SettingsStore settingsStore;
    private final HostedPrograms programs;
    private final CurrentAccounts accounts;
    private final SocketEndpoints sockets;
    private final SmsBridge sms;
    private final VoiceBridge voice;
    private final int port;
    private final int eventLoops;
    /** The server verticles (one per event loop) and the maintenance verticle, undeployed at stop. */
    private final List<String> deployments;
    private final HealthCheck health;
    private final PortFile portFile;
    /** Held from before the start reads the data directory until the stop has closed everything that writes it. */
    private final DataDirLock dataDirLock;
    /** The first lead this start made, taken back if the start fails after all. */
    private final FirstLead firstLead;
    /** Set by the first {@link #stop()}; a second call (a shutdown hook after a failed start) gets the same. */
    private Future<Void> stopped;

    private Hub(Vertx vertx, HubConfig config, LiveStore live, SettingsStore settingsStore, HostedPrograms programs,
                CurrentAccounts accounts, SocketEndpoints sockets,
                SmsBridge sms, VoiceBridge voice, int port, int eventLoops, List<String> deployments, HealthCheck health,
                FirstLead firstLead, DataDirLock dataDirLock) {
        this.vertx = vertx;
        this.config = config;
        this.live = live;
        this.settingsStore = settingsStore;
        this.programs = programs;
        this.accounts = accounts;
        this.sockets = sockets;
        this.sms = sms;
        this.voice = voice;
        this.port = port;
        this.eventLoops = eventLoops;
        this.deployments = deployments;
        this.health = health;
        this.firstLead = firstLead;
        this.dataDirLock = dataDirLock;
        this.portFile = PortFile.of(config.network().portFile(), port);
    }

    /**
     * With {@code server.port: 0}, on a free port: {@link #port()} and {@code config().publicUrl()} then name it,
     * and so does {@code server.portFile} when one is asked for.
     */
    public static Future<Hub> start(Vertx vertx, HubConfig config, Clock clock, Tuning tuning) {
        return start(vertx, config, clock, tuning, hub -> Future.succeededFuture());
    }

    /**
     * @param listening run once the hub listens, before it writes its port to {@code server.portFile}: what it says
     *                  (Main's ready line) is in the log by the time a launcher finds the file
     */
    public static Future<Hub> start(Vertx vertx, HubConfig config, Clock clock, Tuning tuning, Function<Hub, Future<?>> listening) {
        // Taken before anything under the data directory is read and before the port: a hub refused the directory
        // has listened nowhere and written nothing. Kept by the hub from here; released once a failed start is undone.
        return takeDataDir(vertx, config).compose(lock -> listen(vertx, config, clock, tuning, lock)
                        .recover(e -> lock.releaseOffTheLoop().transform(released -> Future.<Hub>failedFuture(e))))
                .compose(hub -> listening.apply(hub)
                .compose(v -> hub.portFile.write(vertx))
                // Asked for and not written: whoever asked would wait for it in vain, so the hub does not run on, and
                // the first lead it made goes with it (before the stop closes the store it is in).
                .recover(e -> FirstLeadBootstrap.withdraw(hub.firstLead, hub.accounts, vertx)
                        .transform(taken -> hub.stop()).transform(done -> Future.<Void>failedFuture(e)))
                .map(hub));
    }

    /** Every hub holds its data directory, on Redis too: the first lead's password file and the SMS key are there. */
    private static Future<DataDirLock> takeDataDir(Vertx vertx, HubConfig config) {
        return DataDirLock.take(vertx, config.dataDir()).recover(e -> Future.failedFuture(e instanceof DataDirLock.InUse
                ? new IllegalStateException(e.getMessage() + "; stop it first, or give each hub a data directory of its own "
                + "(server.dataDir, HEARTH_DATA_DIR)", e) : e));
    }

    private static Future<Hub> listen(Vertx vertx, HubConfig config, Clock clock, Tuning tuning, DataDirLock lock) {
        if (config.port() != 0) return start(vertx, config, clock, tuning, config.port(), lock);
        // Taken first, so that what is wired knows the port; the stand-in holding it leaves once the hub listens.
        return EphemeralPort.take(vertx, serverOptions(config)).compose(port ->
                start(vertx, config.listeningOn(port.actualPort()), clock, tuning, port.key(), lock).eventually(port::release));
    }

    /** @param listenOn the port the server verticles listen on: the configured one, or an {@link EphemeralPort}'s key */
    private static Future<Hub> start(Vertx vertx, HubConfig config, Clock clock, Tuning tuning, int listenOn, DataDirLock lock) {
        // The stores are closed before the failure goes on: the data directory's lock is released only after.
        return openSettings(vertx, config, clock)
                .compose(settingsStore -> openLive(vertx, config, clock)
                        .compose(live -> assemble(vertx, config, clock, tuning, live, settingsStore, listenOn, lock)
                                .recover(e -> live.close().transform(closed -> Future.<Hub>failedFuture(e))))
                        .recover(e -> settingsStore.close().transform(closed -> Future.<Hub>failedFuture(e))));
    }

    /** Files under the data directory for one node; Redis (with persistence) when several nodes share settings. */
    private static Future<SettingsStore> openSettings(Vertx vertx, HubConfig config, Clock clock) {
        if (config.settings().redisUrl() == null) {
            return Future.succeededFuture(new FileSettingsStore(vertx, config.dataDir(), config.programId(), clock));
        }
        return RedisSettingsStore.connect(vertx, config.settings().redisUrl(), config.programId(), clock).map(s -> s);
    }

    /** This process's memory for one node; Redis without persistence (checked at start) for several. */
    private static Future<LiveStore> openLive(Vertx vertx, HubConfig config, Clock clock) {
        if (config.live().redisUrl() == null) {
            return Future.succeededFuture(ProgramAssembly.inMemoryLiveStore(vertx, config, clock));
        }
        return RedisLiveStore.connect(vertx, config).map(s -> s);
    }

    private static Future<Hub> assemble(Vertx vertx, HubConfig config, Clock clock, Tuning tuning, LiveStore live,
                                        SettingsStore settingsStore, int listenOn, DataDirLock lock) {
        // The video keys are read first: a half-configured Jitsi stops the start with a clear message.
        return RoomTokens.load(vertx, config.jitsi())
                // The device cookies' signing key: the hub's own, in the (default program's) settings store every node shares.
                .compose(videoTokens -> DeviceCookies.load(settingsStore, config.auth().secureCookies(), clock)
                        .compose(devices -> wire(vertx, config, clock, tuning, live, settingsStore, videoTokens, devices, listenOn, lock)));
    }

    private static Future<Hub> wire(Vertx vertx, HubConfig config, Clock clock, Tuning tuning, LiveStore live,
                                    SettingsStore settingsStore, RoomTokens videoTokens, DeviceCookies devices, int listenOn,
                                    DataDirLock lock) {
        HubMetrics metrics = new HubMetrics(vertx);
        metrics.watchStore(live);
        // Hub-wide: the staff accounts, staff sessions, sign-ins and the list of programs, in the default program's stores.
        CurrentAccounts accounts = new CurrentAccounts(settingsStore);
        ProgramRegistry registry = new ProgramRegistry(defaultProgram(config), settingsStore, clock);
        // Capacity is the person's across programs: each program counts its own, the turn that orders one person's steps is hub-wide.
        PersonalCapacity capacity = new PersonalCapacity(vertx, live, accounts, ProgramId.of(config.programId()));
        ProgramAssembly hosting = new ProgramAssembly(vertx, config, clock, metrics, videoTokens, capacity);
        HostedProgram main = hosting.host(registry.defaultProgram(), settingsStore, live, settingsStore);
        HostedPrograms programs = new HostedPrograms(registry, main, program -> hosting.open(program, settingsStore, live));
        programs.whenOpened(capacity::count);
        CurrentSettings settings = main.settings();
        AuditLog audit = main.audit();
        VideoRooms video = main.video();
        PasswordHasher hasher = tuning.hasher() != null ? tuning.hasher() : new PasswordHasher(vertx);
        StaffSessions sessions = new StaffSessions(live, live, config.auth(), clock);
        Sources sources = new Sources(config.network().trustedProxies(), clock);
        LoginAttempts loginAttempts = new LoginAttempts(live, config.auth(), clock);
        LoginService login = new LoginService(accounts, live, hasher, sessions, config.auth(), clock, loginAttempts,
                new SignInLog(username -> username == null ? Future.succeededFuture(List.of(audit))
                        : accounts.account(username).map(programs::auditLogsOf), clock), devices);
        ConnectionCap connections = new ConnectionCap(config.limits().connectionsPerSource());
        WarmReferrals referrals = new WarmReferrals(vertx, programs, clock);
        SocketEndpoints sockets = new SocketEndpoints(vertx, programs, accounts, sessions, config, tuning.queueCoalesceMillis(),
                sources, connections, new StartGuard(config.limits(), live, live, clock), referrals, clock, metrics);
        metrics.watchSockets(sockets::survivorSockets, sockets::advocateSockets);

        SurvivorApi survivorApi = new SurvivorApi(programs, config.publicUrl());
        EndBeacons endBeacons = new EndBeacons(programs, clock, config.publicUrl());
        AuthRoutes authRoutes = new AuthRoutes(login, sessions, devices, config, sources, new ShiftsAtSignOut(programs, accounts, sessions));
        ConsoleRoutes consoleRoutes = new ConsoleRoutes(vertx, config, clock, live, accounts, programs, sessions, hasher, loginAttempts, devices);
        HealthCheck health = HealthCheck.of(vertx, config, clock);
        ChatPage chatPage = ChatPage.load();
        // Every route, mounted on each event loop's own router (routers are not shared between loops).
        Consumer<Router> commonRoutes = router -> {
            router.route().handler(new SecurityHeaders(config.publicUrl(), video.domain().orElse(null), chatPage.scriptSources(),
                    program -> programs.named(program).map(p -> p.settings().get().widget().embedOrigins()).orElse(List.of())));
            router.route().handler(new WellFormedQuery());
            router.route().handler(new RequestsPerSource(sources, connections));
            health.mount(router);
            metrics.mount(router, config.metrics().token());
            survivorApi.mount(router);
            endBeacons.mount(router);
            authRoutes.mount(router);
            WidgetAssets.mount(router, chatPage, programs);
            DemoPage.mount(router, config.publicUrl());
            consoleRoutes.mount(router);
        };

        HttpServerOptions options = serverOptions(config).setPort(listenOn);
        int loops = config.network().eventLoops();

        return settings.reload()
                .compose(s -> accounts.reload())
                .compose(v -> programs.sync())
                // SMS: Twilio webhooks and the relay of live events to texters; off unless configured.
                .compose(v -> SmsBridge.start(vertx, config, programs, referrals, clock, metrics))
                // The phone hotline: Twilio Voice webhooks and the calls to advocates' phones; off unless configured.
                .compose(sms -> VoiceBridge.start(vertx, config, programs, accounts, metrics)
                        .map(voice -> new Bridges(sms, voice))
                        .recover(undoing(sms::close)))
                .compose(bridges -> {
                    SmsBridge sms = bridges.sms();
                    VoiceBridge voice = bridges.voice();
                    Consumer<Router> routes = router -> {
                        commonRoutes.accept(router);
                        sms.mount(router);
                        voice.mount(router);
                        // Unknown paths, and failures on routes that have no failure handler of their own.
                        Failures failures = Failures.hub();
                        router.route().last().handler(ctx -> failures.reply(ctx, Refusal.notFound("error.nothing_here")))
                                .failureHandler(failures);
                    };
                    List<HubVerticle> servers = new ArrayList<>();
                    DeploymentOptions perLoop = new DeploymentOptions().setInstances(loops);
                    return vertx.deployVerticle(() -> {
                                HubVerticle server = new HubVerticle(options, routes, sockets::handshake);
                                synchronized (servers) {
                                    servers.add(server);
                                }
                                return server;
                            }, perLoop)
                            // A port another process holds, or a host this machine does not have: say which option.
                            .recover(e -> Future.failedFuture(new IllegalStateException("cannot listen on "
                                    + (config.port() == 0 ? "a free port" : "port " + config.port()) + " of " + config.host()
                                    + ", set by server.port (HEARTH_PORT) and server.host (HEARTH_HOST): " + e.getMessage(), e)))
                            .compose(serversId -> vertx.deployVerticle(new MaintenanceVerticle(config, tuning, programs, sockets, login,
                                            accounts))
                                    // Made once the hub listens: a start that cannot (its port taken) leaves no lead behind.
                                    .compose(maintenanceId -> FirstLeadBootstrap.ensureLead(accounts, hasher, config.dataDir(), clock)
                                            .recover(undoing(() -> vertx.undeploy(maintenanceId)))
                                            .map(firstLead -> {
                                                metrics.start();
                                                return new Hub(vertx, config, live, settingsStore, programs, accounts,
                                                        sockets, sms, voice, servers.get(0).actualPort(), loops,
                                                        List.of(serversId, maintenanceId), health, firstLead, lock);
                                            }))
                                    .recover(undoing(() -> vertx.undeploy(serversId))))
                            // The port taken or a verticle failing: the bridges started above must not outlive it.
                            .recover(undoing(() -> sms.close().eventually(voice::close)));
                })
                .recover(undoing(health::close));
    }

    /**
     * A failed step's recovery: {@code undo} runs, and the failure goes on once it has ended, however it ended. So a
     * failed start's clean-up has ended before the stores close and the data directory's lock is released after them:
     * no second hub takes the directory while this one's verticles or bridges still run.
     */
    private static <T> Function<Throwable, Future<T>> undoing(Supplier<Future<?>> undo) {
        return e -> undo.get().transform(done -> Future.failedFuture(e));
    }

    private static HttpServerOptions serverOptions(HubConfig config) {
        return SocketEndpoints.withSocketLimits(new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setCompressionSupported(true)
                // Nothing heard from the client this long: closed. Open sockets are pinged well within it
                // (SocketUpkeep) and a live browser's answer is traffic, so only dead or silent peers go.
                .setReadIdleTimeout(config.network().idleTimeoutSeconds()), config.limits());
    }

    /**
     * The default program, owning the numbers the configuration names: {@code twilio.from} (unless it is a
     * messaging service, whose numbers the hub does not know) and {@code voice.number}.
     */
    private static Program defaultProgram(HubConfig config) {
        ProgramId id = ProgramId.of(config.programId());
        String sms = config.twilio().from() != null && config.twilio().from().matches(ConfigLoader.E164) ? config.twilio().from() : null;
        return new Program(id, id.value(), null, sms, config.voice().number());
    }

    /** The Twilio adapters, started one after the other. */
    private record Bridges(SmsBridge sms, VoiceBridge voice) {
    }

    /** The port the hub listens on: the one it got when {@code server.port} is 0. */
    public int port() {
        return port;
    }

    /** How many event loops serve HTTP and WebSockets on this node ({@code server.eventLoops}). */
    public int eventLoops() {
        return eventLoops;
    }

    /** The configuration as the hub runs it: with port 0 asked for, the port (and the default public URL) it got. */
    public HubConfig config() {
        return config;
    }

    public LiveStore liveStore() {
        return live;
    }

    public SettingsStore settingsStore() {
        return settingsStore;
    }

    /** The program settings as the hub serves them; {@code settings().reload()} picks up a direct store write. */
    public CurrentSettings settings() {
        return programs.defaultProgram().settings();
    }

    /** The programs this hub hosts, each with its own parts; {@code programs().defaultProgram()} is the one above. */
    public HostedPrograms programs() {
        return programs;
    }

    /** The staff accounts as this node serves them, from memory; a save through them is seen here at once. */
    public CurrentAccounts accounts() {
        return accounts;
    }

    /** The default program's conversations. */
    public ConversationService conversations() {
        return programs.defaultProgram().conversations();
    }

    /** Video rooms; {@code videoRooms().videoEnabled()} tells the console whether to offer video. */
    public VideoRooms videoRooms() {
        return programs.defaultProgram().video();
    }

    public SocketEndpoints sockets() {
        return sockets;
    }

    public SmsBridge sms() {
        return sms;
    }

    public VoiceBridge voice() {
        return voice;
    }

    /** Stops the hub; a second call returns the first one's outcome. */
    public synchronized Future<Void> stop() {
        if (stopped == null) stopped = stopOnce();
        return stopped;
    }

    private Future<Void> stopOnce() {
        // The port file goes first: from now on this port is no place to send anyone.
        Future<Void> undeployed = portFile.remove(vertx);
        for (String id : deployments) undeployed = undeployed.compose(v -> vertx.undeploy(id));
        return undeployed.compose(v -> health.close()).compose(v -> sms.close()).compose(v -> voice.close())
                .compose(v -> programs.close())
                .compose(v -> live.close())
                .compose(v -> settingsStore.close())
                // Last: until the stores are closed this hub may still write the data directory.
                .eventually(() -> dataDirLock.releaseOffTheLoop());
    }
}
