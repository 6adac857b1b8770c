package org.hearthhub.console;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.hearthhub.auth.StaffAccess;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.guard.Origins;
import org.hearthhub.model.Role;
import org.hearthhub.model.StaffSession;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.auth.TotpRules;
import org.hearthhub.web.StaffAuth;

/**
 * The guard chains of console routes, on top of {@link StaffAuth}: a live session (302 to sign-in
 * for pages, 401 for APIs), the program and role there ({@link Workplace}, 403), same-origin and CSRF token on changes (403), and
 * the account itself (disabled → signed out; a password someone else set → the person's own first;
 * TOTP required but not set up → enrolment first).
 */
final class ConsoleGuards {
    /** The sign-in security page: TOTP enrolment and your own password. */
    static final String TOTP_PAGE = "/console/totp";
    static final String PASSWORD_API = "/api/v1/console/password";
    /** The largest settings document a lead saves (all referrals and canned responses of a language) is far below this. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final String ACCOUNT_KEY = "hearth.account";

    private final StaffAuth staffAuth;
    private final StaffSessions sessions;
    private final StaffAccess access;
    private final String publicUrl;
    private final Replies replies;

    ConsoleGuards(StaffSessions sessions, AccountStore store, TotpRules totp, String publicUrl, Replies replies) {
        this.staffAuth = new StaffAuth(sessions);
        this.sessions = sessions;
        this.access = new StaffAccess(store, totp);
        this.publicUrl = publicUrl;
        this.replies = replies;
    }

    /** Pages: no session → 302 to the sign-in page. */
    Handler<RoutingContext> pageSession() {
        return staffAuth.requireSession(true);
    }

    /** APIs: no session → 401. */
    Handler<RoutingContext> apiSession() {
        return staffAuth.requireSession(false);
    }

    Handler<RoutingContext> csrf() {
        return staffAuth.requireCsrf();
    }

    /**
     * Browsers send Origin on every state-changing fetch; a foreign one is a cross-site request, refused
     * even before the CSRF check. Non-browser clients send none.
     */
    Handler<RoutingContext> sameOrigin() {
        return ctx -> {
            String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
            if (origin == null || Origins.allowed(origin, publicUrl)) {
                ctx.next();
            } else {
                replies.error(ctx, Refusal.forbidden("error.origin"));
            }
        };
    }

    /** Reads a JSON body of bounded size, before any asynchronous guard runs. No uploads. */
    Handler<RoutingContext> body() {
        return BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    }

    /**
     * Loads the signed-in account (put on the context for {@link #account}). A removed or disabled
     * account's session ends here. Unless {@code enrolling}, an account that must use TOTP and has not
     * set it up is sent to enrolment (pages) or refused with 403 {@code totpEnrolmentRequired} (APIs).
     * Unless {@code changingPassword}, an account whose password someone else set is sent to the page
     * where it chooses its own, or refused with 403 {@code password_change_required}; that comes first.
     */
    Handler<RoutingContext> account(boolean page, boolean enrolling, boolean changingPassword) {
        return ctx -> access.check(StaffAuth.session(ctx)).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            StaffAccess.Verdict verdict = ar.result();
            if (verdict.standing() == StaffAccess.Standing.SIGNED_OUT) {
                Cookie cookie = ctx.request().getCookie(sessions.cookieName());
                sessions.end(cookie == null ? null : cookie.getValue()).onComplete(x -> {
                    if (page) {
                        replies.redirect(ctx, StaffAuth.LOGIN_PAGE);
                    } else {
                        replies.error(ctx, new Refusal(ErrorCode.SIGN_IN_REQUIRED, "error.session"));
                    }
                });
                return;
            }
            if (verdict.standing() == StaffAccess.Standing.PASSWORD_CHANGE_DUE && !changingPassword) {
                if (page) {
                    replies.redirect(ctx, TOTP_PAGE);
                } else {
                    replies.error(ctx, new Refusal(ErrorCode.PASSWORD_CHANGE_REQUIRED));
                }
                return;
            }
            if (verdict.standing() == StaffAccess.Standing.TOTP_ENROLMENT_DUE && !enrolling) {
                if (page) {
                    replies.redirect(ctx, TOTP_PAGE);
                } else {
                    replies.error(ctx, Refusal.forbidden("error.totp_enrolment_required").with("totpEnrolmentRequired", true));
                }
                return;
            }
            ctx.put(ACCOUNT_KEY, verdict.account());
            ctx.next();
        });
    }

    static Account account(RoutingContext ctx) {
        return ctx.get(ACCOUNT_KEY);
    }

    static StaffSession session(RoutingContext ctx) {
        return StaffAuth.session(ctx);
    }
}
