package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.config.HubConfig;
import org.hearthhub.stats.DailyStatistics;

import java.util.List;
import java.util.TreeMap;

/**
 * The lead's JSON API ({@code /api/v1/lead/…}), behind the lead role. Each settings section is a
 * GET of its current value and a PUT of its whole new value; the pages use the same calls.
 */
final class LeadApi {
    private final SettingsEditor settings;
    private final StaffRoster staff;
    private final StaffCredentials credentials;
    private final DailyStatistics stats;
    private final AccessLogView accessLog;
    private final PartnerDirectory partners;
    private final PartnerApi partnerApi;
    private final RegisterView register;
    private final HubConfig config;
    private final Replies replies;

    LeadApi(SettingsEditor settings, StaffRoster staff, StaffCredentials credentials, DailyStatistics stats, AccessLogView accessLog,
            PartnerDirectory partners, RegisterView register, HubConfig config, Replies replies) {
        this.settings = settings;
        this.partners = partners;
        this.partnerApi = new PartnerApi(partners, replies);
        this.register = register;
        this.staff = staff;
        this.credentials = credentials;
        this.stats = stats;
        this.accessLog = accessLog;
        this.config = config;
        this.replies = replies;
    }

    // ---- settings sections: GET shows, PUT replaces

    void show(RoutingContext ctx, SectionForm<?> form) {
        replies.ok(ctx, SectionJson.write(form.view().apply(settings.current(), config)));
    }

    /** Binds the body to the section's record, refuses it with its first problem, else saves it and shows the result. */
    <T extends SettingsSection> void save(RoutingContext ctx, SectionForm<T> form) {
        Routes.run(ctx, () -> {
            T received = form.received().apply(SectionJson.read(ctx.body() == null ? null : ctx.body().buffer(), form), config);
            List<SectionProblem> problems = received.validate();
            if (!problems.isEmpty()) throw problems.get(0).refusal();
            return settings.update(actor(ctx), form.name(), received::applyTo);
        }, saved -> replies.ok(ctx, SectionJson.write(form.view().apply(saved, config))));
    }

    // ---- staff accounts

    void listStaff(RoutingContext ctx) {
        staff.list().onSuccess(all -> replies.ok(ctx, new JsonObject()
                        .put("accounts", all.stream().map(a -> staff.view(a, ConsoleGuards.account(ctx))).toList())
                        .put("requireTotpForAll", settings.current().staffSecurity().requireTotpForAll())))
                .onFailure(ctx::fail);
    }

    void createStaff(RoutingContext ctx) {
        Routes.run(ctx, () -> staff.create(actor(ctx), Routes.body(ctx)),
                a -> replies.json(ctx, 201, staff.view(a, ConsoleGuards.account(ctx))));
    }

    void updateStaff(RoutingContext ctx) {
        Routes.run(ctx, () -> staff.update(actor(ctx), ctx.pathParam("username"), Routes.body(ctx)),
                a -> replies.ok(ctx, staff.view(a, ConsoleGuards.account(ctx))));
    }

    void resetPassword(RoutingContext ctx) {
        Routes.run(ctx, () -> credentials.resetPassword(actor(ctx), ctx.pathParam("username"), Routes.body(ctx).getValue("password")),
                v -> replies.noContent(ctx));
    }

    void resetTotp(RoutingContext ctx) {
        Routes.run(ctx, () -> credentials.resetTotp(actor(ctx), ctx.pathParam("username")), v -> replies.noContent(ctx));
    }

    /** POST /api/v1/lead/staff/:username/remove: out of this program only ({@code removed}), or disabled if it was their only one. */
    void removeStaff(RoutingContext ctx) {
        Routes.run(ctx, () -> staff.removeFromProgram(actor(ctx), ctx.pathParam("username")),
                r -> replies.ok(ctx, new JsonObject().put("outcome", r.wire())));
    }

    void clearSignInLocks(RoutingContext ctx) {
        Routes.run(ctx, () -> credentials.clearSignInLocks(actor(ctx), ctx.pathParam("username")), v -> replies.noContent(ctx));
    }

    // ---- the partner directory: one entry at a time, and the coalition's entries the lead adopts

    /** GET, POST /api/v1/lead/partners, PUT and DELETE …/:id (an adopted entry is taken off, never edited) */
    PartnerApi partners() {
        return partnerApi;
    }

    /** GET /api/v1/lead/coalition-partners: the coalition's entries, each with {@code adopted} */
    void coalitionPartners(RoutingContext ctx) {
        Routes.run(ctx, partners::offered, offered -> replies.ok(ctx, new JsonObject().put("partners", PartnerDirectory.Offered.json(offered))));
    }

    /** PUT /api/v1/lead/coalition-partners/:id (no body): adopts it; 200 with the entry */
    void adoptPartner(RoutingContext ctx) {
        Routes.run(ctx, () -> partners.adopt(actor(ctx), ctx.pathParam("id")), p -> replies.ok(ctx, SectionJson.write(p)));
    }

    /** DELETE /api/v1/lead/coalition-partners/:id: drops an adopted entry */
    void dropPartner(RoutingContext ctx) {
        Routes.run(ctx, () -> partners.drop(actor(ctx), ctx.pathParam("id")), v -> replies.noContent(ctx));
    }

    // ---- the sharing register

    /** GET /api/v1/lead/sharing?month=YYYY-MM (default: this month, UTC) */
    void sharing(RoutingContext ctx) {
        Routes.run(ctx, () -> {
            var month = register.month(ctx.request().getParam("month"));
            return register.entries(month).map(entries -> new JsonObject().put("month", month.toString())
                    .put("entries", entries.stream().map(RegisterView::toJson).toList()));
        }, body -> replies.ok(ctx, body));
    }

    /** GET /api/v1/lead/sharing.csv?month=YYYY-MM: the month for auditors, as a download */
    void sharingCsv(RoutingContext ctx) {
        Routes.run(ctx, () -> {
            var month = register.month(ctx.request().getParam("month"));
            return register.csv(actor(ctx), month);
        }, export -> replies.csv(ctx, export.fileName(), export.csv()));
    }

    // ---- statistics and the access log

    /**
     * GET /api/v1/lead/stats?from=YYYY-MM-DD&to=YYYY-MM-DD: days in the program's time zone, named in {@code timeZone}
     * (default: the last 30 of them, at most 366).
     */
    void stats(RoutingContext ctx) {
        Routes.run(ctx, () -> {
            StatsRange range = StatsRange.parse(ctx.request().getParam("from"), ctx.request().getParam("to"), stats.today());
            return stats.summary(range.from(), range.to());
        }, summary -> {
            JsonObject days = new JsonObject();
            summary.days().forEach((day, counters) -> days.put(day.toString(), new JsonObject(new TreeMap<String, Object>(counters))));
            replies.ok(ctx, new JsonObject().put("from", summary.from().toString()).put("to", summary.to().toString())
                    .put("timeZone", stats.zone().getId()).put("days", days).put("totals", new JsonObject(new TreeMap<String, Object>(summary.totals()))));
        });
    }

    /** GET /api/v1/lead/audit?actor=&action=&from=&to=&before=|after= (a page, newest first) */
    void audit(RoutingContext ctx) {
        Routes.run(ctx, () -> accessLog.show(AccessLogView.Filter.parse(ctx.request().getParam("actor"),
                                ctx.request().getParam("action"), ctx.request().getParam("from"), ctx.request().getParam("to")),
                        AccessLogView.Cursor.parse(ctx.request().getParam("before"), ctx.request().getParam("after"))),
                result -> replies.ok(ctx, result.toJson()));
    }

    private static String actor(RoutingContext ctx) {
        return ConsoleGuards.session(ctx).username();
    }
}
