package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.auth.StaffSession;
import org.hearthhub.chat.ChatException;
import org.hearthhub.i18n.Languages;
import org.hearthhub.settings.Account;

import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** How console routes answer: JSON bodies, the hub's error shape, redirects and rendered pages. */
final class Replies {
    private static final Logger LOG = Logger.getLogger(Replies.class.getName());

    private final Future<Templates> templates;
    private final ConsoleText texts;
    private final PageModels models;

    Replies(Future<Templates> templates, ConsoleText texts, PageModels models) {
        this.templates = templates;
        this.texts = texts;
        this.models = models;
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

    void noContent(RoutingContext ctx) {
        if (!ctx.response().ended()) ctx.response().setStatusCode(204).end();
    }

    void redirect(RoutingContext ctx, String location) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
    }

    void error(RoutingContext ctx, ConsoleException e) {
        error(ctx, e, body -> {
        });
    }

    /** {@code {"code","message","detail"?,"field"?}}; the message is in the person's console language. */
    void error(RoutingContext ctx, ConsoleException e, Consumer<JsonObject> extra) {
        String lang = lang(ctx);
        Object[] args = e.args();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof ConsoleException.Label label) args[i] = texts.text(lang, label.key());
        }
        JsonObject body = new JsonObject().put("code", e.code()).put("message", texts.text(lang, e.textKey(), args));
        if (e.detail() != null) body.put("detail", e.detail());
        if (e.field() != null) body.put("field", e.field());
        extra.accept(body);
        json(ctx, e.status(), body);
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

    /** The failure handler of every console route: known refusals get their status, anything else a 500 without details. */
    void failure(RoutingContext ctx) {
        Throwable f = ctx.failure();
        int status = ctx.statusCode();
        if (f instanceof ConsoleException ce) {
            error(ctx, ce);
        } else if (f instanceof ChatException ce) {
            error(ctx, new ConsoleException(400, ce.code().wire(), "error.bad_request"));
        } else if (f instanceof DecodeException || f instanceof IllegalArgumentException || status == 400) {
            error(ctx, ConsoleException.badRequest("error.bad_request"));
        } else if (status == 413) {
            error(ctx, new ConsoleException(413, "too_large", "error.too_large"));
        } else if (status == 404) {
            error(ctx, ConsoleException.notFound("error.not_found"));
        } else {
            // Only the class: a failure here may carry settings text or names.
            LOG.log(Level.WARNING, "console request failed: " + (f == null ? "status " + status : f.getClass().getName()));
            error(ctx, new ConsoleException(500, "unavailable", "error.unavailable"));
        }
    }

    /** The language to answer in: the account's preference, else the session's, else English. */
    static String lang(RoutingContext ctx) {
        Account a = ConsoleGuards.account(ctx);
        if (a != null) return a.uiLanguage();
        StaffSession s = ConsoleGuards.session(ctx);
        return s != null ? s.uiLanguage() : Languages.DEFAULT;
    }
}
