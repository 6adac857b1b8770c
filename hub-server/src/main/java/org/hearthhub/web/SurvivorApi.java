package org.hearthhub.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.guard.Origins;
import org.hearthhub.i18n.Languages;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ReferralsFor;
import org.hearthhub.ws.Frames;

/**
 * The survivor side's HTTP calls: {@code GET /api/v1/status} and {@code POST /api/v1/feedback}. No authentication, no
 * cookies. Each acts on the program its {@code program} parameter names (none: the hub's default program). A feedback
 * from another site's page is refused, as on the survivor socket and the end beacons.
 */
public final class SurvivorApi {
    private static final int MAX_FEEDBACK_BYTES = 1024;
    /** What the widget offers to switch to: every language with its bundles, in its own name and direction. */
    private static final JsonArray LANGUAGES = new JsonArray(Languages.all().stream()
            .map(l -> new JsonObject().put("code", l.code()).put("name", l.name()).put("dir", l.direction())).toList());

    private final HostedPrograms programs;
    private final String publicUrl;
    private final Failures failures = Failures.hub();

    public SurvivorApi(HostedPrograms programs, String publicUrl) {
        this.programs = programs;
        this.publicUrl = publicUrl;
    }

    /**
     * True once a survivor-side POST sent from a page not served by the hub has been answered {@code 403}. A browser
     * always sends Origin with a POST; none is a client that is no browser, served as on the survivor socket.
     */
    static boolean fromAnotherSite(RoutingContext ctx, String publicUrl, Failures failures) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null || Origins.allowed(origin, publicUrl)) return false;
        failures.reply(ctx, Refusal.forbidden("error.foreign_origin"));
        return true;
    }

    /** The program a survivor-side request names, or null once it has been answered {@code 404 unknown_program}. */
    static HostedProgram program(HostedPrograms programs, RoutingContext ctx, Failures failures) {
        HostedProgram program = programs.named(ctx.request().getParam("program")).orElse(null);
        if (program == null) failures.reply(ctx, new Refusal(ErrorCode.UNKNOWN_PROGRAM));
        return program;
    }

    public void mount(Router router) {
        router.get("/api/v1/status").handler(this::status).failureHandler(failures);
        router.post("/api/v1/feedback").handler(BodyHandler.create(false).setBodyLimit(MAX_FEEDBACK_BYTES)).handler(this::feedback)
                .failureHandler(failures);
    }

    private void status(RoutingContext ctx) {
        HostedProgram program = program(programs, ctx, failures);
        if (program == null) return;
        ConversationService conversations = program.conversations();
        String lang = Languages.normalize(ctx.request().getParam("lang"));
        ProgramSettings s = program.settings().get();
        Future.all(conversations.opening().openNow(), conversations.outlook()).onSuccess(all -> {
            boolean open = all.resultAt(0);
            ConversationService.Outlook q = all.resultAt(1);
            JsonObject body = new JsonObject()
                    .put("lang", lang)
                    .put("languages", LANGUAGES)
                    .put("open", open)
                    .put("queueLength", q.queueLength())
                    .put("staffed", open && q.staffed())
                    .put("estimatedWaitSeconds", open ? q.estimatedWaitSeconds() : null)
                    .put("referrals", Frames.referrals(ReferralsFor.lang(s, lang)))
                    .put("quickExitUrl", s.widget().quickExitUrl())
                    .put("widget", widget(s.widget(), lang));
            if (!open) Frames.reopening(body, conversations);
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .end(body.encode());
        }).onFailure(ctx::fail);
    }

    private static JsonObject widget(ProgramSettings.WidgetLook look, String lang) {
        return new JsonObject()
                .put("title", look.title().get(lang))
                .put("notice", look.notice().get(lang))
                .put("primaryColor", look.primaryColor())
                .put("position", look.position());
    }

    private void feedback(RoutingContext ctx) {
        if (fromAnotherSite(ctx, publicUrl, failures)) return;
        HostedProgram program = program(programs, ctx, failures);
        if (program == null) return;
        JsonObject body;
        try {
            Object parsed = ctx.body() == null || ctx.body().buffer() == null ? null : ClientJson.decode(ctx.body().buffer());
            body = parsed instanceof JsonObject o ? o : null;
        } catch (DecodeException e) {
            body = null;
        } catch (Refusal twice) {
            failures.reply(ctx, twice);
            return;
        }
        if (body == null || !(body.getValue("ticket") instanceof String ticket) || !(body.getValue("rating") instanceof Integer rating)
                || !(body.getValue("helped") instanceof Boolean helped)) {
            failures.reply(ctx, new Refusal(ErrorCode.BAD_REQUEST));
            return;
        }
        program.conversations().feedback().submit(ticket, rating, helped)
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }
}
