package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.error.Refusal;
import org.hearthhub.i18n.Languages;
import org.hearthhub.model.StaffSession;
import org.hearthhub.settings.Account;
import org.hearthhub.web.Failures;

import java.util.Map;

/** How console routes answer: JSON bodies, refusals (through {@link Failures}), redirects and rendered pages. */
final class Replies {
    private final Future<Templates> templates;
    private final PageModels models;
    private final Failures failures;

    Replies(Future<Templates> templates, ConsoleText texts, PageModels models) {
        this.templates = templates;
        this.models = models;
        this.failures = new Failures(texts::text, Replies::lang);
    }

    void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .end(body.encode());
    }

    void ok(RoutingContext ctx, JsonObject body) {
        json(ctx, 200, body);
    }

    /** A download; {@code fileName} is the hub's own (letters, digits, dashes and a dot). */
    void csv(RoutingContext ctx, String fileName, String body) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }

    void noContent(RoutingContext ctx) {
        if (!ctx.response().ended()) ctx.response().setStatusCode(204).end();
    }

    void redirect(RoutingContext ctx, String location) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
    }

    /** Refuses at once: the hub's error body, the message in the person's console language. */
    void error(RoutingContext ctx, Refusal refusal) {
        failures.reply(ctx, refusal);
    }

    /** Renders a page once the templates are compiled (at once, after start-up). */
    void page(RoutingContext ctx, int status, String template, Map<String, Object> model) {
        templates.onComplete(ar -> {
            if (ctx.response().ended()) return;
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            String html;
            try {
                html = ar.result().render(template, model);
            } catch (RuntimeException e) {
                ctx.fail(e);
                return;
            }
            ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end(html);
        });
    }

    void forbiddenPage(RoutingContext ctx, StaffSession session) {
        page(ctx, 403, "forbidden", models.base(ctx, session, null, "forbidden"));
    }

    /** The failure handler of every console route: refusals get their status, anything else a 500 without details. */
    void failure(RoutingContext ctx) {
        failures.handle(ctx);
    }

    /** The language to answer in: the account's preference, else the session's, else English. */
    static String lang(RoutingContext ctx) {
        Account a = ConsoleGuards.account(ctx);
        if (a != null) return a.uiLanguage();
        StaffSession s = ConsoleGuards.session(ctx);
        return s != null ? s.uiLanguage() : Languages.DEFAULT;
    }
}
