package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.auth.LoginAttempts;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.auth.TotpVerifier;
import org.hearthhub.config.HubConfig;
import org.hearthhub.live.LiveStore;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.stats.DailyStatistics;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The advocate and lead consoles: pages under {@code /console}, their scripts and styles under
 * {@code /console/assets/}, the staff API under {@code /api/v1/console/} and the lead API under
 * {@code /api/v1/lead/}. Every lead route, page or API, is behind a session and the lead role;
 * every state-changing call also needs a same-origin request and the session's CSRF token.
 */
public final class ConsoleRoutes {
    private static final Logger LOG = Logger.getLogger(ConsoleRoutes.class.getName());

    /** A route's method and path, listed so tests can prove the guards of every one. */
    public record RouteSpec(HttpMethod method, String path) {
        public boolean changesState() {
            return method != HttpMethod.GET;
        }
    }

    public static final String ASSETS = "/console/assets/";

    public static final List<RouteSpec> LEAD_PAGES = List.of(
            get("/console/lead"), get("/console/lead/hours"), get("/console/lead/referrals"), get("/console/lead/canned"),
            get("/console/lead/staff"), get("/console/lead/widget"), get("/console/lead/retention"),
            get("/console/lead/stats"), get("/console/lead/statistics"), get("/console/lead/audit"));

    public static final List<RouteSpec> LEAD_APIS = List.of(
            get("/api/v1/lead/hours"), put("/api/v1/lead/hours"),
            get("/api/v1/lead/referrals"), put("/api/v1/lead/referrals"),
            get("/api/v1/lead/canned"), put("/api/v1/lead/canned"),
            get("/api/v1/lead/widget"), put("/api/v1/lead/widget"),
            get("/api/v1/lead/retention"), put("/api/v1/lead/retention"),
            get("/api/v1/lead/security"), put("/api/v1/lead/security"),
            get("/api/v1/lead/staff"), post("/api/v1/lead/staff"),
            put("/api/v1/lead/staff/:username"), post("/api/v1/lead/staff/:username/password"),
            post("/api/v1/lead/staff/:username/totp-reset"), post("/api/v1/lead/staff/:username/unlock"),
            get("/api/v1/lead/stats"), get("/api/v1/lead/audit"));

    /** Any signed-in staff member's pages and API. */
    public static final List<RouteSpec> STAFF_PAGES = List.of(get("/console"), get("/console/totp"));

    public static final List<RouteSpec> STAFF_APIS = List.of(
            get("/api/v1/console/me"), put("/api/v1/console/me"),
            get("/api/v1/console/advocates-on-shift"), get("/api/v1/console/library"),
            post("/api/v1/console/totp"), post("/api/v1/console/password"));

    private final ConsoleGuards guards;
    private final Replies replies;
    private final ConsolePages pages;
    private final AdvocateApi staffApi;
    private final LeadApi leadApi;
    private final AuditUsageNotice auditUsage;

    public ConsoleRoutes(Vertx vertx, HubConfig config, Clock clock, LiveStore live, AccountStore accounts, CurrentSettings settings,
                         StaffSessions sessions, PasswordHasher hasher, AuditLog audit, DailyStatistics stats,
                         BooleanSupplier videoEnabled, LoginAttempts loginAttempts) {
        // Compiled on a worker while the hub starts; a page asked for before then waits for it.
        Future<Templates> templates = vertx.executeBlocking(Templates::compileAll, false)
                .onFailure(e -> LOG.log(Level.SEVERE, "console templates failed to compile", e));
        ConsoleText texts = new ConsoleText();
        PageModels models = new PageModels(texts);
        this.replies = new Replies(templates, texts, models);
        this.guards = new ConsoleGuards(sessions, accounts, settings, config.publicUrl(), replies);
        SettingsEditor editor = new SettingsEditor(settings, audit);
        StaffDirectory staff = new StaffDirectory(accounts, hasher, sessions, editor, audit, clock, config.queue().maxCapacity(),
                loginAttempts, config.dataDir());
        TotpEnrolment enrolment = new TotpEnrolment(live, new TotpVerifier(live, clock));
        AccessLogView accessLog = new AccessLogView(audit);
        this.auditUsage = new AuditUsageNotice(audit);
        this.pages = new ConsolePages(replies, models, texts, editor, staff, enrolment, stats, accessLog, config, clock,
                videoEnabled);
        this.staffApi = new AdvocateApi(live, live, editor, staff, sessions, enrolment, config, videoEnabled, replies);
        this.leadApi = new LeadApi(editor, staff, stats, accessLog, config, clock, replies);
    }

    public void mount(Router router) {
        router.get(ASSETS + "*").handler(StaticHandler.create("console-assets")
                .setCachingEnabled(false)
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setDefaultContentEncoding("UTF-8"));
        router.get("/console/login").handler(pages::login);
        router.get("/console/").handler(ctx -> replies.redirect(ctx, "/console"));

        Map<String, Handler<RoutingContext>> staffPages = new LinkedHashMap<>();
        staffPages.put("/console", pages::console);
        staffPages.put("/console/totp", pages::totp);
        for (RouteSpec spec : STAFF_PAGES) {
            boolean security = spec.path().equals(ConsoleGuards.TOTP_PAGE);
            page(router, spec, false, security, security, staffPages.get(spec.path()));
        }

        Map<String, Handler<RoutingContext>> leadPages = new LinkedHashMap<>();
        leadPages.put("/console/lead", pages::hours); // the first settings page
        leadPages.put("/console/lead/hours", pages::hours);
        leadPages.put("/console/lead/referrals", pages::referrals);
        leadPages.put("/console/lead/canned", pages::canned);
        leadPages.put("/console/lead/staff", pages::staffPage);
        leadPages.put("/console/lead/widget", pages::widget);
        leadPages.put("/console/lead/retention", pages::retention);
        leadPages.put("/console/lead/stats", pages::statsPage);
        leadPages.put("/console/lead/statistics", pages::statsPage); // the word people type
        leadPages.put("/console/lead/audit", pages::auditPage);
        for (RouteSpec spec : LEAD_PAGES) page(router, spec, true, false, false, leadPages.get(spec.path()));

        Map<RouteSpec, Handler<RoutingContext>> staffApis = new LinkedHashMap<>();
        staffApis.put(get("/api/v1/console/me"), staffApi::me);
        staffApis.put(put("/api/v1/console/me"), staffApi::updateMe);
        staffApis.put(get("/api/v1/console/advocates-on-shift"), staffApi::onShift);
        staffApis.put(get("/api/v1/console/library"), staffApi::library);
        staffApis.put(post("/api/v1/console/totp"), staffApi::confirmTotp);
        staffApis.put(post("/api/v1/console/password"), staffApi::changePassword);
        for (RouteSpec spec : STAFF_APIS) {
            // Your own profile, enrolment and password stay reachable while TOTP enrolment is still due.
            boolean enrolling = !spec.path().equals("/api/v1/console/advocates-on-shift") && !spec.path().equals("/api/v1/console/library");
            // Only the change itself while a password someone else set is still in use (signing out is not a console route).
            boolean changingPassword = spec.path().equals(ConsoleGuards.PASSWORD_API);
            api(router, spec, false, enrolling, changingPassword, staffApis.get(spec));
        }

        Map<RouteSpec, Handler<RoutingContext>> leadApis = new LinkedHashMap<>();
        leadApis.put(get("/api/v1/lead/hours"), ctx -> leadApi.getSection(ctx, SettingsSections::hours));
        leadApis.put(put("/api/v1/lead/hours"), ctx -> leadApi.putSection(ctx, SettingsSections.HOURS,
                SettingsSections::withHours, SettingsSections::hours));
        leadApis.put(get("/api/v1/lead/referrals"), ctx -> leadApi.getSection(ctx, SettingsSections::referrals));
        leadApis.put(put("/api/v1/lead/referrals"), ctx -> leadApi.putSection(ctx, SettingsSections.REFERRALS,
                SettingsSections::withReferrals, SettingsSections::referrals));
        leadApis.put(get("/api/v1/lead/canned"), ctx -> leadApi.getSection(ctx, SettingsSections::canned));
        leadApis.put(put("/api/v1/lead/canned"), ctx -> leadApi.putSection(ctx, SettingsSections.CANNED,
                SettingsSections::withCanned, SettingsSections::canned));
        leadApis.put(get("/api/v1/lead/widget"), ctx -> leadApi.getSection(ctx, SettingsSections::widget));
        leadApis.put(put("/api/v1/lead/widget"), ctx -> leadApi.putSection(ctx, SettingsSections.WIDGET,
                SettingsSections::withWidget, SettingsSections::widget));
        leadApis.put(get("/api/v1/lead/retention"), ctx -> leadApi.getSection(ctx, leadApi::retentionView));
        leadApis.put(put("/api/v1/lead/retention"), ctx -> leadApi.putSection(ctx, SettingsSections.RETENTION,
                leadApi::withRetention, leadApi::retentionView));
        leadApis.put(get("/api/v1/lead/security"), ctx -> leadApi.getSection(ctx, LeadApi::securityView));
        leadApis.put(put("/api/v1/lead/security"), leadApi::putSecurity);
        leadApis.put(get("/api/v1/lead/staff"), leadApi::listStaff);
        leadApis.put(post("/api/v1/lead/staff"), leadApi::createStaff);
        leadApis.put(put("/api/v1/lead/staff/:username"), leadApi::updateStaff);
        leadApis.put(post("/api/v1/lead/staff/:username/password"), leadApi::resetPassword);
        leadApis.put(post("/api/v1/lead/staff/:username/totp-reset"), leadApi::resetTotp);
        leadApis.put(post("/api/v1/lead/staff/:username/unlock"), leadApi::clearSignInLocks);
        leadApis.put(get("/api/v1/lead/stats"), leadApi::stats);
        leadApis.put(get("/api/v1/lead/audit"), leadApi::audit);
        for (RouteSpec spec : LEAD_APIS) api(router, spec, true, false, false, leadApis.get(spec));
    }

    private void page(Router router, RouteSpec spec, boolean lead, boolean enrolling, boolean changingPassword,
                      Handler<RoutingContext> handler) {
        if (handler == null) throw new IllegalStateException("no handler for " + spec);
        Route route = router.route(spec.method(), spec.path()).handler(guards.pageSession());
        if (lead) route.handler(guards.pageLead());
        route.handler(guards.account(true, enrolling, changingPassword)).handler(auditUsage.handler()).handler(handler).failureHandler(replies::failure);
    }

    private void api(Router router, RouteSpec spec, boolean lead, boolean enrolling, boolean changingPassword,
                     Handler<RoutingContext> handler) {
        if (handler == null) throw new IllegalStateException("no handler for " + spec);
        Route route = router.route(spec.method(), spec.path());
        if (spec.changesState()) route.handler(guards.body()).handler(guards.sameOrigin());
        route.handler(guards.apiSession());
        if (lead) route.handler(guards.apiLead());
        if (spec.changesState()) route.handler(guards.csrf());
        route.handler(guards.account(false, enrolling, changingPassword)).handler(handler).failureHandler(replies::failure);
    }

    private static RouteSpec get(String path) {
        return new RouteSpec(HttpMethod.GET, path);
    }

    private static RouteSpec put(String path) {
        return new RouteSpec(HttpMethod.PUT, path);
    }

    private static RouteSpec post(String path) {
        return new RouteSpec(HttpMethod.POST, path);
    }
}
