package org.hearthhub.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import org.hearthhub.hosting.HostedPrograms;

/**
 * Serves the widget module's files from the classpath: the loader at {@code /widget.js} and the chat
 * app under {@code /w/}, its scripts inline in the page ({@link ChatPage}) and not served on their own.
 * Caching is off (see SecurityHeaders) so a survivor's browser keeps no copy.
 */
public final class WidgetAssets {
    private WidgetAssets() {
    }

    /** The chat app's page answers {@code 404 unknown_program} for a {@code program} this hub does not host. */
    public static void mount(Router router, ChatPage chat, HostedPrograms programs) {
        Failures failures = Failures.hub();
        Buffer loader = Buffer.buffer(DemoPage.resource("widget/widget.js"));
        router.get("/widget.js").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/javascript; charset=utf-8")
                .putHeader("Access-Control-Allow-Origin", "*")
                .end(loader));
        router.getWithRegex("/w").handler(ctx -> ctx.redirect(ctx.request().query() == null ? "/w/" : "/w/?" + ctx.request().query()));
        router.getWithRegex("/w/(index\\.html)?").handler(ctx -> {
            if (SurvivorApi.program(programs, ctx, failures) == null) return;
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(chat.document());
        });
        StaticHandler files = StaticHandler.create("widget/w")
                .setCachingEnabled(false)
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setSendVaryHeader(false)
                .setDefaultContentEncoding("UTF-8");
        // The scripts are in the page; on their own they are not found (the hub's JSON 404).
        router.get("/w/*").handler(ctx -> {
            if (ctx.normalizedPath().endsWith(".js")) ctx.next();
            else files.handle(ctx);
        });
    }
}
