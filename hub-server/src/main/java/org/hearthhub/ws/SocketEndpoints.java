package org.hearthhub.ws;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import org.hearthhub.auth.StaffAccess;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.chat.PartnerCards;
import org.hearthhub.config.HubConfig;
import org.hearthhub.guard.ConnectionCap;
import org.hearthhub.guard.Origins;
import org.hearthhub.guard.Source;
import org.hearthhub.guard.Sources;
import org.hearthhub.guard.StartGuard;
import org.hearthhub.live.LiveEvents;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.video.VideoRooms;

import java.time.Clock;

/**
 * Accepts WebSocket upgrades: {@code /ws/survivor} for anyone, {@code /ws/advocate} only with a live
 * staff session and an Origin equal to the hub's public URL (so another site cannot ride a session),
 * of an enabled account that may use the console now (TOTP enrolled where the program requires it).
 * Either way a source holding {@code limits.connectionsPerSource} connections already is refused with 429.
 */
public final class SocketEndpoints {
    public static final String SURVIVOR_PATH = "/ws/survivor";
    public static final String ADVOCATE_PATH = "/ws/advocate";

    private final ConversationService conversations;
    private final PartnerCards partnerCards;
    private final VideoRooms video;
    private final CurrentSettings settings;
    private final AccountStore accounts;
    private final StaffSessions sessions;
    private final StaffAccess access;
    private final HubConfig config;
    private final SocketDirectory directory;
    private final FrameReader reader;
    private final Sources sources;
    private final Vertx vertx;
    private final ConnectionCap connections;
    private final StartGuard starts;
    private final long pingMillis;
    private final long startMillis;

    public SocketEndpoints(Vertx vertx, LiveEvents live, ConversationService conversations, PartnerCards partnerCards, VideoRooms video,
                           CurrentSettings settings, AccountStore accounts, StaffSessions sessions, HubConfig config, long queueCoalesceMillis,
                           Sources sources, ConnectionCap connections, StartGuard starts, Clock clock) {
        this.conversations = conversations;
        this.partnerCards = partnerCards;
        this.video = video;
        this.settings = settings;
        this.accounts = accounts;
        this.sessions = sessions;
        this.access = new StaffAccess(accounts, settings);
        this.config = config;
        QueueBroadcaster broadcaster = new QueueBroadcaster(vertx, conversations, queueCoalesceMillis);
        this.directory = new SocketDirectory(broadcaster);
        broadcaster.attach(directory);
        this.reader = new FrameReader(config.limits().maxFrameBytes(), clock);
        this.sources = sources;
        this.vertx = vertx;
        this.connections = connections;
        // A third of the idle timeout: a ping or its answer may be lost once without the socket being cut.
        this.pingMillis = config.network().idleTimeoutSeconds() * 1000L / 3;
        this.startMillis = config.limits().socketStartSeconds() * 1000L;
        this.starts = starts;
        live.subscribe(directory::route);
        live.subscribe(starts::onEvent);
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

    /** Called with the wire code of every error frame sent, for metrics. */
    public void onErrorSent(java.util.function.Consumer<String> observer) {
        directory.observeErrors(observer);
    }

    /** Called with the side ({@code survivor} or {@code advocate}) of every frame dropped over a socket's flood budget. */
    public void onFrameOverBudget(java.util.function.Consumer<String> observer) {
        directory.observeOverBudget(observer);
    }

    /** On how many event loops this node's open sockets live (each loop keeps the sockets it accepted). */
    public int loopsHoldingSockets() {
        return directory.loopsHoldingSockets();
    }

    public int survivorSockets() {
        return directory.survivorCount();
    }

    public int advocateSockets() {
        return directory.advocateCount();
    }

    public void handshake(ServerWebSocketHandshake hs) {
        switch (hs.path()) {
            case SURVIVOR_PATH -> {
                Source source = sources.of(hs);
                ConnectionCap.Lease lease = connections.open(source);
                if (lease == null) {
                    hs.reject(429);
                    return;
                }
                hs.accept().onSuccess(ws -> {
                    SurvivorSocket socket = new SurvivorSocket(ws, Vertx.currentContext(), source, starts, conversations, settings, directory, reader);
                    directory.add(socket);
                    directory.keepUp(socket, upkeep(ws, lease).closeUnlessStarted(startMillis, socket::begun));
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
        sessions.resolve(cookie).compose(session -> {
            if (session == null) return hs.reject(401).mapEmpty();
            return access.check(session).compose(verdict -> switch (verdict.standing()) {
                // Pages and APIs answer these the same way (ConsoleGuards); here the upgrade is all we can refuse.
                case SIGNED_OUT -> sessions.end(cookie).compose(v -> hs.reject(401)).mapEmpty();
                case TOTP_ENROLMENT_DUE, PASSWORD_CHANGE_DUE -> hs.reject(403).mapEmpty();
                case ALLOWED -> {
                    ConnectionCap.Lease lease = connections.open(sources.of(hs));
                    if (lease == null) yield hs.reject(429).mapEmpty();
                    yield hs.accept().onFailure(e -> lease.close()).<Void>map(ws -> {
                        Context context = Vertx.currentContext();
                        AdvocateSocket socket = new AdvocateSocket(ws, context, session, StaffSessions.hash(cookie), sessions,
                                access, conversations, partnerCards, video, accounts, directory, reader);
                        directory.keepUp(socket, upkeep(ws, lease));
                        socket.greet();
                        return null;
                    });
                }
            });
        }).onFailure(e -> hs.reject(503)); // failures before the upgrade only: an accepted socket closes itself (greet)
    }

    private SocketUpkeep upkeep(ServerWebSocket ws, ConnectionCap.Lease lease) {
        return new SocketUpkeep(vertx, ws, lease, pingMillis);
    }

    /**
     * Re-checks the session and the account of every console socket on this node, without counting as
     * activity; a socket whose session has ended (e.g. by its idle timeout) or whose account now owes a
     * TOTP enrolment is told and closed. Hub runs this on a timer, so an open console outlives either by
     * at most that period.
     */
    public void checkAdvocateSessions() {
        directory.advocates().forEach(AdvocateSocket::recheckSession);
    }

}
