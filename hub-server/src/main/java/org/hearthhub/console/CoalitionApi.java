package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.actor.Actor;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.model.Role;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.AccountStore;

import java.util.List;

/**
 * What a coalition admin does: list the hub's programs, create one, name its leads, and see the coalition's statistics. Each change is
 * recorded in the default program's access log (the hub's) and in the access log of the program it concerns.
 */
final class CoalitionApi {
    private final HostedPrograms programs;
    private final AccountStore accounts;
    private final Replies replies;
    private final CoalitionStatistics statistics;
    private final ProgramRoster roster;

    CoalitionApi(HostedPrograms programs, AccountStore accounts, CoalitionStatistics statistics, ProgramRoster roster, Replies replies) {
        this.programs = programs;
        this.roster = roster;
        this.accounts = accounts;
        this.statistics = statistics;
        this.replies = replies;
    }

    /** After the account guard: anyone but a coalition admin gets 403 (on a page, the console's "not for you" page). */
    Handler<RoutingContext> adminOnly(boolean page) {
        return ctx -> {
            Account account = ConsoleGuards.account(ctx);
            if (account != null && account.coalitionAdmin()) ctx.next();
            else if (page) replies.forbiddenPage(ctx, ConsoleGuards.session(ctx));
            else replies.error(ctx, Refusal.forbidden("error.coalition_admin_only"));
        };
    }

    void list(RoutingContext ctx) {
        roster.list().onSuccess(out -> replies.ok(ctx, new JsonObject().put("programs", out))).onFailure(ctx::fail);
    }

    /** {@code {id, name}}: 201 with the program; 400 for an id of another shape, 409 for one taken. */
    void create(RoutingContext ctx) {
        Routes.run(ctx, () -> {
            JsonObject body = Routes.body(ctx);
            String id = Routes.text(body, "id", 40, true, "error.program_id");
            String name = Routes.shownName(body, "name", Program.MAX_NAME_CHARS, false, "error.program_name");
            ProgramId programId = ProgramId.parse(id).orElseThrow(() -> Refusal.badField("id", "error.program_id"));
            return programs.create(programId, name)
                    .recover(CoalitionApi::takenId)
                    .compose(created -> recorded(ctx, created, "program.create", programId.value()).map(created));
        }, created -> replies.json(ctx, 201, new JsonObject().put("id", created.id().value()).put("name", created.program().name())));
    }

    /** Makes an existing account a lead of the program (keeping its other programs): 204; 404 for no such program or account. */
    void nameLead(RoutingContext ctx) {
        Routes.run(ctx, () -> {
            HostedProgram program = programs.named(ctx.pathParam("id"))
                    .orElseThrow(() -> new Refusal(ErrorCode.UNKNOWN_PROGRAM));
            String username = ctx.pathParam("username");
            String defaultId = programs.defaultProgram().id().value();
            return accounts.updateAccount(username, found -> found.orElseThrow(() -> Refusal.notFound("error.no_account"))
                            .withRoleIn(program.id().value(), Role.LEAD, defaultId))
                    .compose(v -> recorded(ctx, program, "program.lead", username));
        }, v -> replies.noContent(ctx));
    }

    /**
     * {@code {sms, voice}}, each a number in E.164 form or null (none): 200 with the program's numbers; 400 for
     * another form or the default program (its numbers are the configuration's), 409 for a number another program owns.
     */
    void setNumbers(RoutingContext ctx) {
        Routes.run(ctx, () -> {
            HostedProgram program = programs.named(ctx.pathParam("id"))
                    .orElseThrow(() -> new Refusal(ErrorCode.UNKNOWN_PROGRAM));
            JsonObject body = Routes.body(ctx);
            String sms = Routes.text(body, "sms", 16, false, "error.program_number");
            String voice = Routes.text(body, "voice", 16, false, "error.program_number");
            // The log says which kinds changed, not the numbers: they are the program's, but the log needs no more.
            return programs.registry().setNumbers(program.id(), sms, voice)
                    .compose(saved -> recorded(ctx, program, "program.numbers", (sms == null ? "-" : "sms") + "," + (voice == null ? "-" : "voice"))
                            .map(saved));
        }, saved -> replies.ok(ctx, new JsonObject().put("id", saved.id().value())
                .put("smsNumber", saved.smsNumber()).put("voiceNumber", saved.voiceNumber())));
    }

    /**
     * {@code ?from=YYYY-MM-DD&to=YYYY-MM-DD} (default: the last 30 days, at most 366): each program's anonymous totals,
     * the coalition's sum, and the referrals and transfers between programs; 400 for a bad range.
     */
    void statistics(RoutingContext ctx) {
        Routes.run(ctx, () -> statistics.over(StatsRange.parse(ctx.request().getParam("from"), ctx.request().getParam("to"),
                statistics.today())), out -> replies.ok(ctx, out.toJson()));
    }

    /** The registry's bare "conflict" said in words: the id is the default program's or another's already. */
    private static Future<HostedProgram> takenId(Throwable e) {
        return Future.failedFuture(e instanceof Refusal r && r.code() == ErrorCode.CONFLICT
                ? new Refusal(ErrorCode.CONFLICT, "error.program_id_taken") : e);
    }

    private Future<Void> recorded(RoutingContext ctx, HostedProgram program, String action, String target) {
        Actor actor = Actor.staff(ConsoleGuards.session(ctx).username());
        Future<?> hub = programs.defaultProgram().audit().record(actor, action, target, "program=" + program.id().value());
        Future<?> own = program == programs.defaultProgram() ? Future.succeededFuture()
                : program.audit().record(actor, action, target, null);
        return Future.all(hub, own).mapEmpty();
    }
}
