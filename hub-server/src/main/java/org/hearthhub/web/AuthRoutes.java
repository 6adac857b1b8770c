package org.hearthhub.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.hearthhub.auth.LoginOutcome;
import org.hearthhub.auth.LoginService;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.config.HubConfig;
import org.hearthhub.guard.Origins;
import org.hearthhub.guard.Sources;

/**
 * {@code POST /api/v1/login} and {@code POST /api/v1/logout} (docs/protocol.md, "Advocate side").
 * Error bodies are {@code {"code":"…","message":"…"}} with the protocol's codes.
 */
public final class AuthRoutes {
    public static final String LOGIN_PATH = "/api/v1/login";
    public static final String LOGOUT_PATH = "/api/v1/logout";
    /** A login body is a few hundred bytes; anything near this is not a login. */
    public static final int MAX_BODY_BYTES = 8 * 1024;
    private static final int MAX_FIELD_CHARS = 1024;
    private static final String BAD_CREDENTIALS = "The username, password or code is not right.";

    private final LoginService login;
    private final StaffSessions sessions;
    private final HubConfig config;
    private final StaffAuth staffAuth;
    private final Sources sources;

    public AuthRoutes(LoginService login, StaffSessions sessions, HubConfig config, Sources sources) {
        this.login = login;
        this.sessions = sessions;
        this.config = config;
        this.staffAuth = new StaffAuth(sessions);
        this.sources = sources;
    }

    public void mount(Router router) {
        router.post(LOGIN_PATH)
                .handler(this::sameOriginOrNone)
                .handler(bodyLimit())
                .handler(this::login)
                .failureHandler(AuthRoutes::failure);
        router.post(LOGOUT_PATH)
                .handler(this::sameOriginOrNone)
                .handler(bodyLimit())
                .handler(staffAuth.requireSession())
                .handler(staffAuth.requireCsrf())
                .handler(this::logout)
                .failureHandler(AuthRoutes::failure);
    }

    /**
     * Browsers send Origin with every POST; a foreign one means a cross-site form or script, so refuse it.
     * Clients that are not browsers (scripts, the acceptance tests) send none and are allowed.
     */
    private void sameOriginOrNone(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null || Origins.allowed(origin, config.publicUrl())) {
            ctx.next();
        } else {
            StaffAuth.error(ctx, 403, "forbidden", "Requests from this origin are not allowed.");
        }
    }

    /** No file uploads (nothing to disk), and a small cap, enforced even if a router-wide BodyHandler ran first. */
    private static Handler<RoutingContext> bodyLimit() {
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        return ctx -> {
            if (ctx.body() != null && ctx.body().available() && ctx.body().length() > MAX_BODY_BYTES) {
                tooLarge(ctx);
            } else {
                bodies.handle(ctx);
            }
        };
    }

    private void login(RoutingContext ctx) {
        if (ctx.body().length() > MAX_BODY_BYTES) {
            tooLarge(ctx);
            return;
        }
        JsonObject body = jsonObject(ctx.body().buffer());
        if (body == null) {
            StaffAuth.error(ctx, 400, "bad_request", "The body must be a JSON object: {\"username\", \"password\", \"totp\"?}.");
            return;
        }
        String username = text(body, "username");
        String password = text(body, "password");
        Object totp = body.getValue("totp");
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            StaffAuth.error(ctx, 400, "bad_request", "Both \"username\" and \"password\" are required, as strings.");
            return;
        }
        if (totp != null && !(totp instanceof String)) {
            StaffAuth.error(ctx, 400, "bad_request", "\"totp\" must be a string of digits, like \"123456\".");
            return;
        }
        if (username.length() > MAX_FIELD_CHARS || password.length() > MAX_FIELD_CHARS
                || (totp != null && ((String) totp).length() > MAX_FIELD_CHARS)) {
            StaffAuth.error(ctx, 400, "bad_request", "A field is far longer than any username, password or code.");
            return;
        }
        Cookie previous = ctx.request().getCookie(sessions.cookieName());
        login.login(sources.of(ctx.request()), username, password, (String) totp)
                .compose(outcome -> outcome.succeeded() && previous != null
                        ? sessions.end(previous.getValue()).otherwiseEmpty().map(outcome) // one browser, one session
                        : Future.succeededFuture(outcome))
                .onSuccess(outcome -> answer(ctx, outcome))
                .onFailure(ctx::fail);
    }

    private void answer(RoutingContext ctx, LoginOutcome outcome) {
        switch (outcome.status()) {
            case SUCCESS -> {
                StaffSessions.Created created = outcome.session();
                ctx.response()
                        .addCookie(sessions.cookie(created.cookieValue()))
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(new JsonObject()
                                .put("csrfToken", created.session().csrfToken())
                                .put("role", created.session().role().wire())
                                .put("displayName", created.session().displayName())
                                .put("username", created.session().username())
                                .encode());
            }
            case BAD_CREDENTIALS -> StaffAuth.error(ctx, 401, "forbidden", BAD_CREDENTIALS);
            case TOTP_REQUIRED -> StaffAuth.error(ctx, 401, new JsonObject()
                    .put("code", "forbidden")
                    .put("message", "Enter the 6-digit code from your authenticator app.")
                    .put("totpRequired", true));
            case LOCKED -> tooManyTries(ctx, outcome, "locked",
                    "Too many failed attempts for this username from here. Try again in "
                            + minutes(outcome.retryAfterSeconds()) + " minutes, or ask a lead.");
            case WAIT -> tooManyTries(ctx, outcome, "wait",
                    "Too many failed attempts in a row: wait " + outcome.retryAfterSeconds() + " s, then try again.");
            case BUSY -> tooManyTries(ctx, outcome, "busy",
                    "Too many sign-ins are being checked right now. Try again in a moment.");
        }
    }

    /** 429 with Retry-After; {@code reason} tells a client which wait it is (docs/protocol.md). */
    private static void tooManyTries(RoutingContext ctx, LoginOutcome outcome, String reason, String message) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(outcome.retryAfterSeconds()));
        StaffAuth.error(ctx, 429, new JsonObject().put("code", "rate_limited").put("message", message)
                .put("reason", reason).put("retryAfter", outcome.retryAfterSeconds()));
    }

    private static long minutes(long seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }

    private void logout(RoutingContext ctx) {
        login.signOut(StaffAuth.session(ctx).username(), StaffAuth.cookieValue(ctx))
                .onSuccess(v -> ctx.response()
                        .addCookie(sessions.clearedCookie())
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .setStatusCode(204)
                        .end())
                .onFailure(ctx::fail);
    }

    private static void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status == 413) {
            tooLarge(ctx);
        } else if (status == 400) {
            StaffAuth.error(ctx, 400, "bad_request", "The request could not be read.");
        } else {
            // No details in the answer or the log line: a failure here may carry credentials.
            System.getLogger(AuthRoutes.class.getName()).log(System.Logger.Level.ERROR, "login/logout failed: "
                    + (ctx.failure() == null ? "status " + status : ctx.failure().getClass().getName()));
            StaffAuth.error(ctx, 500, "unavailable", "The hub could not complete this; please try again.");
        }
    }

    private static void tooLarge(RoutingContext ctx) {
        StaffAuth.error(ctx, 413, "too_large", "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }

    private static JsonObject jsonObject(Buffer buffer) {
        if (buffer == null || buffer.length() == 0) return null;
        try {
            Object value = Json.decodeValue(buffer);
            return value instanceof JsonObject o ? o : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    private static String text(JsonObject body, String field) {
        return body.getValue(field) instanceof String s ? s : null;
    }
}
