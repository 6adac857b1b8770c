package org.hearthhub.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.hearthhub.chat.ResumeTokens;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.guard.MinuteCap;
import org.hearthhub.guard.Source;
import org.hearthhub.guard.Sources;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;

import java.time.Clock;

/**
 * {@code POST /api/v1/exit} and {@code POST /api/v1/end}: a survivor's quick exit and end as the chat app sends them by
 * {@code navigator.sendBeacon}, so that the hub hears them while the survivor's socket is down (a dropped mobile
 * network, a hub restart) and the chat does not run on until its idle timeout with the advocate writing into it. The
 * body {@code {"token": …}} names the chat by its resume token, the only secret (no cookie); the chat ends exactly as
 * the socket's {@code exit} and {@code end} frames end it.
 *
 * <p>The answer is {@code 204} whether or not the token named a live chat, so it tells a guesser nothing; and each
 * source's beacons are counted, in this node's memory as every per-source guard's counts (a node hashes addresses with
 * a key of its own), and refused past {@link #PER_SOURCE_PER_MINUTE} a minute before any token is looked up (with
 * {@code reason} {@value #OVER_LIMIT}). Another
 * site's page is refused, as on the survivor socket.
 */
public final class EndBeacons {
    /** {@code {"token":"…"}} with a 43-character token is 54 bytes: room to spare, read no further. */
    static final int MAX_BODY_BYTES = 512;
    /**
     * A survivor sends one beacon a quick exit or end; many survivors may share one address (a shelter's Wi-Fi). A token
     * is 256 random bits, so this only keeps anyone from trying them by the million.
     */
    static final int PER_SOURCE_PER_MINUTE = 20;
    /** The 429's {@code reason}, as the connection cap's and the start guard's carry theirs: which limit it is. */
    static final String OVER_LIMIT = "beacons";

    private final HostedPrograms programs;
    private final MinuteCap perSource;
    private final String publicUrl;
    private final Failures failures = Failures.hub();

    public EndBeacons(HostedPrograms programs, Clock clock, String publicUrl) {
        this.programs = programs;
        this.perSource = new MinuteCap(PER_SOURCE_PER_MINUTE, clock);
        this.publicUrl = publicUrl;
    }

    public void mount(Router router) {
        router.post("/api/v1/exit").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(ctx -> end(ctx, true)).failureHandler(this::failed);
        router.post("/api/v1/end").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(ctx -> end(ctx, false)).failureHandler(this::failed);
    }

    private void end(RoutingContext ctx, boolean quickExit) {
        if (SurvivorApi.fromAnotherSite(ctx, publicUrl, failures)) return;
        String token = token(ctx.body() == null ? null : ctx.body().buffer());
        if (token == null) {
            failures.reply(ctx, Refusal.badRequest("error.beacon_body"));
            return;
        }
        HostedProgram program = SurvivorApi.program(programs, ctx, failures);
        if (program == null) return;
        Source source = ctx.get(Sources.CONTEXT_KEY);
        if (!perSource.take(source)) {
            failures.reply(ctx, new Refusal(ErrorCode.RATE_LIMITED).with("reason", OVER_LIMIT));
            return;
        }
        program.conversations().survivorEndByToken(token, quickExit)
                .onSuccess(ended -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /** The token of a body {@code {"token": …}} shaped as the hub gives them, or null for any other body. */
    private static String token(Buffer body) {
        if (body == null || body.length() == 0) return null;
        try {
            return ClientJson.decode(body) instanceof JsonObject o && o.getValue("token") instanceof String t
                    && ResumeTokens.wellFormed(t) ? t : null;
        } catch (DecodeException | Refusal notOneObject) {
            return null; // a key given twice is as bad as any other body here, and its name says nothing useful
        }
    }

    /** The body handler's 413 says how large a body may be; anything else as every route answers it. */
    private void failed(RoutingContext ctx) {
        if (ctx.failure() == null && ctx.statusCode() == 413) {
            failures.reply(ctx, new Refusal(ErrorCode.TOO_LARGE, "error.body_too_large", MAX_BODY_BYTES));
        } else {
            failures.handle(ctx);
        }
    }
}
