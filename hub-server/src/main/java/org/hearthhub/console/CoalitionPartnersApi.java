package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The coalition admin's calls on the shared partner directory ({@code /api/v1/coalition/partners}), behind the
 * coalition API's guards: list, create, replace and delete one entry at a time, in the shape of a program's
 * own partner directory.
 */
final class CoalitionPartnersApi {
    private final CoalitionDirectory directory;
    private final Replies replies;

    CoalitionPartnersApi(CoalitionDirectory directory, Replies replies) {
        this.directory = directory;
        this.replies = replies;
    }

    /** GET /api/v1/coalition/partners */
    void list(RoutingContext ctx) {
        Routes.run(ctx, directory::list, all -> replies.ok(ctx, new JsonObject().put("partners", PartnerEntry.json(all))));
    }

    /** POST /api/v1/coalition/partners {name, services, languages, phone, sms, email, url, program} → 201 with its id */
    void create(RoutingContext ctx) {
        Routes.run(ctx, () -> directory.add(actor(ctx), PartnerEntry.from(ctx)), p -> replies.json(ctx, 201, SectionJson.write(p)));
    }

    /** PUT /api/v1/coalition/partners/:id, the whole entry */
    void replace(RoutingContext ctx) {
        Routes.run(ctx, () -> directory.replace(actor(ctx), ctx.pathParam("id"), PartnerEntry.from(ctx)),
                p -> replies.ok(ctx, SectionJson.write(p)));
    }

    /** DELETE /api/v1/coalition/partners/:id → 204; it leaves every program's directory */
    void delete(RoutingContext ctx) {
        Routes.run(ctx, () -> directory.remove(actor(ctx), ctx.pathParam("id")), v -> replies.noContent(ctx));
    }

    private static String actor(RoutingContext ctx) {
        return ConsoleGuards.session(ctx).username();
    }
}
