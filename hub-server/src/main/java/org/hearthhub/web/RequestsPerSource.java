package org.hearthhub.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.guard.ConnectionCap;
import org.hearthhub.guard.Source;
import org.hearthhub.guard.Sources;

/**
 * First on every request: names its {@link Source} (kept on the context under {@link Sources#CONTEXT_KEY}
 * for the routes after) and counts the request, while it is in progress, against the source's
 * {@link ConnectionCap}, which its WebSockets share. A source over the cap gets {@code 429} at once, with
 * {@code reason} {@value #OVER_CAP}.
 * Signed Twilio webhooks are the exception ({@link #twilioWebhook}).
 */
public final class RequestsPerSource implements Handler<RoutingContext> {
    /** The 429's {@code reason}, as the start guard's and sign-in's carry theirs: which limit it is, for any client. */
    static final String OVER_CAP = "connections";

    private final Sources sources;
    private final ConnectionCap connections;
    private final Failures failures = Failures.hub();

    public RequestsPerSource(Sources sources, ConnectionCap connections) {
        this.sources = sources;
        this.connections = connections;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Source source = sources.of(ctx.request());
        ctx.put(Sources.CONTEXT_KEY, source);
        // The path the router goes by: the raw one may name a webhook and still lead elsewhere (/sms/twilio/../../…).
        if (twilioWebhook(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        ConnectionCap.Lease lease = connections.open(source);
        if (lease == null) {
            failures.reply(ctx, new Refusal(ErrorCode.RATE_LIMITED, "error.too_many_connections").with("reason", OVER_CAP));
            return;
        }
        ctx.addEndHandler(done -> lease.close());
        ctx.next();
    }

    /**
     * Twilio's webhooks are not held to the cap: a burst of calls or texts arrives from a few of Twilio's
     * addresses at once, and a refusal is an "application error" in a caller's ear. Each one must carry
     * Twilio's signature, which a cheap HMAC check refuses before anything else happens.
     */
    private static boolean twilioWebhook(String path) {
        return path != null && (path.startsWith("/voice/twilio") || path.startsWith("/sms/twilio"));
    }
}
