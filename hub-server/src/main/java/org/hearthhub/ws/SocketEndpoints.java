package org.hearthhub.ws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import org.hearthhub.auth.StaffAccess;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.config.HubConfig;
import org.hearthhub.guard.ConnectionCap;
import org.hearthhub.guard.Origins;
import org.hearthhub.guard.Source;
import org.hearthhub.guard.Sources;
import org.hearthhub.guard.StartGuard;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.model.SocketSide;
import org.hearthhub.model.StaffSession;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.model.ProgramId;
import org.hearthhub.referral.WarmReferrals;
import org.hearthhub.settings.AccountStore;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Accepts WebSocket upgrades: {@code /ws/survivor} for anyone but a page of another site (an Origin other
 * than the hub's public URL; no Origin is fine), {@code /ws/advocate} only with a live
 * staff session and an Origin equal to the hub's public URL (so another site cannot ride a session),
 * of an enabled account that may use the console now (TOTP enrolled where the program requires it).
 * Either way a source holding {@code limits.connectionsPerSource} connections already is refused with 429.
 */
public final class SocketEndpoints {
    private static final Logger LOG = Logger.getLogger(SocketEndpoints.class.getName());
    public static final String SURVIVOR_PATH = "/ws/survivor";
    public static final String ADVOCATE_PATH = "/ws/advocate";
    /** The console's remembered program (the console's Workplace sets it), which a socket naming none serves. */
    private static final String PROGRAM_COOKIE = "hearth-program";

    private final HostedPrograms programs;
    /** Each program's sockets, apart: a program's events and queue reach only its own sockets. */
    private final Map<ProgramId, SocketDirectory> directories = new ConcurrentHashMap<>();
    private final AccountStore accounts;
    private final StaffSessions sessions;
    private final StaffAccess access;
    private final HubConfig config;
    private final FrameReader reader;
    private final Sources sources;
    private final Vertx vertx;
    private final ConnectionCap connections;
    private final StartGuard starts;
    private final WarmReferrals referrals;
    private final long queueCoalesceMillis;
    private final long pingMillis;
    private final long startMillis;
    private final SocketCounts counts;

    /**
     * Serves the survivors of every program {@code programs} holds, now and as they open, and the consoles of the
     * default program; staff sessions and the per-source guards are the hub's.
     */
    public SocketEndpoints(Vertx vertx, HostedPrograms programs, AccountStore accounts, StaffSessions sessions, HubConfig config,
                           long queueCoalesceMillis, Sources sources, ConnectionCap connections, StartGuard starts,
                           WarmReferrals referrals, Clock clock, SocketCounts counts) {
        this.counts = counts;
        this.referrals = referrals;
        this.programs = programs;
        this.accounts = accounts;
        this.sessions = sessions;
        this.access = new StaffAccess(accounts, new org.hearthhub.auth.TotpRules(programs));
        this.config = config;
        this.queueCoalesceMillis = queueCoalesceMillis;
        this.reader = new FrameReader(config.limits().maxFrameBytes(), clock);
        this.sources = sources;
        this.vertx = vertx;
        this.connections = connections;
        // A third of the idle timeout: a ping or its answer may be lost once without the socket being cut.
        this.pingMillis = config.network().idleTimeoutSeconds() * 1000L / 3;
        this.startMillis = config.limits().socketStartSeconds() * 1000L;
        this.starts = starts;
        programs.whenOpened(this::attach);
    }

    /** A program's own directory and queue pushes, fed by its own live store's events. */
    private void attach(HostedProgram program) {
        QueueBroadcaster broadcaster = new QueueBroadcaster(vertx, program.conversations(), queueCoalesceMillis);
        SocketDirectory directory = new SocketDirectory(broadcaster, config.limits().socketsPerChat(),
                config.limits().consolesPerAccount(), counts);
        broadcaster.attach(directory);
        directories.put(program.id(), directory);
        program.live().subscribe(directory::route);
        program.live().subscribe(starts::onEvent);
        // Staff sessions are the hub's: their end is announced on the default program's store, to every program's consoles.
        HostedProgram main = programs.defaultProgram();
        if (main != program) main.live().subscribe(e -> {
            if (e instanceof LiveEvent.SessionEnded) directory.route(e);
        });
    }

    private SocketDirectory directory(HostedProgram program) {
        return directories.get(program.id());
    }

    /**
     * The server's WebSocket settings. No compression: the frames are a few hundred bytes, deflate would
     * cost every socket its own compressor state, and Vert.x gives no way to cap what a compressed frame
     * inflates to. Frames and messages are cut off at the hard limit ({@link FrameReader#hardLimit(int)}).
     */
    public static HttpServerOptions withSocketLimits(HttpServerOptions options, HubConfig.Limits limits) {
        int hardLimit = FrameReader.hardLimit(limits.maxFrameBytes());
        return options.setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setMaxWebSocketFrameSize(hardLimit)
                .setMaxWebSocketMessageSize(hardLimit);
    }

    /** On how many event loops this node's open sockets live (each loop keeps the sockets it accepted). */
    public int loopsHoldingSockets() {
        Set<Object> loops = new HashSet<>();
        directories.values().forEach(d -> d.addLoops(loops));
        return loops.size();
    }

    public int survivorSockets() {
        return directories.values().stream().mapToInt(SocketDirectory::survivorCount).sum();
    }

    public int advocateSockets() {
        return directories.values().stream().mapToInt(SocketDirectory::advocateCount).sum();
    }

    public void handshake(ServerWebSocketHandshake hs) {
        switch (hs.path()) {
            case SURVIVOR_PATH -> {
                // A browser names the page's origin, and the chat app is the hub's own page: another site's page
                // could otherwise have every visitor's browser start a chat, flooding the queue from as many networks.
                // A client that is no browser sends none, and could send any.
                String origin = hs.headers().get(HttpHeaders.ORIGIN);
                if (origin != null && !Origins.allowed(origin, config.publicUrl())) {
                    hs.reject(403);
                    return;
                }
                // Refused before anything is made for it: the chat app asks the status of its program first.
                HostedProgram program = programs.named(programParam(hs.uri())).orElse(null);
                if (program == null) {
                    hs.reject(404);
                    return;
                }
                SocketDirectory directory = directory(program);
                Source source = sources.of(hs);
                ConnectionCap.Lease lease = connections.open(source);
                if (lease == null) {
                    hs.reject(429);
                    return;
                }
                hs.accept().onSuccess(ws -> {
                    FrameOut out = frameOut(ws, SocketSide.SURVIVOR);
                    SurvivorSocket socket = new SurvivorSocket(ws, out, Vertx.currentContext(), source, starts, program.conversations(),
                            program.settings(), directory, reader, referrals.of(program));
                    directory.add(socket);
                    directory.keepUp(socket, upkeep(ws, out, lease).closeUnlessStarted(startMillis, socket::begun));
                }).onFailure(e -> lease.close());
            }
            case ADVOCATE_PATH -> acceptAdvocate(hs);
            default -> hs.reject(404);
        }
    }

    private void acceptAdvocate(ServerWebSocketHandshake hs) {
        if (!Origins.allowed(hs.headers().get(HttpHeaders.ORIGIN), config.publicUrl())) {
            hs.reject(403);
            return;
        }
        String cookie = sessions.cookieFrom(hs.headers().get(HttpHeaders.COOKIE));
        if (cookie == null) {
            hs.reject(401);
            return;
        }
        String named = programParam(hs.uri());
        String remembered = cookieValue(hs.headers().get(HttpHeaders.COOKIE), PROGRAM_COOKIE);
        sessions.resolve(cookie).compose(session -> {
            if (session == null) return hs.reject(401).mapEmpty();
            return access.check(session).compose(verdict -> switch (verdict.standing()) {
                // Pages and APIs answer these the same way (ConsoleGuards); here the upgrade is all we can refuse.
                case SIGNED_OUT -> sessions.end(cookie).compose(v -> hs.reject(401)).mapEmpty();
                case TOTP_ENROLMENT_DUE, PASSWORD_CHANGE_DUE -> hs.reject(403).mapEmpty();
                case ALLOWED -> {
                    // The socket serves one program the person works in: its queue, conversations and shifts only.
                    HostedProgram program = programs.membership(verdict.account(), named, remembered)
                            .map(HostedPrograms.Membership::program).orElse(null);
                    if (program == null) yield hs.reject(403).mapEmpty();
                    ConnectionCap.Lease lease = connections.open(sources.of(hs));
                    if (lease == null) yield hs.reject(429).mapEmpty();
                    yield hs.accept().onFailure(e -> lease.close()).onSuccess(ws -> {
                        try {
                            openConsole(ws, session, cookie, program, lease);
                        } catch (RuntimeException e) {
                            // Accepted already: a handshake cannot be refused any more, so the socket is closed.
                            LOG.warning("console socket not opened: " + e.getClass().getSimpleName());
                            lease.close();
                            ws.close((short) 1013, "console state unavailable, reconnect");
                        }
                    }).mapEmpty();
                }
            });
        }).onFailure(e -> hs.reject(503)); // before the upgrade only: an accepted socket that fails to open is closed above
    }

    private void openConsole(ServerWebSocket ws, StaffSession session, String cookie, HostedProgram program,
                             ConnectionCap.Lease lease) {
        SocketDirectory directory = directory(program);
        FrameOut out = frameOut(ws, SocketSide.ADVOCATE);
        AdvocateSocket socket = new AdvocateSocket(ws, out, Vertx.currentContext(), session, StaffSessions.hash(cookie), sessions,
                access, program.conversations(), program.partnerCards(), program.video(), accounts, directory, reader,
                referrals.of(program));
        directory.keepUp(socket, upkeep(ws, out, lease));
        socket.greet();
    }

    private FrameOut frameOut(ServerWebSocket ws, SocketSide side) {
        return new FrameOut(ws, config.limits().unsentBytesPerSocket(), () -> counts.cutForNotReading(side));
    }

    private SocketUpkeep upkeep(ServerWebSocket ws, FrameOut out, ConnectionCap.Lease lease) {
        return new SocketUpkeep(vertx, ws, out, lease, pingMillis);
    }

    /**
     * Re-checks the session and the account of every console socket on this node, without counting as
     * activity; a socket whose session has ended (e.g. by its idle timeout) or whose account now owes a
     * TOTP enrolment, or who no longer works in the socket's program (its {@link LiveEvent.LeftProgram} missed, say
     * while the live Redis was away), is told and closed.
     *
     * @return completes (never fails) once every socket has been checked, and told and closed where it had to be
     */
    public Future<Void> checkAdvocateSessions() {
        return checkAdvocateSessions(0, 1);
    }

    /**
     * {@link #checkAdvocateSessions()} for one share of the consoles: those whose {@link AdvocateSocket#checkSlot}
     * falls in {@code slice} of {@code slices}. The hub's timer runs the slices in turn ({@code MaintenanceVerticle}),
     * so each console is checked once a period and an open console outlives its session by at most that period,
     * but never all consoles in one instant: with 1,600 open, checking them together held every chat back by up to
     * ~20 ms every period (docs/benchmark-history.md, History 21).
     */
    public Future<Void> checkAdvocateSessions(int slice, int slices) {
        List<Future<?>> checks = new ArrayList<>();
        directories.forEach((program, d) -> d.advocates().forEach(socket -> {
            if (Math.floorMod(socket.checkSlot(), slices) != slice) return;
            checks.add(socket.recheckSession());
            checks.add(accounts.account(socket.username()).onSuccess(account -> {
                if (account.isPresent() && account.get().roleIn(program.value(), programs.defaultProgram().id().value()).isEmpty()) {
                    socket.onEvent(new LiveEvent.LeftProgram(socket.username()));
                }
            }));
        }));
        return Future.join(checks).transform(done -> Future.succeededFuture());
    }

    /** The value of one cookie in a Cookie header, or null. */
    private static String cookieValue(String header, String name) {
        if (header == null) return null;
        for (io.netty.handler.codec.http.cookie.Cookie c : io.netty.handler.codec.http.cookie.ServerCookieDecoder.STRICT.decode(header)) {
            if (c.name().equals(name)) return c.value();
        }
        return null;
    }

    /** The {@code program} of a socket's URL; null when it names none. */
    static String programParam(String uri) {
        List<String> values = new QueryStringDecoder(uri == null ? "" : uri).parameters().get("program");
        return values == null || values.isEmpty() ? null : values.get(0);
    }

}
