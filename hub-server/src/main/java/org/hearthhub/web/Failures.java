package org.hearthhub.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.i18n.Languages;
import org.hearthhub.i18n.Messages;
import org.hearthhub.model.StaffSession;
import org.hearthhub.redis.RedisUnavailableException;

import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How every HTTP route answers a refusal or a failure: the failure handler of every route, and what
 * guards call to refuse at once. A {@link Refusal} gets its code's HTTP status and the JSON body of
 * {@link Refusal#toJson}; a body that is not JSON, too large, or a client-error status the router set
 * (bare, or with its cause: a form field over its limit) becomes the matching refusal; an unreachable store is {@code 503 unavailable}; anything else is the hub's own
 * fault: {@code 500 unavailable}, no detail in the answer, and only the exception's class in the log (a
 * failure may carry a password, a name or a survivor's words).
 * <p>
 * A client's mistake is a {@link Refusal}, thrown where the input is read. Any other exception, an
 * {@link IllegalArgumentException} included, is a bug of the hub's (an argument check failing inside it),
 * so it is logged and answered 500 rather than blamed on the client.
 */
public final class Failures implements Handler<RoutingContext> {
    private static final Logger LOG = Logger.getLogger(Failures.class.getName());

    private final Refusal.Texts texts;
    private final Function<RoutingContext, String> language;

    /**
     * @param texts    where messages come from
     * @param language the language to answer a request in
     */
    public Failures(Refusal.Texts texts, Function<RoutingContext, String> language) {
        this.texts = texts;
        this.language = language;
    }

    /** With the hub's texts ({@code i18n/hub}), in the signed-in person's language, else the request's {@code lang}, else English. */
    public static Failures hub() {
        return new Failures(Messages::text, Failures::requestLanguage);
    }

    private static String requestLanguage(RoutingContext ctx) {
        StaffSession session = StaffAuth.session(ctx);
        return session != null ? session.uiLanguage() : Languages.normalize(ctx.request().getParam("lang"));
    }

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        Refusal refusal = refusal(failure, ctx.statusCode());
        if (refusal != null) {
            reply(ctx, refusal);
            return;
        }
        LOG.log(Level.WARNING, "request failed: " + (failure == null ? "status " + ctx.statusCode() : failure.getClass().getName()));
        write(ctx, 500, new Refusal(ErrorCode.UNAVAILABLE));
    }

    /** Answers with the refusal, unless an answer already went out. */
    public void reply(RoutingContext ctx, Refusal refusal) {
        write(ctx, refusal.code().httpStatus(), refusal);
    }

    /** What a failure tells the client, or null when it is the hub's own fault. */
    public static Refusal refusal(Throwable failure, int status) {
        if (failure instanceof Refusal r) return r;
        if (failure instanceof DecodeException) return new Refusal(ErrorCode.BAD_REQUEST);
        if (failure instanceof RedisUnavailableException) return new Refusal(ErrorCode.UNAVAILABLE);
        // Anything thrown in a handler arrives with status 500; a 4xx is only ever set on purpose (the body handler's).
        return switch (status) {
            case 400 -> new Refusal(ErrorCode.BAD_REQUEST);
            case 401 -> new Refusal(ErrorCode.SIGN_IN_REQUIRED);
            case 403 -> new Refusal(ErrorCode.FORBIDDEN);
            case 404 -> new Refusal(ErrorCode.NOT_FOUND);
            case 413 -> new Refusal(ErrorCode.TOO_LARGE);
            case 429 -> new Refusal(ErrorCode.RATE_LIMITED);
            default -> null;
        };
    }

    private void write(RoutingContext ctx, int status, Refusal refusal) {
        if (ctx.response().ended()) return;
        if (refusal.extras().get("retryAfter") instanceof Number seconds) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(refusal.toJson(texts, language.apply(ctx)).encode());
    }
}
