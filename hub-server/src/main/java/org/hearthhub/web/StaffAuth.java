package org.hearthhub.web;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.auth.StaffSession;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.Role;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Route guards for staff endpoints. Chain them in order: {@code requireSession()} (puts the
 * {@link StaffSession} on the context), then {@code requireLead()} and/or {@code requireCsrf()}.
 */
public final class StaffAuth {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    public static final String LOGIN_PAGE = "/console/login";
    private static final String SESSION_KEY = "hearth.staffSession";
    private static final String COOKIE_KEY = "hearth.staffCookie";

    private final StaffSessions sessions;
    private final Failures failures = Failures.hub();

    public StaffAuth(StaffSessions sessions) {
        this.sessions = sessions;
    }

    /** For API routes: no live session → 401 JSON {@code forbidden}. */
    public Handler<RoutingContext> requireSession() {
        return requireSession(false);
    }

    /**
     * @param redirectToLogin true for console pages: no live session → 302 to {@value #LOGIN_PAGE};
     *                        false for API routes: 401 JSON
     */
    public Handler<RoutingContext> requireSession(boolean redirectToLogin) {
        return ctx -> {
            Cookie cookie = ctx.request().getCookie(sessions.cookieName());
            String value = cookie == null ? null : cookie.getValue();
            sessions.resolve(value).onComplete(ar -> {
                if (ar.failed()) {
                    ctx.fail(ar.cause());
                } else if (ar.result() == null) {
                    if (redirectToLogin) {
                        ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, LOGIN_PAGE)
                                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
                    } else {
                        failures.reply(ctx, new Refusal(ErrorCode.SIGN_IN_REQUIRED));
                    }
                } else {
                    ctx.put(SESSION_KEY, ar.result());
                    ctx.put(COOKIE_KEY, value);
                    ctx.next();
                }
            });
        };
    }

    /** After {@link #requireSession}: anyone but a lead gets 403. */
    public Handler<RoutingContext> requireLead() {
        return ctx -> {
            StaffSession session = session(ctx);
            if (session == null) {
                failures.reply(ctx, new Refusal(ErrorCode.SIGN_IN_REQUIRED));
            } else if (session.role() != Role.LEAD) {
                failures.reply(ctx, Refusal.forbidden("error.lead_only"));
            } else {
                ctx.next();
            }
        };
    }

    /**
     * After {@link #requireSession}: the {@value #CSRF_HEADER} header, or a {@value #CSRF_FIELD} form field
     * (needs a BodyHandler earlier in the chain), must equal the session's token; otherwise 403.
     */
    public Handler<RoutingContext> requireCsrf() {
        return ctx -> {
            StaffSession session = session(ctx);
            if (session == null) {
                failures.reply(ctx, new Refusal(ErrorCode.SIGN_IN_REQUIRED));
                return;
            }
            String sent = ctx.request().getHeader(CSRF_HEADER);
            if (sent == null) sent = ctx.request().getFormAttribute(CSRF_FIELD);
            if (sent != null && constantTimeEquals(sent, session.csrfToken())) {
                ctx.next();
            } else {
                failures.reply(ctx, Refusal.forbidden("error.csrf"));
            }
        };
    }

    /** The session put on the context by {@link #requireSession}, or null. */
    public static StaffSession session(RoutingContext ctx) {
        return ctx.get(SESSION_KEY);
    }

    /** The raw session cookie value that {@link #requireSession} resolved (to end that session), or null. */
    static String cookieValue(RoutingContext ctx) {
        return ctx.get(COOKIE_KEY);
    }

    /**
     * True when {@code origin} (an Origin header) names exactly the scheme, host and port of
     * {@code publicUrl} (HEARTH_PUBLIC_URL); default ports count as written. A missing or
     * {@code "null"} origin is not allowed.
     */
    public static boolean originAllowed(String origin, String publicUrl) {
        if (origin == null || publicUrl == null) return false;
        Endpoint a = Endpoint.parse(origin, true);
        Endpoint b = Endpoint.parse(publicUrl, false);
        return a != null && a.equals(b);
    }

    /** Scheme, host and effective port of a URL. */
    private record Endpoint(String scheme, String host, int port) {
        static Endpoint parse(String text, boolean mustBeBareOrigin) {
            try {
                URI uri = new URI(text.strip());
                String scheme = uri.getScheme();
                String host = uri.getHost();
                if (scheme == null || host == null) return null;
                scheme = scheme.toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) return null;
                if (mustBeBareOrigin && (uri.getRawUserInfo() != null || uri.getRawQuery() != null
                        || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()))) {
                    return null;
                }
                int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
                return new Endpoint(scheme, host.toLowerCase(Locale.ROOT), port);
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }

    static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) return false;
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
