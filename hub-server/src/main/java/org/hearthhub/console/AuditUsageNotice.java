package org.hearthhub.console;

import org.hearthhub.hosting.HostedPrograms;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.audit.AuditUsage;

/**
 * Past 80 % of the audit log's size cap, every page a lead opens (the console they sign in to and each
 * program-settings page) says so, and that past the cap the oldest entries are deleted first. The size
 * is read before the page (a cheap read, no scan) and put on the request for {@link PageModels}. It is the log
 * of the program the page is about ({@link Workplace}).
 */
final class AuditUsageNotice {
    private static final String KEY = "hearth.auditUsage";

    Handler<RoutingContext> handler() {
        return ctx -> {
            HostedPrograms.Membership at = Workplace.of(ctx);
            if (at == null || !at.leads()) {
                ctx.next();
                return;
            }
            // A size that cannot be read leaves the page without the notice rather than failing it.
            at.program().audit().usage().onComplete(ar -> {
                if (ar.succeeded()) ctx.put(KEY, ar.result());
                ctx.next();
            });
        };
    }

    /** The usage read for this request, or null (not a lead, or unreadable). */
    static AuditUsage of(RoutingContext ctx) {
        return ctx.get(KEY);
    }
}
