package org.hearthhub.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.error.Refusal;
import org.hearthhub.i18n.Languages;
import org.hearthhub.i18n.Messages;

/**
 * Decodes every request's query string before any handler reads a parameter. Vert.x decodes it on the first
 * {@code getParam} and throws {@link IllegalArgumentException} for a bad %-escape; found later, in a handler,
 * that would read as the hub's own fault. Here it is the client's: {@code 400 bad_request}, in English (the
 * request's {@code lang} cannot be read). The decoded parameters stay on the request for the handlers after.
 */
public final class WellFormedQuery implements Handler<RoutingContext> {
    private final Failures failures = new Failures(Messages::text, ctx -> Languages.DEFAULT);

    @Override
    public void handle(RoutingContext ctx) {
        try {
            ctx.request().params();
        } catch (IllegalArgumentException badEscape) {
            failures.reply(ctx, Refusal.badRequest("error.bad_request", "the query string is not well-formed (a bad %-escape)"));
            return;
        }
        ctx.next();
    }
}
