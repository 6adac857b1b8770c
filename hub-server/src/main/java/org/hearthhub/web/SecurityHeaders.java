package org.hearthhub.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.model.SiteOrigin;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * Headers on every response: nothing cached, no referrer leaked, no inline script but the chat app's
 * own (allowed by hash, see {@link ChatPage}). The chat app may be framed by the sites its program's lead
 * listed and the hub's own pages, or by any page while the list is empty (that is how the widget works);
 * console pages may not be framed. Behind HTTPS, browsers are told to use nothing else (HSTS).
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final String socketOrigins;
    private final boolean https;
    /** {@code https://} plus the Jitsi host, or null when video is off. */
    private final String videoOrigin;
    /** The chat app's {@code script-src}: its inline scripts' hashes and nothing from a URL. */
    private final String chatScripts;
    /** The origins a program, as a request's {@code program} parameter names it, lets frame its chat; empty: any. */
    private final Function<String, List<String>> embedOrigins;

    /**
     * @param videoDomain the Jitsi host (checked at start-up to be a bare host name), or null when video
     *                    is off. Only the pages that join calls, the chat app and the console, may load its
     *                    IFrame API script and frame it, and hand it the camera and microphone.
     * @param chatScripts the chat app's inline scripts as CSP sources ({@link ChatPage#scriptSources()})
     * @param embedOrigins the sites (checked origins) a program named by a {@code program} parameter lets frame its
     *                     chat, empty when it lists none or is not hosted here
     */
    public SecurityHeaders(String publicUrl, String videoDomain, String chatScripts, Function<String, List<String>> embedOrigins) {
        this.chatScripts = chatScripts;
        this.embedOrigins = embedOrigins;
        URI uri = URI.create(publicUrl);
        String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        this.socketOrigins = "ws://" + hostPort + " wss://" + hostPort;
        this.videoOrigin = videoDomain == null ? null : "https://" + videoDomain;
        this.https = "https".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerResponse r = ctx.response();
        String path = ctx.normalizedPath();
        boolean framable = path.startsWith("/w/") || path.equals("/w") || path.equals("/widget.js") || path.equals("/demo");
        boolean chat = path.startsWith("/w/");
        boolean video = videoOrigin != null && (chat || path.startsWith("/console"));
        r.putHeader("Content-Security-Policy", "default-src 'self'; script-src " + (chat ? chatScripts : "'self'")
                + (video ? " " + videoOrigin : "")
                + "; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + socketOrigins + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + (video ? "frame-src " + videoOrigin + "; " : "")
                + "frame-ancestors " + (chat ? chatFramers(ctx) : framable ? "*" : "'none'"));
        r.putHeader("Referrer-Policy", "no-referrer");
        r.putHeader("Cache-Control", "no-store");
        r.putHeader("X-Content-Type-Options", "nosniff");
        r.putHeader("Cross-Origin-Resource-Policy", path.equals("/widget.js") ? "cross-origin" : "same-site");
        String media = video ? "(self \"" + videoOrigin + "\")" : "(self)";
        r.putHeader("Permissions-Policy", "geolocation=(), microphone=" + media + ", camera=" + media);
        if (!framable) r.putHeader("X-Frame-Options", "DENY");
        // Only behind HTTPS: over plain HTTP (a hub tried on localhost) it would be ignored, or worse, pin localhost.
        if (https) r.putHeader("Strict-Transport-Security", HSTS);
        ctx.next();
    }

    /**
     * Any page while the program lists no sites; else its sites and the hub itself ('self': the demo page, and the
     * chat opened on its own). Every frame up to the top must be one of them, so a listed page framed by another
     * site does not show the chat either.
     */
    private String chatFramers(RoutingContext ctx) {
        List<String> sites;
        try {
            sites = embedOrigins.apply(ctx.request().getParam("program"));
        } catch (IllegalArgumentException badQuery) {
            return "'none'"; // WellFormedQuery answers 400 next: nothing to show in a frame
        }
        if (sites.isEmpty()) return "*";
        // Checked again as they go into the header: a hand-edited settings file could hold anything.
        StringBuilder framers = new StringBuilder("'self'");
        for (String site : sites) SiteOrigin.parse(site).ifPresent(o -> framers.append(' ').append(o.value()));
        return framers.toString();
    }
}
