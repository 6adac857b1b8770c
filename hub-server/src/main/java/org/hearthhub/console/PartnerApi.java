package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A partner directory over HTTP, one entry at a time: a lead's ({@code /api/v1/lead/partners}) or the coalition
 * admins' ({@code /api/v1/coalition/partners}), behind their routes' guards. Bodies are entries in the form's shape
 * ({@link PartnerEntry}); answers are the saved entries with their {@code id} and {@code source}.
 */
final class PartnerApi {
    private final PartnerBook book;
    private final Replies replies;

    PartnerApi(PartnerBook book, Replies replies) {
        this.book = book;
        this.replies = replies;
    }

    /** GET: {@code {partners}} */
    void list(RoutingContext ctx) {
        Routes.run(ctx, book::list, all -> replies.ok(ctx, new JsonObject().put("partners", PartnerEntry.json(all))));
    }

    /** POST {name, services, languages, phone, sms, email, url, program} → 201 with its id */
    void add(RoutingContext ctx) {
        Routes.run(ctx, () -> book.add(actor(ctx), PartnerEntry.from(ctx)), p -> replies.json(ctx, 201, SectionJson.write(p)));
    }

    /** PUT …/:id, the whole entry */
    void update(RoutingContext ctx) {
        Routes.run(ctx, () -> book.update(actor(ctx), ctx.pathParam("id"), PartnerEntry.from(ctx)), p -> replies.ok(ctx, SectionJson.write(p)));
    }

    /** DELETE …/:id → 204 */
    void remove(RoutingContext ctx) {
        Routes.run(ctx, () -> book.remove(actor(ctx), ctx.pathParam("id")), v -> replies.noContent(ctx));
    }

    private static String actor(RoutingContext ctx) {
        return ConsoleGuards.session(ctx).username();
    }
}
