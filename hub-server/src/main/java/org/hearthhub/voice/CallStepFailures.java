package org.hearthhub.voice;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.i18n.Languages;
import org.hearthhub.web.Failures;

import java.util.logging.Logger;

/**
 * The failure handler of a call's steps. Twilio acts on a step's answer: anything but TwiML makes it tell
 * the caller "an application error has occurred" and hang up. So the hub's own fault in a step (an
 * exception thrown where a failed future was expected) is answered with the apology a failed step gets
 * ({@link CallScripts#trouble}), logged by class name only. A refusal (a forged signature, a step URL
 * without what it names) keeps its status and the hub's JSON body: only Twilio's debugger reads those.
 */
final class CallStepFailures implements Handler<RoutingContext> {
    private static final Logger LOG = Logger.getLogger(CallStepFailures.class.getName());

    private final Failures failures = Failures.hub();
    private final CallScripts scripts;

    CallStepFailures(CallScripts scripts) {
        this.scripts = scripts;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (Failures.refusal(ctx.failure(), ctx.statusCode()) != null || ctx.response().headWritten()) {
            failures.handle(ctx);
            return;
        }
        LOG.warning("Voice: a call step failed: " + (ctx.failure() == null ? "status " + ctx.statusCode() : ctx.failure().getClass().getName()));
        VoiceWebhook.answer(ctx, scripts.trouble(Languages.DEFAULT));
    }
}
