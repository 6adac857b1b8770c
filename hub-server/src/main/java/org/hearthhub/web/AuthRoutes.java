package org.hearthhub.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.hearthhub.auth.DeviceCookies;
import org.hearthhub.auth.LoginOutcome;
import org.hearthhub.auth.LoginService;
import org.hearthhub.auth.ShiftsAtSignOut;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.config.HubConfig;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.guard.Origins;
import org.hearthhub.guard.Sources;

import java.util.logging.Logger;

/**
 * {@code POST /api/v1/login} and {@code POST /api/v1/logout} (docs/protocol.md, "Advocate side").
 * Refusals are answered by {@link Failures}, with the protocol's codes.
 */
public final class AuthRoutes {
    private static final Logger LOG = Logger.getLogger(AuthRoutes.class.getName());
    public static final String LOGIN_PATH = "/api/v1/login";
    public static final String LOGOUT_PATH = "/api/v1/logout";
    /** A login body is a few hundred bytes; anything near this is not a login. */
    public static final int MAX_BODY_BYTES = 8 * 1024;
    private static final int MAX_FIELD_CHARS = 1024;

    private final LoginService login;
    private final StaffSessions sessions;
    private final DeviceCookies devices;
    private final HubConfig config;
    private final StaffAuth staffAuth;
    private final Sources sources;
    private final Failures failures = Failures.hub();
    private final ShiftsAtSignOut shifts;

    public AuthRoutes(LoginService login, StaffSessions sessions, DeviceCookies devices, HubConfig config, Sources sources,
                      ShiftsAtSignOut shifts) {
        this.login = login;
        this.shifts = shifts;
        this.sessions = sessions;
        this.devices = devices;
        this.config = config;
        this.staffAuth = new StaffAuth(sessions);
        this.sources = sources;
    }

    public void mount(Router router) {
        router.post(LOGIN_PATH)
                .handler(this::sameOriginOrNone)
                .handler(bodyLimit())
                .handler(this::login)
                .failureHandler(failures);
        router.post(LOGOUT_PATH)
                .handler(this::sameOriginOrNone)
                .handler(bodyLimit())
                .handler(staffAuth.requireSession())
                .handler(staffAuth.requireCsrf())
                .handler(this::logout)
                .failureHandler(failures);
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
            failures.reply(ctx, Refusal.forbidden("error.foreign_origin"));
        }
    }

    /** No file uploads (nothing to disk), and a small cap, enforced even if a router-wide BodyHandler ran first. */
    private Handler<RoutingContext> bodyLimit() {
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
        JsonObject body;
        try {
            body = jsonObject(ctx.body().buffer());
        } catch (Refusal twice) {
            failures.reply(ctx, twice);
            return;
        }
        if (body == null) {
            failures.reply(ctx, Refusal.badRequest("error.login_body"));
            return;
        }
        String username = text(body, "username");
        String password = text(body, "password");
        Object totp = body.getValue("totp");
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            failures.reply(ctx, Refusal.badRequest("error.login_fields"));
            return;
        }
        if (totp != null && !(totp instanceof String)) {
            failures.reply(ctx, Refusal.badRequest("error.login_totp"));
            return;
        }
        if (username.length() > MAX_FIELD_CHARS || password.length() > MAX_FIELD_CHARS
                || (totp != null && ((String) totp).length() > MAX_FIELD_CHARS)) {
            failures.reply(ctx, Refusal.badRequest("error.login_length"));
            return;
        }
        Cookie previous = ctx.request().getCookie(sessions.cookieName());
        Cookie device = ctx.request().getCookie(devices.cookieName());
        login.login(sources.of(ctx.request()), username, password, (String) totp, device == null ? null : device.getValue())
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
                        .addCookie(devices.cookie(outcome.deviceCookie()))
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(new JsonObject()
                                .put("csrfToken", created.session().csrfToken())
                                .put("role", created.session().role().wire())
                                .put("displayName", created.session().displayName())
                                .put("username", created.session().username())
                                .encode());
            }
            case BAD_CREDENTIALS -> failures.reply(ctx, new Refusal(ErrorCode.SIGN_IN_REQUIRED, "error.bad_credentials"));
            case TOTP_REQUIRED -> failures.reply(ctx, new Refusal(ErrorCode.SIGN_IN_REQUIRED, "error.totp_required")
                    .with("totpRequired", true));
            case LOCKED, CODES_LOCKED, UNKNOWN_DEVICES_LOCKED, WAIT, BUSY -> failures.reply(ctx, tooManyTries(outcome));
        }
    }

    /**
     * The 429 of a try that must wait ({@code LOCKED}, {@code CODES_LOCKED}, {@code WAIT} or {@code BUSY}), at sign-in or when a console
     * checks the person's password again: Retry-After ({@link Failures} sets it from {@code retryAfter}), and
     * {@code reason} tells a client which wait it is (docs/protocol.md).
     */
    public static Refusal tooManyTries(LoginOutcome outcome) {
        return switch (outcome.status()) {
            case LOCKED -> tooManyTries(outcome, "locked", "error.login_locked", minutes(outcome.retryAfterSeconds()));
            case CODES_LOCKED -> tooManyTries(outcome, "codes_locked", "error.login_codes_locked", minutes(outcome.retryAfterSeconds()));
            case UNKNOWN_DEVICES_LOCKED -> tooManyTries(outcome, "unknown_devices_locked", "error.login_unknown_devices_locked",
                    minutes(outcome.retryAfterSeconds()));
            case WAIT -> tooManyTries(outcome, "wait", "error.login_wait", outcome.retryAfterSeconds());
            case BUSY -> tooManyTries(outcome, "busy", "error.login_busy");
            default -> throw new IllegalArgumentException("not a wait: " + outcome.status());
        };
    }

    private static Refusal tooManyTries(LoginOutcome outcome, String reason, String messageKey, Object... args) {
        return new Refusal(ErrorCode.RATE_LIMITED, messageKey, args).with("reason", reason).with("retryAfter", outcome.retryAfterSeconds());
    }

    private static long minutes(long seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }

    /**
     * Ends the session first, so a sign-out is never held up or refused over the shift; then the person's shift, as
     * {@link ShiftsAtSignOut} says. A shift the store could not end is left as a lapsed session leaves it (the
     * advocate's next sign-in shows it): the person is signed out either way.
     */
    private void logout(RoutingContext ctx) {
        String username = StaffAuth.session(ctx).username();
        String cookieValue = StaffAuth.cookieValue(ctx);
        login.signOut(username, cookieValue)
                .compose(v -> shifts.signedOut(username, cookieValue).recover(e -> {
                    LOG.warning("sign-out: the shift could not be ended: " + e.getClass().getSimpleName());
                    return Future.succeededFuture();
                }))
                .onSuccess(v -> ctx.response()
                        .addCookie(sessions.clearedCookie())
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .setStatusCode(204)
                        .end())
                .onFailure(ctx::fail);
    }

    private void tooLarge(RoutingContext ctx) {
        failures.reply(ctx, new Refusal(ErrorCode.TOO_LARGE, "error.body_too_large", MAX_BODY_BYTES));
    }

    /** The body's object, or null when it is not one; a key given twice is a {@link Refusal} naming it. */
    private static JsonObject jsonObject(Buffer buffer) {
        if (buffer == null || buffer.length() == 0) return null;
        try {
            Object value = ClientJson.decode(buffer);
            return value instanceof JsonObject o ? o : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    private static String text(JsonObject body, String field) {
        return body.getValue(field) instanceof String s ? s : null;
    }
}
