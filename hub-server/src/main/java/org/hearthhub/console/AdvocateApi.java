package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.model.StaffSession;
import org.hearthhub.auth.DeviceCookies;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.model.Shift;
import org.hearthhub.config.HubConfig;
import org.hearthhub.error.Refusal;
import org.hearthhub.guard.Sources;
import org.hearthhub.i18n.Languages;
import org.hearthhub.live.ConversationStore;
import org.hearthhub.live.ShiftStore;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramPartners;
import org.hearthhub.ws.Frames;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What every signed-in staff member's console calls ({@code /api/v1/console/…}): their own profile and
 * preferences, who else is on shift (for transfers), the canned responses and referrals to insert,
 * TOTP enrolment and their own password.
 */
final class AdvocateApi {
    private final ShiftStore shifts;
    private final ConversationStore conversations;
    private final SettingsEditor settings;
    private final ProgramPartners partners;
    private final StaffRoster staff;
    private final StaffCredentials credentials;
    private final StaffSessions sessions;
    private final TotpEnrolment enrolment;
    private final HubConfig config;
    /** Whether the hub can mint video rooms (VideoRooms.videoEnabled): the console shows "Offer video" only then. */
    private final BooleanSupplier videoEnabled;
    private final Replies replies;
    private final DeviceCookies devices;

    AdvocateApi(ShiftStore shifts, ConversationStore conversations, SettingsEditor settings, ProgramPartners partners, StaffRoster staff,
                StaffCredentials credentials, StaffSessions sessions, TotpEnrolment enrolment, HubConfig config,
                BooleanSupplier videoEnabled, Replies replies, DeviceCookies devices) {
        this.partners = partners;
        this.videoEnabled = videoEnabled;
        this.shifts = shifts;
        this.conversations = conversations;
        this.settings = settings;
        this.staff = staff;
        this.credentials = credentials;
        this.sessions = sessions;
        this.enrolment = enrolment;
        this.config = config;
        this.replies = replies;
        this.devices = devices;
    }

    /** GET /api/v1/console/me */
    void me(RoutingContext ctx) {
        replies.ok(ctx, me(ConsoleGuards.account(ctx)));
    }

    private JsonObject me(Account a) {
        return new JsonObject()
                .put("username", a.username())
                .put("displayName", a.displayName())
                .put("role", a.role().wire())
                .put("languages", new JsonArray(a.languages()))
                .put("capacity", a.capacity())
                .put("maxCapacity", config.queue().maxCapacity())
                .put("uiLanguage", a.uiLanguage())
                .put("videoEnabled", videoEnabled.getAsBoolean())
                .put("totpEnrolled", a.totpSecret() != null)
                .put("totpRequired", enrolment.required(a));
    }

    /** PUT /api/v1/console/me {languages?, capacity?, uiLanguage?}: the person's own preferences. */
    void updateMe(RoutingContext ctx) {
        Routes.run(ctx, () -> {
            JsonObject body = Routes.body(ctx);
            StaffSession session = ConsoleGuards.session(ctx);
            return staff.updateSelf(session.username(), body).compose(account -> {
                if (account.uiLanguage().equals(session.uiLanguage())) return Future.succeededFuture(account);
                // The session remembers the language for socket error texts; keep it in step.
                Cookie cookie = ctx.request().getCookie(sessions.cookieName());
                StaffSession updated = new StaffSession(session.username(), session.displayName(), session.role(),
                        session.csrfToken(), session.createdAt(), account.uiLanguage());
                return sessions.replace(cookie.getValue(), updated).map(account);
            });
        }, account -> replies.ok(ctx, me(account)));
    }

    /** GET /api/v1/console/advocates-on-shift: for the transfer dialog. */
    void onShift(RoutingContext ctx) {
        String self = ConsoleGuards.session(ctx).username();
        Future.all(shifts.shifts(), conversations.holdings()).onSuccess(all -> {
            List<Shift> shifts = all.resultAt(0);
            Map<String, Integer> holdings = all.resultAt(1);
            JsonArray list = new JsonArray();
            for (Shift s : shifts) {
                list.add(new JsonObject()
                        .put("username", s.username())
                        .put("displayName", s.displayName())
                        .put("capacity", s.capacity())
                        .put("holding", holdings.getOrDefault(s.username(), 0))
                        .put("languages", new JsonArray(s.languages()))
                        .put("self", s.username().equals(self)));
            }
            replies.ok(ctx, new JsonObject().put("advocates", list));
        }).onFailure(ctx::fail);
    }

    /**
     * GET /api/v1/console/library: canned responses and referrals, by language, to insert into a chat, and
     * the partner directory with the coalition's entries the program adopted (read-only here; a partner's card goes
     * to a survivor as a {@code partner} message).
     */
    void library(RoutingContext ctx) {
        ProgramSettings s = settings.current();
        JsonObject canned = new JsonObject();
        JsonObject referrals = new JsonObject();
        for (String lang : Languages.codes()) {
            JsonArray c = new JsonArray();
            Map<String, List<ProgramSettings.CannedResponse>> all = s.cannedResponses() == null ? Map.of() : s.cannedResponses();
            all.getOrDefault(lang, List.of()).forEach(x -> c.add(new JsonObject().put("title", x.title()).put("text", x.text())));
            canned.put(lang, c);
            referrals.put(lang, Frames.referrals(s.referrals().getOrDefault(lang, List.of())));
        }
        partners.all().onSuccess(all -> replies.ok(ctx, new JsonObject().put("canned", canned).put("referrals", referrals)
                .put("partners", PartnerEntry.json(all)))).onFailure(ctx::fail);
    }

    /**
     * POST /api/v1/console/totp {code, password?}: confirms the offered secret with a code from the app. The account's
     * password is needed too ({@link StaffCredentials#checkPassword}: wrong ones count as sign-in tries), unless the
     * session is right after the password sign-in that sent it here ({@link TotpEnrolment#passwordJustTyped}). An app
     * that replaces one voids the person's other browsers' device cookies and renews this one's, as a password change.
     */
    void confirmTotp(RoutingContext ctx) {
        Routes.run(ctx, () -> {
            JsonObject body = Routes.body(ctx);
            Account account = ConsoleGuards.account(ctx);
            String code = body.getValue("code") instanceof String c ? c : "";
            Future<Void> passwordOk = passwordForSetUp(ctx, account, body.getValue("password"));
            return passwordOk.compose(v -> enrolment.confirm(account.username(), code)).compose(secret -> secret == null
                    ? Future.failedFuture(Refusal.badRequest("error.totp_code"))
                    : credentials.enrolTotp(account.username(), secret));
        }, setUp -> {
            if (setUp.replacedOne()) renewDeviceCookie(ctx, setUp.saved());
            replies.noContent(ctx);
        });
    }

    private Future<Void> passwordForSetUp(RoutingContext ctx, Account account, Object password) {
        if (enrolment.passwordJustTyped(account, ConsoleGuards.session(ctx))) return Future.succeededFuture();
        // A page shown before the sign-in grew old has no password input yet: this tells it to show one.
        if (!(password instanceof String typed) || typed.isEmpty()) {
            return Future.failedFuture(Refusal.forbidden("error.totp_password_needed").with("passwordNeeded", true));
        }
        return credentials.checkPassword(ctx.get(Sources.CONTEXT_KEY), account, password);
    }

    /**
     * POST /api/v1/console/password {current, password}: afterwards every session of the person ends and their other
     * browsers are no longer known devices; this one, where they typed both passwords, gets a fresh device cookie.
     */
    void changePassword(RoutingContext ctx) {
        Routes.run(ctx, () -> {
            JsonObject body = Routes.body(ctx);
            return credentials.changeOwnPassword(ctx.get(Sources.CONTEXT_KEY), ConsoleGuards.session(ctx).username(),
                    body.getValue("current"), body.getValue("password"));
        }, saved -> {
            renewDeviceCookie(ctx, saved);
            replies.noContent(ctx);
        });
    }

    /** After the person voided their own devices ({@code voided}, as saved): this browser alone stays their known device. */
    private void renewDeviceCookie(RoutingContext ctx, Account voided) {
        Cookie device = ctx.request().getCookie(devices.cookieName());
        ctx.response().addCookie(devices.cookie(devices.renewAfterVoiding(device == null ? null : device.getValue(), voided)));
    }
}
