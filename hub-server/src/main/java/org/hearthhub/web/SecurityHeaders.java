package org.hearthhub.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;

/**
 * Headers on every response: nothing cached, no referrer leaked, no inline script but the chat app's
 * own (allowed by hash, see {@link ChatPage}). The chat app may be framed by any host page (that is
 * how the widget works); console pages may not be framed. Behind HTTPS, browsers are told to use
 * nothing else (HSTS).
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final String socketOrigins;
    private final boolean https;
    /** {@code https://} plus the Jitsi host, or null when video is off. */
    private final String videoOrigin;
    /** The chat app's {@code script-src}: its inline scripts' hashes and nothing from a URL. */
    private final String chatScripts;

    /**
     * @param videoDomain the Jitsi host (checked at start-up to be a bare host name), or null when video
     *                    is off. Only the pages that join calls, the chat app and the console, may load its
     *                    IFrame API script and frame it, and hand it the camera and microphone.
     * @param chatScripts the chat app's inline scripts as CSP sources ({@link ChatPage#scriptSources()})
     */
    public SecurityHeaders(String publicUrl, String videoDomain, String chatScripts) {
        this.chatScripts = chatScripts;
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
                + "frame-ancestors " + (framable ? "*" : "'none'"));
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
}
