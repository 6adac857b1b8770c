package org.hearthhub.sms;

import com.twilio.security.RequestValidator;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.hearthhub.error.Refusal;
import org.hearthhub.web.Failures;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * Twilio's webhooks as the hub mounts them (texts and calls alike): a small form body, and a 403 unless
 * {@code X-Twilio-Signature} is Twilio's signature, made with the account's auth token, over the hub's
 * public URL of the request (query included) and its form parameters. A forged or altered request
 * reaches no handler and changes nothing.
 * <p>
 * Refusals and failures are answered by the hub's one {@link Failures} handler, as JSON Twilio's debugger
 * shows; a handler refuses by failing the context with a {@link Refusal}. Nothing of the request (numbers,
 * texts) is put into an answer or a log line.
 */
public final class TwilioSignature {
    private static final Logger LOG = Logger.getLogger(TwilioSignature.class.getName());
    public static final String HEADER = "X-Twilio-Signature";
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final RequestValidator validator;
    private final String publicUrl;
    private final String channel;
    private final Failures failures = Failures.hub();

    /** @param channel names the channel in the log line of a refused request ("SMS", "Voice") */
    public TwilioSignature(String authToken, String publicUrl, String channel) {
        this.validator = new RequestValidator(authToken);
        this.publicUrl = publicUrl;
        this.channel = channel;
    }

    /** Mounts {@code POST path}; the handler gets the verified form parameters. */
    public void post(Router router, String path, BiConsumer<RoutingContext, Map<String, String>> handler) {
        post(router, path, handler, failures);
    }

    /**
     * The same, with the route's own failure handler: a webhook whose answer Twilio acts on (a call's next
     * step) answers the hub's own faults in kind. A forged request is still refused here with 403.
     */
    public void post(Router router, String path, BiConsumer<RoutingContext, Map<String, String>> handler,
                     Handler<RoutingContext> failureHandler) {
        router.post(path).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(ctx -> {
            Map<String, String> params = verified(ctx);
            if (params != null) handler.accept(ctx, params);
        }).failureHandler(failureHandler);
    }

    /** The form parameters when the signature is Twilio's; otherwise refuses with 403 and returns null. */
    private Map<String, String> verified(RoutingContext ctx) {
        String signature = ctx.request().getHeader(HEADER);
        Map<String, String> params = new HashMap<>();
        MultiMap form = ctx.request().formAttributes();
        for (String name : form.names()) params.put(name, form.get(name));
        String url = publicUrl + ctx.request().uri();
        if (signature == null || signature.isBlank() || !validator.validate(url, params, signature)) {
            LOG.warning(channel + ": refused a webhook call without a valid Twilio signature on " + ctx.normalizedPath());
            failures.reply(ctx, Refusal.forbidden("error.twilio_signature"));
            return null;
        }
        return params;
    }
}
