package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.hearthhub.auth.DeviceCookies;
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
import java.util.ArrayList;
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
 * chain ({@link #guards}) follows from that declaration: a session (pages redirect to sign-in, APIs answer 401),
 * the lead role or the coalition admin flag where declared, and on every state-changing call a bounded body, a
 * same-origin request and the session's CSRF token. Tests walk the same table and chains, so a new route is
 * covered by them as it is declared. The coalition admin's pages and API ({@code /api/v1/coalition/}) are in
 * the table too, hub-wide (no program chosen).
 */
public final class ConsoleRoutes {
    private static final Logger LOG = Logger.getLogger(ConsoleRoutes.class.getName());

    public static final String ASSETS = "/console/assets/";

    /** What a route's handler is taken from: a program's pages and APIs, and the hub-wide coalition API. */
    record Endpoints(ConsolePages pages, AdvocateApi staff, LeadApi lead, CoalitionApi coalition, PartnerApi coalitionPartners) {
    }

    /** One step of a route's guard chain, in the order {@link #guards} puts them. */
    enum Guard {
        /** A bounded JSON body, read before any asynchronous guard runs. */
        BODY,
        /** No foreign {@code Origin}. */
        SAME_ORIGIN,
        /** A live session: pages redirect to sign-in, APIs answer 401. */
        SESSION,
        /** The program acted on is one the person works in (leads it, for a lead route). */
        WORKPLACE,
        /** The session's CSRF token. */
        CSRF,
        /** The account itself: not disabled, and nothing due first that the route does not allow. */
        ACCOUNT,
        /** A coalition admin. */
        COALITION_ADMIN,
        /** A page shows how full the audit log is. */
        AUDIT_NOTICE
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
            // coalition admins, hub-wide
            coalitionPage("/console/coalition/statistics", e -> e.pages()::coalitionStatsPage),
            coalitionPage("/console/coalition/programs", e -> e.pages()::coalitionProgramsPage),
            coalitionPage("/console/coalition/partners", e -> e.pages()::coalitionPartnersPage),
            coalitionApi(HttpMethod.GET, "/api/v1/coalition/programs", e -> e.coalition()::list),
            coalitionApi(HttpMethod.GET, "/api/v1/coalition/statistics", e -> e.coalition()::statistics),
            coalitionApi(HttpMethod.POST, "/api/v1/coalition/programs", e -> e.coalition()::create),
            coalitionApi(HttpMethod.PUT, "/api/v1/coalition/programs/:id/leads/:username", e -> e.coalition()::nameLead),
            coalitionApi(HttpMethod.PUT, "/api/v1/coalition/programs/:id/numbers", e -> e.coalition()::setNumbers),
            coalitionApi(HttpMethod.GET, "/api/v1/coalition/partners", e -> e.coalitionPartners()::list),
            coalitionApi(HttpMethod.POST, "/api/v1/coalition/partners", e -> e.coalitionPartners()::add),
            coalitionApi(HttpMethod.PUT, "/api/v1/coalition/partners/:id", e -> e.coalitionPartners()::update),
            coalitionApi(HttpMethod.DELETE, "/api/v1/coalition/partners/:id", e -> e.coalitionPartners()::remove));

    /** The routes of one kind, in declaration order (the tests' views of {@link #ROUTES}). */
    static List<ConsoleRoute> routes(boolean lead, boolean page) {
        return ROUTES.stream().filter(r -> !r.coalition() && r.lead() == lead && r.page() == page).toList();
    }

    static final List<ConsoleRoute> COALITION_PAGES = ROUTES.stream().filter(r -> r.coalition() && r.page()).toList();
    static final List<ConsoleRoute> COALITION_APIS = ROUTES.stream().filter(r -> r.coalition() && !r.page()).toList();

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
    /** The session cookie's Secure flag (auth.secureCookies), which the remembered program's cookie follows. */
    private final boolean secureCookies;

    /**
     * @param live the hub-wide live store (staff sessions, TOTP codes); each program's shifts and conversations are
     *             its own
     */
    public ConsoleRoutes(Vertx vertx, HubConfig config, Clock clock, LiveStore live, AccountStore accounts, HostedPrograms programs,
                         StaffSessions sessions, PasswordHasher hasher, LoginAttempts loginAttempts, DeviceCookies devices) {
        // Compiled on a worker while the hub starts; a page asked for before then waits for it.
        Future<Templates> templates = vertx.executeBlocking(Templates::compileAll, false)
                .onFailure(e -> LOG.log(Level.SEVERE, "console templates failed to compile", e));
        ConsoleText texts = new ConsoleText();
        PageModels models = new PageModels(texts);
        HostedProgram main = programs.defaultProgram();
        this.replies = new Replies(templates, texts, models);
        this.programs = programs;
        this.accounts = accounts;
        this.secureCookies = config.auth().secureCookies();
        // One sign-in for the hub: enrolment is due when any of the person's programs requires it.
        TotpRules totpRules = new TotpRules(programs);
        this.guards = new ConsoleGuards(sessions, accounts, totpRules, config.publicUrl(), replies);
        this.auditUsage = new AuditUsageNotice();
        TotpEnrolment enrolment = new TotpEnrolment(live, new TotpVerifier(live, clock), totpRules, clock);
        CoalitionStatistics coalitionStats = new CoalitionStatistics(programs);
        ProgramRoster roster = new ProgramRoster(programs, accounts);
        this.coalition = new CoalitionApi(programs, accounts, coalitionStats, roster, replies);
        // The coalition's partner directory is hub-wide: in the default program's store, its changes in the hub's log.
        CoalitionDirectory coalitionDirectory = new CoalitionDirectory(main.store(), main.audit());
        PartnerApi coalitionPartners = new PartnerApi(coalitionDirectory, replies);
        this.endpointsOf = program -> {
            SettingsEditor editor = new SettingsEditor(program.settings(), program.audit());
            // One ProgramAccounts per program: its one-after-another order covers the roster's and the credentials' changes.
            ProgramAccounts staffAccounts = new ProgramAccounts(accounts, program.id().value(), main.id().value());
            StaffRights rights = new StaffRights(staffAccounts);
            AccountChangeLog accountLog = new AccountChangeLog(programs, program);
            StaffRoster staff = new StaffRoster(staffAccounts, rights, hasher, sessions, editor, accountLog, clock,
                    config.queue().maxCapacity(), new ProgramLeave(program.conversations(), program.live()), totpRules);
            StaffCredentials credentials = new StaffCredentials(staffAccounts, rights, hasher, sessions, accountLog, loginAttempts,
                    config.dataDir());
            AccessLogView accessLog = new AccessLogView(program.audit());
            PartnerDirectory partners = new PartnerDirectory(editor, program.id().value(), program.partners(), main.store());
            RegisterView registerView = new RegisterView(program.register(), program.audit(), clock);
            BooleanSupplier videoEnabled = program.video()::videoEnabled;
            ConsolePages pages = new ConsolePages(replies, models, texts, editor, staff, enrolment, program.stats(), accessLog,
                    registerView, coalitionStats, roster, partners, coalitionDirectory, config, videoEnabled);
            return new Endpoints(pages,
                    new AdvocateApi(program.live(), program.live(), editor, program.partners(), staff, credentials, sessions, enrolment,
                            config, videoEnabled, replies, devices),
                    new LeadApi(editor, staff, credentials, program.stats(), accessLog, partners, registerView, config, replies),
                    coalition, coalitionPartners);
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

    /**
     * The guards a route passes, in order, before its handler: what the declaration asks for. Cheap checks that
     * need no session come first; nothing that reads the session runs before {@link Guard#SESSION}.
     */
    static List<Guard> guards(ConsoleRoute route) {
        List<Guard> chain = new ArrayList<>();
        if (route.changesState()) {
            chain.add(Guard.BODY);
            chain.add(Guard.SAME_ORIGIN);
        }
        chain.add(Guard.SESSION);
        if (programScoped(route)) chain.add(Guard.WORKPLACE);
        if (route.changesState()) chain.add(Guard.CSRF);
        chain.add(Guard.ACCOUNT);
        if (route.coalition()) chain.add(Guard.COALITION_ADMIN);
        if (route.page()) chain.add(Guard.AUDIT_NOTICE);
        return List.copyOf(chain);
    }

    private Handler<RoutingContext> handlerOf(Guard guard, ConsoleRoute route) {
        return switch (guard) {
            case BODY -> guards.body();
            case SAME_ORIGIN -> guards.sameOrigin();
            case SESSION -> route.page() ? guards.pageSession() : guards.apiSession();
            case WORKPLACE -> Workplace.guard(programs, accounts, route.lead(), route.page(), secureCookies, replies);
            case CSRF -> guards.csrf();
            case ACCOUNT -> guards.account(route.page(), route.reachableWhile().contains(Standing.TOTP_ENROLMENT_DUE),
                    route.reachableWhile().contains(Standing.PASSWORD_CHANGE_DUE));
            case COALITION_ADMIN -> coalition.adminOnly(route.page());
            case AUDIT_NOTICE -> auditUsage.handler();
        };
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
        for (ConsoleRoute spec : ROUTES) {
            Route route = router.route(spec.method(), spec.path());
            boolean scoped = programScoped(spec);
            for (Guard guard : guards(spec)) route.handler(handlerOf(guard, spec));
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

    private static ConsoleRoute coalitionApi(HttpMethod method, String path, Function<Endpoints, Handler<RoutingContext>> handler) {
        return new ConsoleRoute(method, path, false, true, false, Set.of(), handler);
    }
}
