package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.model.StaffSession;
import org.hearthhub.config.HubConfig;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.Partner;
import org.hearthhub.sharing.SharingCsv;
import org.hearthhub.stats.DailyStatistics;
import org.hearthhub.stats.StatsSummary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** The console's HTML pages. Data for scripts goes into data-* attributes (escaped by Pebble), never inline script. */
final class ConsolePages {
    private final Replies replies;
    private final PageModels models;
    private final ConsoleText texts;
    private final SettingsEditor settings;
    private final StaffRoster staff;
    private final TotpEnrolment enrolment;
    private final DailyStatistics stats;
    private final AccessLogView accessLog;
    private final RegisterView register;
    private final CoalitionStatistics coalition;
    private final PartnerDirectory partners;
    private final CoalitionDirectory coalitionPartners;
    private final ProgramRoster roster;
    private final HubConfig config;
    private final java.util.function.BooleanSupplier videoEnabled;
    private final java.util.List<String> zones;

    ConsolePages(Replies replies, PageModels models, ConsoleText texts, SettingsEditor settings, StaffRoster staff,
                 TotpEnrolment enrolment, DailyStatistics stats, AccessLogView accessLog, RegisterView register,
                 CoalitionStatistics coalition, ProgramRoster roster, PartnerDirectory partners, CoalitionDirectory coalitionPartners,
                 HubConfig config, java.util.function.BooleanSupplier videoEnabled) {
        this.register = register;
        this.roster = roster;
        this.partners = partners;
        this.coalitionPartners = coalitionPartners;
        this.coalition = coalition;
        this.videoEnabled = videoEnabled;
        this.replies = replies;
        this.models = models;
        this.texts = texts;
        this.settings = settings;
        this.staff = staff;
        this.enrolment = enrolment;
        this.stats = stats;
        this.accessLog = accessLog;
        this.config = config;
        this.zones = java.util.List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));
    }

    /**
     * The programs whose queues the console offers to take, as JSON for its script: {@code id} and {@code name} of each,
     * the page's own program first (the one a person in one program has).
     */
    private static String queues(RoutingContext ctx) {
        String here = Workplace.of(ctx) == null ? null : Workplace.of(ctx).program().id().value();
        JsonArray out = new JsonArray();
        Workplace.queues(ctx).stream()
                .sorted(Comparator.comparing((HostedProgram p) -> !p.id().value().equals(here)))
                .forEach(p -> out.add(new JsonObject().put("id", p.id().value()).put("name", p.program().name())));
        return out.encode();
    }

    void login(RoutingContext ctx) {
        Map<String, Object> m = models.base(ctx, null, null, "login");
        m.put("expired", "1".equals(ctx.request().getParam("expired")));
        replies.page(ctx, 200, "login", m);
    }

    void console(RoutingContext ctx) {
        Map<String, Object> m = base(ctx, "console");
        m.put("videoEnabled", videoEnabled.getAsBoolean());
        m.put("maxCapacity", config.queue().maxCapacity());
        m.put("queues", queues(ctx));
        replies.page(ctx, 200, "console", m);
    }

    void totp(RoutingContext ctx) {
        Account account = ConsoleGuards.account(ctx);
        enrolment.offer(account.username()).onSuccess(offer -> {
            Map<String, Object> m = base(ctx, "totp");
            m.put("offer", offer);
            m.put("enrolled", account.totpSecret() != null);
            m.put("required", enrolment.required(account));
            m.put("passwordAsked", !enrolment.passwordJustTyped(account, ConsoleGuards.session(ctx)));
            m.put("passwordDue", account.mustChangePassword());
            replies.page(ctx, 200, "totp", m);
        }).onFailure(ctx::fail);
    }

    void hours(RoutingContext ctx) {
        Map<String, Object> m = base(ctx, "hours");
        m.put("initial", SectionJson.write(HoursSection.of(settings.current())).encode());
        m.put("zones", zones);
        replies.page(ctx, 200, "lead-hours", m);
    }

    void referrals(RoutingContext ctx) {
        Map<String, Object> m = base(ctx, "referrals");
        m.put("initial", SectionJson.write(ReferralsSection.of(settings.current())).encode());
        replies.page(ctx, 200, "lead-referrals", m);
    }

    void canned(RoutingContext ctx) {
        Map<String, Object> m = base(ctx, "canned");
        m.put("initial", SectionJson.write(CannedSection.of(settings.current())).encode());
        replies.page(ctx, 200, "lead-canned", m);
    }

    /** The program's directory (its own entries, then those it adopted) and the coalition's entries it may adopt. */
    void partners(RoutingContext ctx) {
        Future<List<Partner>> own = partners.list();
        Future<List<PartnerDirectory.Offered>> offered = partners.offered();
        Future.all(own, offered).onSuccess(all -> {
            Map<String, Object> m = base(ctx, "partners");
            m.put("initial", new JsonObject().put("partners", PartnerEntry.json(own.result())).encode());
            m.put("coalition", new JsonObject().put("partners", PartnerDirectory.Offered.json(offered.result())).encode());
            m.put("hasCoalition", !offered.result().isEmpty());
            replies.page(ctx, 200, "lead-partners", m);
        }).onFailure(ctx::fail);
    }

    /** The coalition's shared directory, for its admins to keep. */
    void coalitionPartnersPage(RoutingContext ctx) {
        coalitionPartners.list().onSuccess(all -> {
            Map<String, Object> m = base(ctx, "coalition-partners");
            m.put("initial", new JsonObject().put("partners", PartnerEntry.json(all)).encode());
            replies.page(ctx, 200, "coalition-partners", m);
        }).onFailure(ctx::fail);
    }

    /** The register's month (a bad month shows this one, with a message) and the safeguarding bases' form. */
    void sharing(RoutingContext ctx) {
        Map<String, Object> m = base(ctx, "sharing");
        YearMonth month;
        try {
            month = register.month(ctx.request().getParam("month"));
            m.put("error", null);
        } catch (Refusal e) {
            month = register.month(null);
            m.put("error", texts.text(Replies.lang(ctx), "error.month"));
        }
        YearMonth shown = month;
        m.put("month", shown.toString());
        m.put("previous", shown.minusMonths(1).toString());
        m.put("next", shown.plusMonths(1).toString());
        m.put("initial", SectionJson.write(SafeguardingSection.of(settings.current())).encode());
        register.entries(shown).onSuccess(entries -> {
            m.put("entries", entries.stream().map(e -> {
                Map<String, Object> row = Plain.of(RegisterView.toJson(e));
                row.put("when", SharingCsv.minute(e));
                return row;
            }).toList());
            replies.page(ctx, 200, "lead-sharing", m);
        }).onFailure(ctx::fail);
    }

    void widget(RoutingContext ctx) {
        Map<String, Object> m = base(ctx, "widget");
        JsonObject w = SectionJson.write(WidgetSection.of(settings.current()));
        m.put("widget", Plain.of(w));
        m.put("videoEnabled", videoEnabled.getAsBoolean());
        replies.page(ctx, 200, "lead-widget", m);
    }

    void retention(RoutingContext ctx) {
        Map<String, Object> m = base(ctx, "retention");
        m.put("retention", Plain.of(SectionJson.write(RetentionSection.of(settings.current(), config))));
        String smsOff = org.hearthhub.sms.SmsBridge.offReasonFor(config.twilio());
        m.put("smsOff", smsOff == null ? "" : smsOff);
        replies.page(ctx, 200, "lead-retention", m);
    }

    void staffPage(RoutingContext ctx) {
        Account lead = ConsoleGuards.account(ctx);
        staff.list().onSuccess(accounts -> {
            Map<String, Object> m = base(ctx, "staff");
            m.put("accounts", accounts.stream().map(a -> Plain.of(staff.view(a, lead))).toList());
            m.put("requireTotpForAll", settings.current().staffSecurity().requireTotpForAll());
            m.put("selfTotpEnrolled", ConsoleGuards.account(ctx).totpSecret() != null);
            m.put("maxCapacity", config.queue().maxCapacity());
            m.put("initial", new JsonObject().put("accounts", accounts.stream().map(a -> staff.view(a, lead)).toList()).encode());
            replies.page(ctx, 200, "lead-staff", m);
        }).onFailure(ctx::fail);
    }

    void statsPage(RoutingContext ctx) {
        String zone = texts.text(Replies.lang(ctx), "stats.zone", stats.zone().getId());
        rangedStats(ctx, "stats", "lead-stats", stats.today(), zone, range -> stats.summary(range.from(), range.to()), s -> s, (m, s) -> {
        });
    }

    /** The coalition's sum drawn as a lead's charts, then each program's headline figures and the sharings between programs. */
    void coalitionStatsPage(RoutingContext ctx) {
        String zone = texts.text(Replies.lang(ctx), "coalition.stats.zone");
        rangedStats(ctx, "coalition-stats", "coalition-stats", coalition.today(), zone, coalition::over,
                CoalitionStatistics.Summary::coalition, (m, s) -> {
            @SuppressWarnings("unchecked")
            Map<String, String> t = (Map<String, String>) m.get("t");
            StatsCharts charts = new StatsCharts(t);
            m.put("programRows", s.programs().stream().map(p -> Map.of("id", p.id(), "name", nz(p.name()),
                    "headline", charts.headline(p.summary()))).toList());
            m.put("sharingRows", s.sharing().stream().map(c -> Map.of("kind", t.getOrDefault("sharing.kind." + c.kind(), c.kind()),
                    "from", c.from(), "to", c.to() == null ? t.get("coalition.outside") : c.to(), "count", c.count())).toList());
        });
    }

    /** The coalition admin's programs: a table of each, and the forms that create one, name a lead and set numbers. */
    void coalitionProgramsPage(RoutingContext ctx) {
        roster.list().onSuccess(list -> {
            Map<String, Object> m = base(ctx, "coalition-programs");
            m.put("programList", list.stream().map(JsonObject.class::cast).map(p -> Map.of("id", p.getString("id"),
                    "name", nz(p.getString("name")), "isDefault", p.getBoolean("default"), "sms", nz(p.getString("smsNumber")),
                    "voice", nz(p.getString("voiceNumber")), "leads", String.join(", ", p.getJsonArray("leads").<String>getList()))).toList());
            m.put("initial", new JsonObject().put("programs", list).encode());
            replies.page(ctx, 200, "coalition-programs", m);
        }).onFailure(ctx::fail);
    }

    /**
     * A statistics page over the range the request names (a bad one: the default range and a note why).
     *
     * @param today the end of the default range, in the zone the days are counted in
     * @param zone  the sentence saying which zone that is
     */
    private <T> void rangedStats(RoutingContext ctx, String page, String template, LocalDate today, String zone,
                                 Function<StatsRange, Future<T>> load, Function<T, StatsSummary> summaryOf,
                                 BiConsumer<Map<String, Object>, T> more) {
        Map<String, Object> m = base(ctx, page);
        m.put("zone", zone);
        StatsRange range;
        try {
            range = StatsRange.parse(ctx.request().getParam("from"), ctx.request().getParam("to"), today);
            m.put("error", null);
        } catch (Refusal e) {
            range = StatsRange.lastDays(today);
            m.put("error", texts.text(Replies.lang(ctx), "stats.bad_range", StatsRange.MAX_DAYS));
        }
        m.put("from", range.from().toString());
        m.put("to", range.to().toString());
        @SuppressWarnings("unchecked")
        StatsCharts charts = new StatsCharts((Map<String, String>) m.get("t"));
        load.apply(range).onSuccess(loaded -> {
            StatsSummary summary = summaryOf.apply(loaded);
            m.put("charts", charts.all(summary));
            m.put("headline", charts.headline(summary));
            more.accept(m, loaded);
            replies.page(ctx, 200, template, m);
        }).onFailure(ctx::fail);
    }

    void auditPage(RoutingContext ctx) {
        Map<String, Object> m = base(ctx, "audit");
        String actor = ctx.request().getParam("actor");
        String action = ctx.request().getParam("action");
        String from = ctx.request().getParam("from");
        String to = ctx.request().getParam("to");
        m.put("filter", Map.of("actor", nz(actor), "action", nz(action), "from", nz(from), "to", nz(to)));
        AccessLogView.Filter filter;
        try {
            filter = AccessLogView.Filter.parse(actor, action, from, to);
            m.put("error", null);
        } catch (Refusal e) {
            filter = AccessLogView.Filter.parse(actor, action, null, null);
            m.put("error", texts.text(Replies.lang(ctx), "error.date"));
        }
        AccessLogView.Cursor cursor;
        try {
            cursor = AccessLogView.Cursor.parse(ctx.request().getParam("before"), ctx.request().getParam("after"));
        } catch (Refusal e) {
            cursor = AccessLogView.Cursor.NEWEST;
        }
        boolean paged = !cursor.equals(AccessLogView.Cursor.NEWEST);
        String query = "/console/lead/audit?actor=" + query(actor) + "&action=" + query(action) + "&from=" + query(from) + "&to=" + query(to);
        accessLog.show(filter, cursor).onSuccess(result -> {
            m.put("log", result);
            m.put("pageSize", AccessLogView.PAGE_SIZE);
            m.put("size", texts.text(Replies.lang(ctx), "audit.size", result.usage().megabytes(), result.usage().capMegabytes(),
                    result.usage().percent()));
            m.put("newerHref", result.newer() == null ? null : query + "&after=" + result.newer());
            m.put("olderHref", result.older() == null ? null : query + "&before=" + result.older());
            m.put("newestHref", paged ? query : null);
            replies.page(ctx, 200, "lead-audit", m);
        }).onFailure(ctx::fail);
    }

    private static String query(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Map<String, Object> base(RoutingContext ctx, String page) {
        StaffSession session = ConsoleGuards.session(ctx);
        Map<String, Object> m = models.base(ctx, session, ConsoleGuards.account(ctx), page);
        // Until it is gone, the first lead is reminded that its starting password lies in a file on the server.
        m.put("firstLeadFile", session.username().equals(FirstLeadBootstrap.USERNAME)
                && FirstLeadBootstrap.passwordFileExists(config.dataDir())
                ? config.dataDir().resolve(FirstLeadBootstrap.PASSWORD_FILE).toAbsolutePath().toString() : null);
        return m;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
