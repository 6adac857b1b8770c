package org.hearthhub.auth;

import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import org.hearthhub.config.HubConfig;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveEvents;
import org.hearthhub.live.SessionStore;
import org.hearthhub.model.StaffSession;
import org.hearthhub.settings.Account;
import org.hearthhub.util.Ids;
import org.hearthhub.util.Settled;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Console sessions. The browser holds a random 256-bit value in an HttpOnly cookie; the live store
 * holds the {@link StaffSession} under the SHA-256 of that value, so reading the store does not give
 * anyone a usable cookie. Sessions end after {@code idleTtl} without a request or a frame from their
 * console (sliding expiry).
 */
public final class StaffSessions {
    /** The cookie's name over plain HTTP (a hub on localhost, tests). */
    public static final String COOKIE = "hearth_session";
    /**
     * The name of a Secure cookie (HTTPS): the {@code __Host-} prefix makes the browser take it only with
     * Secure, Path=/ and no Domain, so a sibling subdomain or a plain-HTTP page cannot plant or shadow it.
     */
    public static final String HOST_COOKIE = "__Host-" + COOKIE;
    /** Longest cookie value we bother hashing; ours are 43 characters. */
    private static final int MAX_COOKIE_LENGTH = 128;
    /**
     * Each user's session hashes are listed (atomically, see {@link SessionStore#indexUserSession}), so that
     * disabling an account can end every session of it. The list outlives any plausible working session;
     * a user with more live sessions than {@value #INDEX_MAX} loses the oldest, never the listing of one.
     */
    private static final Duration INDEX_TTL = Duration.ofDays(30);
    private static final int INDEX_MAX = 50;

    private final SessionStore live;
    private final LiveEvents events;
    private final Duration idleTtl;
    /** However active, a session ends this long after sign-in: a stolen cookie kept busy does not live for ever. */
    private final Duration maxAge;
    private final boolean secureCookies;
    private final Clock clock;

    /** A new session: the cookie value goes to the browser, never into the store or a log. */
    public record Created(String cookieValue, StaffSession session) {
        @Override
        public String toString() {
            return "Created[session=" + session.username() + "]";
        }
    }

    public StaffSessions(SessionStore live, LiveEvents events, HubConfig.Auth cfg, Clock clock) {
        this(live, events, Duration.ofMinutes(cfg.sessionIdleMinutes()), Duration.ofHours(cfg.sessionMaxHours()),
                cfg.secureCookies(), clock);
    }

    /** Any idle time (tests use a short one), the default maximum age. */
    public StaffSessions(SessionStore live, LiveEvents events, Duration idleTtl, boolean secureCookies, Clock clock) {
        this(live, events, idleTtl, Duration.ofHours(HubConfig.Auth.DEFAULT_SESSION_MAX_HOURS), secureCookies, clock);
    }

    public StaffSessions(SessionStore live, LiveEvents events, Duration idleTtl, Duration maxAge, boolean secureCookies,
                         Clock clock) {
        this.live = live;
        this.events = events;
        this.idleTtl = idleTtl;
        this.maxAge = maxAge;
        this.secureCookies = secureCookies;
        this.clock = clock;
    }

    public Future<Created> create(Account account) {
        String cookieValue = randomToken();
        StaffSession session = new StaffSession(account.username(), account.displayName(), account.role(),
                randomToken(), clock.instant(), account.uiLanguage());
        String hash = hash(cookieValue);
        return live.putSession(hash, session, idleTtl)
                .compose(v -> live.indexUserSession(account.username(), hash, INDEX_MAX, INDEX_TTL))
                .onSuccess(endedToMakeRoom -> endedToMakeRoom.forEach(this::announceEnd))
                .map(v -> new Created(cookieValue, session));
    }

    /**
     * Ends every session of this user (an account disabled or its password reset); their console
     * sockets close through {@link LiveEvent.SessionEnded}. Returns how many sessions were listed.
     */
    public Future<Integer> endAllFor(String username) {
        return live.takeUserSessions(username).compose(hashes -> Future
                .all(hashes.stream().map(this::removeAndAnnounce).toList())
                .map(v -> hashes.size()));
    }

    private Future<Void> removeAndAnnounce(String sessionHash) {
        return live.removeSession(sessionHash).onSuccess(v -> announceEnd(sessionHash));
    }

    /** Its console sockets, on any node, close. */
    private void announceEnd(String sessionHash) {
        events.publish(new LiveEvent.SessionEnded(sessionHash));
    }

    /** The live session for this cookie value, its idle timer restarted; null when missing, unknown or expired. */
    public Future<StaffSession> resolve(String cookieValue) {
        if (!plausible(cookieValue)) return Future.succeededFuture(null);
        return touch(hash(cookieValue));
    }

    /** Activity on an open console socket: the session by its hash, idle timer restarted; null when it has ended. */
    public Future<StaffSession> touch(String sessionHash) {
        return Settled.then(live.touchSession(sessionHash, idleTtl), s -> unlessTooOld(sessionHash, s)); // every console frame
    }

    /** A background check of an open console socket: the session by its hash, idle timer left alone; null when it has ended. */
    public Future<StaffSession> peek(String sessionHash) {
        return live.peekSession(sessionHash).compose(s -> unlessTooOld(sessionHash, s));
    }

    /** A session past its maximum age is ended (its consoles close) and answered as gone. */
    private Future<StaffSession> unlessTooOld(String sessionHash, StaffSession s) {
        if (s == null || !s.createdAt().plus(maxAge).isBefore(clock.instant())) return Future.succeededFuture(s);
        return removeAndAnnounce(sessionHash).map(v -> (StaffSession) null);
    }

    /**
     * Replaces what a live session records (e.g. its console language), keeping its cookie and CSRF
     * token. A session that has ended meanwhile (say, its account was just disabled) stays ended.
     */
    public Future<Void> replace(String cookieValue, StaffSession session) {
        if (!plausible(cookieValue)) return Future.failedFuture(new IllegalArgumentException("no session cookie"));
        String hash = hash(cookieValue);
        return touch(hash).compose(current -> current == null
                ? Future.succeededFuture()
                : live.putSession(hash, session, idleTtl));
    }

    /**
     * Whether this user is still signed in somewhere other than the session of {@code cookieValue}: another of their
     * listed sessions is live (read without restarting its idle timer).
     */
    public Future<Boolean> signedInElsewhere(String username, String cookieValue) {
        String own = plausible(cookieValue) ? hash(cookieValue) : null;
        return live.userSessions(username).compose(hashes -> Future
                .all(hashes.stream().filter(h -> !h.equals(own)).map(this::peek).toList())
                .map(all -> all.list().stream().anyMatch(Objects::nonNull)));
    }

    /** Ends one session (logout); its console sockets close too. */
    public Future<Void> end(String cookieValue) {
        if (!plausible(cookieValue)) return Future.succeededFuture();
        return removeAndAnnounce(hash(cookieValue));
    }

    /** {@value #HOST_COOKIE} with Secure cookies, else {@value #COOKIE}. */
    public String cookieName() {
        return secureCookies ? HOST_COOKIE : COOKIE;
    }

    /** The session cookie: HttpOnly, SameSite=Strict, whole site, Secure behind HTTPS, gone when the browser closes. */
    public Cookie cookie(String cookieValue) {
        return Cookie.cookie(cookieName(), cookieValue)
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setPath("/")
                .setSecure(secureCookies);
    }

    /** Tells the browser to drop the session cookie. */
    public Cookie clearedCookie() {
        return cookie("").setMaxAge(0);
    }

    public Duration idleTtl() {
        return idleTtl;
    }

    /**
     * The session cookie's value from a raw {@code Cookie} request header (e.g. at a WebSocket upgrade),
     * or null when absent.
     */
    public String cookieFrom(String cookieHeader) {
        return cookieFrom(cookieHeader, cookieName());
    }

    /**
     * The value of the cookie {@code name} in a raw {@code Cookie} header, or null. Read with Netty's
     * strict RFC 6265 decoder, the one Vert.x reads request cookies with, so the WebSocket upgrade and the
     * console's pages see the same cookie; a malformed pair is skipped, the first of two with one name wins.
     */
    public static String cookieFrom(String cookieHeader, String name) {
        if (cookieHeader == null) return null;
        for (io.netty.handler.codec.http.cookie.Cookie c : ServerCookieDecoder.STRICT.decode(cookieHeader)) {
            if (c.name().equals(name)) return c.value().isEmpty() ? null : c.value();
        }
        return null;
    }

    /** Hex SHA-256, the store key for a cookie value. */
    public static String hash(String cookieValue) {
        return Ids.sha256Hex(cookieValue);
    }

    /** 256 random bits, base64url without padding. */
    static String randomToken() {
        return Ids.random(32);
    }

    private static boolean plausible(String cookieValue) {
        return cookieValue != null && !cookieValue.isEmpty() && cookieValue.length() <= MAX_COOKIE_LENGTH;
    }
}
