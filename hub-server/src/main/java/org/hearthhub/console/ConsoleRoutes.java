package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.hearthhub.auth.LoginAttempts;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.StaffAccess.Standing;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.auth.TotpRules;
import org.hearthhub.auth.TotpVerifier;
import org.hearthhub.config.HubConfig;
import org.hearthhub.error.Refusal;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.model.ProgramId;
import org.hearthhub.live.LiveStore;
import org.hearthhub.settings.AccountStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.function.Function;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The advocate and lead consoles: pages under {@code /console}, their scripts and styles under
 * {@code /console/assets/}, the staff API under {@code /api/v1/console/} and the lead API under
 * {@code /api/v1/lead/}. Every route is declared once, in {@link #ROUTES}, with who may use it; its guard
 * chain follows from that declaration: a session (pages redirect to sign-in, APIs answer 401), the lead
 * role where declared, and on every state-changing call a bounded body, a same-origin request and the
 * session's CSRF token. Tests walk the same table, so a new route is covered by them as it is declared. The coalition
 * admin's pages are in the table too, hub-wide (no program chosen); their JSON API is mounted beside it.
 */
public final class ConsoleRoutes {
    private static final Logger LOG = Logger.getLogger(ConsoleRoutes.class.getName());

    public static final String ASSETS = "/console/assets/";

    /** What a route's handler is taken from. */
    record Endpoints(ConsolePages pages, AdvocateApi staff, LeadApi lead) {
    }

    /**
     * One console route.
     *
     * @param lead           leads only (else any signed-in staff member)
     * @param coalition      coalition admins only, hub-wide (no program chosen)
     * @param page           an HTML page (else a JSON API)
     * @param reachableWhile the account standings, besides {@link Standing#ALLOWED}, in which the route still
     *                       answers: what a person must do first stays reachable while it is due
     */
    record ConsoleRoute(HttpMethod method, String path, boolean lead, boolean coalition, boolean page, Set<Standing> reachableWhile,
                        Function<Endpoints, Handler<RoutingContext>> handler) {
        boolean changesState() {
            return method != HttpMethod.GET;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Your own profile, enrolment and password, reachable while TOTP enrolment is still due. */
    private static final Set<Standing> ENROLLING = Set.of(Standing.TOTP_ENROLMENT_DUE);
    private static final Set<Standing> ENROLLING_OR_CHANGING_PASSWORD = Set.of(Standing.TOTP_ENROLMENT_DUE, Standing.PASSWORD_CHANGE_DUE);

    static final List<ConsoleRoute> ROUTES = List.of(
            // any signed-in staff member
            staffPage("/console", Set.of(), e -> e.pages()::console),
            staffPage(ConsoleGuards.TOTP_PAGE, ENROLLING_OR_CHANGING_PASSWORD, e -> e.pages()::totp),
            staffApi(HttpMethod.GET, "/api/v1/console/me", ENROLLING, e -> e.staff()::me),
            staffApi(HttpMethod.PUT, "/api/v1/console/me", ENROLLING, e -> e.staff()::updateMe),
            staffApi(HttpMethod.GET, "/api/v1/console/advocates-on-shift", Set.of(), e -> e.staff()::onShift),
            staffApi(HttpMethod.GET, "/api/v1/console/library", Set.of(), e -> e.staff()::library),
            staffApi(HttpMethod.POST, "/api/v1/console/totp", ENROLLING, e -> e.staff()::confirmTotp),
            // Only the change itself while a password someone else set is still in use (signing out is not a console route).
            staffApi(HttpMethod.POST, ConsoleGuards.PASSWORD_API, ENROLLING_OR_CHANGING_PASSWORD, e -> e.staff()::changePassword),
            // leads
            leadPage("/console/lead", e -> e.pages()::hours), // the first settings page
            leadPage("/console/lead/hours", e -> e.pages()::hours),
            leadPage("/console/lead/referrals", e -> e.pages()::referrals),
            leadPage("/console/lead/canned", e -> e.pages()::canned),
            leadPage("/console/lead/partners", e -> e.pages()::partners),
            leadPage("/console/lead/sharing", e -> e.pages()::sharing),
            leadPage("/console/lead/staff", e -> e.pages()::staffPage),
            leadPage("/console/lead/widget", e -> e.pages()::widget),
            leadPage("/console/lead/retention", e -> e.pages()::retention),
            leadPage("/console/lead/stats", e -> e.pages()::statsPage),
            leadPage("/console/lead/statistics", e -> e.pages()::statsPage), // the word people type
            leadPage("/console/lead/audit", e -> e.pages()::auditPage),
            leadApi(HttpMethod.GET, "/api/v1/lead/hours", e -> ctx -> e.lead().show(ctx, HoursSection.FORM)),
            leadApi(HttpMethod.PUT, "/api/v1/lead/hours", e -> ctx -> e.lead().save(ctx, HoursSection.FORM)),
            leadApi(HttpMethod.GET, "/api/v1/lead/referrals", e -> ctx -> e.lead().show(ctx, ReferralsSection.FORM)),
            leadApi(HttpMethod.PUT, "/api/v1/lead/referrals", e -> ctx -> e.lead().save(ctx, ReferralsSection.FORM)),
            leadApi(HttpMethod.GET, "/api/v1/lead/canned", e -> ctx -> e.lead().show(ctx, CannedSection.FORM)),
            leadApi(HttpMethod.PUT, "/api/v1/lead/canned", e -> ctx -> e.lead().save(ctx, CannedSection.FORM)),
            leadApi(HttpMethod.GET, "/api/v1/lead/partners", e -> e.lead().partners()::list),
            leadApi(HttpMethod.POST, "/api/v1/lead/partners", e -> e.lead().partners()::add),
            leadApi(HttpMethod.PUT, "/api/v1/lead/partners/:id", e -> e.lead().partners()::update),
            leadApi(HttpMethod.DELETE, "/api/v1/lead/partners/:id", e -> e.lead().partners()::remove),
            leadApi(HttpMethod.GET, "/api/v1/lead/coalition-partners", e -> e.lead()::coalitionPartners),
            leadApi(HttpMethod.PUT, "/api/v1/lead/coalition-partners/:id", e -> e.lead()::adoptPartner),
            leadApi(HttpMethod.DELETE, "/api/v1/lead/coalition-partners/:id", e -> e.lead()::dropPartner),
            leadApi(HttpMethod.GET, "/api/v1/lead/safeguarding", e -> ctx -> e.lead().show(ctx, SafeguardingSection.FORM)),
            leadApi(HttpMethod.PUT, "/api/v1/lead/safeguarding", e -> ctx -> e.lead().save(ctx, SafeguardingSection.FORM)),
            leadApi(HttpMethod.GET, "/api/v1/lead/sharing", e -> e.lead()::sharing),
            leadApi(HttpMethod.GET, "/api/v1/lead/sharing.csv", e -> e.lead()::sharingCsv),
            leadApi(HttpMethod.GET, "/api/v1/lead/widget", e -> ctx -> e.lead().show(ctx, WidgetSection.FORM)),
            leadApi(HttpMethod.PUT, "/api/v1/lead/widget", e -> ctx -> e.lead().save(ctx, WidgetSection.FORM)),
            leadApi(HttpMethod.GET, "/api/v1/lead/retention", e -> ctx -> e.lead().show(ctx, RetentionSection.FORM)),
            leadApi(HttpMethod.PUT, "/api/v1/lead/retention", e -> ctx -> e.lead().save(ctx, RetentionSection.FORM)),
            leadApi(HttpMethod.GET, "/api/v1/lead/security", e -> ctx -> e.lead().show(ctx, SecuritySection.FORM)),
            leadApi(HttpMethod.PUT, "/api/v1/lead/security", e -> ctx -> e.lead().save(ctx, SecuritySection.FORM)),
            leadApi(HttpMethod.GET, "/api/v1/lead/staff", e -> e.lead()::listStaff),
            leadApi(HttpMethod.POST, "/api/v1/lead/staff", e -> e.lead()::createStaff),
            leadApi(HttpMethod.PUT, "/api/v1/lead/staff/:username", e -> e.lead()::updateStaff),
            leadApi(HttpMethod.POST, "/api/v1/lead/staff/:username/password", e -> e.lead()::resetPassword),
            leadApi(HttpMethod.POST, "/api/v1/lead/staff/:username/totp-reset", e -> e.lead()::resetTotp),
            leadApi(HttpMethod.POST, "/api/v1/lead/staff/:username/unlock", e -> e.lead()::clearSignInLocks),
            leadApi(HttpMethod.POST, "/api/v1/lead/staff/:username/remove", e -> e.lead()::removeStaff),
            leadApi(HttpMethod.GET, "/api/v1/lead/stats", e -> e.lead()::stats),
            leadApi(HttpMethod.GET, "/api/v1/lead/audit", e -> e.lead()::audit),
            // coalition admins (their API is mounted beside the table: see mountCoalition)
            coalitionPage("/console/coalition/statistics", e -> e.pages()::coalitionStatsPage),
            coalitionPage("/console/coalition/programs", e -> e.pages()::coalitionProgramsPage),
            coalitionPage("/console/coalition/partners", e -> e.pages()::coalitionPartnersPage));

    /** The routes of one kind, in declaration order (the tests' views of {@link #ROUTES}). */
    static List<ConsoleRoute> routes(boolean lead, boolean page) {
        return ROUTES.stream().filter(r -> !r.coalition() && r.lead() == lead && r.page() == page).toList();
    }

    static final List<ConsoleRoute> COALITION_PAGES = ROUTES.stream().filter(ConsoleRoute::coalition).toList();

    static final List<ConsoleRoute> STAFF_PAGES = routes(false, true);
    static final List<ConsoleRoute> STAFF_APIS = routes(false, false);
    static final List<ConsoleRoute> LEAD_PAGES = routes(true, true);
    static final List<ConsoleRoute> LEAD_APIS = routes(true, false);

    private final ConsoleGuards guards;
    private final Replies replies;
    private final AuditUsageNotice auditUsage;
    private final HostedPrograms programs;
    private final AccountStore accounts;
    /** Each program's handlers, made on its own settings, audit log and statistics only. */
    private final Map<ProgramId, Endpoints> endpoints = new ConcurrentHashMap<>();
    private final Function<HostedProgram, Endpoints> endpointsOf;
    private final CoalitionApi coalition;
    private final PartnerApi coalitionPartners;

    /**
     * @param live the hub-wide live store (staff sessions, TOTP codes); each program's shifts and conversations are
     *             its own
     */
    public ConsoleRoutes(Vertx vertx, HubConfig config, Clock clock, LiveStore live, AccountStore accounts, HostedPrograms programs,
                         StaffSessions sessions, PasswordHasher hasher, LoginAttempts loginAttempts) {
        // Compiled on a worker while the hub starts; a page asked for before then waits for it.
        Future<Templates> templates = vertx.executeBlocking(Templates::compileAll, false)
                .onFailure(e -> LOG.log(Level.SEVERE, "console templates failed to compile", e));
        ConsoleText texts = new ConsoleText();
        PageModels models = new PageModels(texts);
        HostedProgram main = programs.defaultProgram();
        this.replies = new Replies(templates, texts, models);
        this.programs = programs;
        this.accounts = accounts;
        // One sign-in for the hub: enrolment is due when any of the person's programs requires it.
        TotpRules totpRules = new TotpRules(programs);
        this.guards = new ConsoleGuards(sessions, accounts, totpRules, config.publicUrl(), replies);
        this.auditUsage = new AuditUsageNotice();
        TotpEnrolment enrolment = new TotpEnrolment(live, new TotpVerifier(live, clock), totpRules);
        CoalitionStatistics coalitionStats = new CoalitionStatistics(programs);
        ProgramRoster roster = new ProgramRoster(programs, accounts);
        this.coalition = new CoalitionApi(programs, accounts, coalitionStats, roster, clock, replies);
        // The coalition's partner directory is hub-wide: in the default program's store, its changes in the hub's log.
        CoalitionDirectory coalitionDirectory = new CoalitionDirectory(main.store(), main.audit());
        this.coalitionPartners = new PartnerApi(coalitionDirectory, replies);
        this.endpointsOf = program -> {
            SettingsEditor editor = new SettingsEditor(program.settings(), program.audit());
            StaffDirectory staff = new StaffDirectory(accounts, hasher, sessions, editor, program.audit(), clock,
                    config.queue().maxCapacity(), loginAttempts, config.dataDir(), program.id().value(), main.id().value(),
                    new ProgramLeave(program.conversations(), program.live()), totpRules);
            AccessLogView accessLog = new AccessLogView(program.audit());
            PartnerDirectory partners = new PartnerDirectory(editor, program.id().value(), program.partners(), main.store());
            RegisterView registerView = new RegisterView(program.register(), program.audit(), clock);
            BooleanSupplier videoEnabled = program.video()::videoEnabled;
            ConsolePages pages = new ConsolePages(replies, models, texts, editor, staff, enrolment, program.stats(), accessLog,
                    registerView, coalitionStats, roster, partners, coalitionDirectory, config, clock, videoEnabled);
            return new Endpoints(pages,
                    new AdvocateApi(program.live(), program.live(), editor, program.partners(), staff, sessions, enrolment, config, videoEnabled,
                            replies),
                    new LeadApi(editor, staff, program.stats(), accessLog, partners, registerView, config, clock, replies));
        };
    }

    private Endpoints endpoints(HostedProgram program) {
        return endpoints.computeIfAbsent(program.id(), id -> endpointsOf.apply(program));
    }

    /**
     * Whether the route acts on a program (the person must work there): every lead route, and the staff routes
     * not about the person's own account (those stay reachable while enrolment or a password change is due).
     */
    private static boolean programScoped(ConsoleRoute route) {
        return !route.coalition() && (route.lead() || route.reachableWhile().isEmpty());
    }

    public void mount(Router router) {
        router.get(ASSETS + "*").handler(StaticHandler.create("console-assets")
                .setCachingEnabled(false)
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setDefaultContentEncoding("UTF-8"));
        Endpoints hubWide = endpoints(programs.defaultProgram());
        router.get("/console/login").handler(hubWide.pages()::login);
        router.get("/console/").handler(ctx -> replies.redirect(ctx, "/console"));
        mountCoalition(router);
        for (ConsoleRoute spec : ROUTES) {
            Route route = router.route(spec.method(), spec.path());
            boolean scoped = programScoped(spec);
            if (spec.page()) {
                route.handler(guards.pageSession());
                if (scoped) route.handler(Workplace.guard(programs, accounts, spec.lead(), true, replies));
            } else {
                if (spec.changesState()) route.handler(guards.body()).handler(guards.sameOrigin());
                route.handler(guards.apiSession());
                if (scoped) route.handler(Workplace.guard(programs, accounts, spec.lead(), false, replies));
                if (spec.changesState()) route.handler(guards.csrf());
            }
            route.handler(guards.account(spec.page(), spec.reachableWhile().contains(Standing.TOTP_ENROLMENT_DUE),
                    spec.reachableWhile().contains(Standing.PASSWORD_CHANGE_DUE)));
            if (spec.coalition()) route.handler(coalition.adminOnly(spec.page()));
            if (spec.page()) route.handler(auditUsage.handler());
            // The handler of the program the request acts on. A route about the person's own account acts in one of
            // their programs (its log records the change), never refused for it.
            route.handler(ctx -> {
                HostedPrograms.Membership at = scoped ? Workplace.of(ctx) : Workplace.chosen(ctx, programs, ConsoleGuards.account(ctx));
                if (scoped && at == null) {
                    replies.error(ctx, Refusal.forbidden("error.not_your_program"));
                    return;
                }
                spec.handler().apply(endpoints(at == null ? programs.defaultProgram() : at.program())).handle(ctx);
            }).failureHandler(replies::failure);
        }
    }

    /** The coalition admin's API: hub-wide, so outside the per-program table; the same guards, then the admin flag. */
    private void mountCoalition(Router router) {
        record Spec(HttpMethod method, String path, Handler<RoutingContext> handler) {
        }
        for (Spec spec : List.of(new Spec(HttpMethod.GET, "/api/v1/coalition/programs", coalition::list),
                new Spec(HttpMethod.GET, "/api/v1/coalition/statistics", coalition::statistics),
                new Spec(HttpMethod.POST, "/api/v1/coalition/programs", coalition::create),
                new Spec(HttpMethod.PUT, "/api/v1/coalition/programs/:id/leads/:username", coalition::nameLead),
                new Spec(HttpMethod.PUT, "/api/v1/coalition/programs/:id/numbers", coalition::setNumbers),
                new Spec(HttpMethod.GET, "/api/v1/coalition/partners", coalitionPartners::list),
                new Spec(HttpMethod.POST, "/api/v1/coalition/partners", coalitionPartners::add),
                new Spec(HttpMethod.PUT, "/api/v1/coalition/partners/:id", coalitionPartners::update),
                new Spec(HttpMethod.DELETE, "/api/v1/coalition/partners/:id", coalitionPartners::remove))) {
            boolean changes = spec.method() != HttpMethod.GET;
            Route route = router.route(spec.method(), spec.path());
            if (changes) route.handler(guards.body()).handler(guards.sameOrigin());
            route.handler(guards.apiSession());
            if (changes) route.handler(guards.csrf());
            route.handler(guards.account(false, false, false)).handler(coalition.adminOnly(false))
                    .handler(spec.handler()).failureHandler(replies::failure);
        }
    }

    private static ConsoleRoute staffPage(String path, Set<Standing> reachableWhile, Function<Endpoints, Handler<RoutingContext>> handler) {
        return new ConsoleRoute(HttpMethod.GET, path, false, false, true, reachableWhile, handler);
    }

    private static ConsoleRoute leadPage(String path, Function<Endpoints, Handler<RoutingContext>> handler) {
        return new ConsoleRoute(HttpMethod.GET, path, true, false, true, Set.of(), handler);
    }

    private static ConsoleRoute staffApi(HttpMethod method, String path, Set<Standing> reachableWhile,
                                         Function<Endpoints, Handler<RoutingContext>> handler) {
        return new ConsoleRoute(method, path, false, false, false, reachableWhile, handler);
    }

    private static ConsoleRoute leadApi(HttpMethod method, String path, Function<Endpoints, Handler<RoutingContext>> handler) {
        return new ConsoleRoute(method, path, true, false, false, Set.of(), handler);
    }

    private static ConsoleRoute coalitionPage(String path, Function<Endpoints, Handler<RoutingContext>> handler) {
        return new ConsoleRoute(HttpMethod.GET, path, false, true, true, Set.of(), handler);
    }
}
