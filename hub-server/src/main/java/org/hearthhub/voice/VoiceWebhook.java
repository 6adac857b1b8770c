package org.hearthhub.voice;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.i18n.Languages;
import org.hearthhub.error.Refusal;
import org.hearthhub.sms.TwilioSignature;

import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Twilio's voice webhooks, every one signature-checked as the SMS ones are ({@link TwilioSignature}): a
 * forged or altered request gets 403 and changes nothing. Each answers TwiML, or 204 for status reports.
 * A step that fails on the hub's side, by a failed future or a thrown exception ({@link CallStepFailures}),
 * still answers TwiML (an apology), so a caller never hears Twilio's "application error". A step URL
 * without what it names (only the hub makes them) is refused with 400, the hub's error body.
 */
final class VoiceWebhook {
    private static final Logger LOG = Logger.getLogger(VoiceWebhook.class.getName());
    /** Call states after which a leg is over. */
    private static final Set<String> FINAL = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    private final TwilioSignature signature;
    private final VoiceLines lines;
    private final CallScripts scripts;
    private final CallStepFailures stepFailures;

    VoiceWebhook(TwilioSignature signature, VoiceLines lines, CallScripts scripts) {
        this.signature = signature;
        this.lines = lines;
        this.scripts = scripts;
        this.stepFailures = new CallStepFailures(scripts);
    }

    void mount(Router router) {
        // A new call: the program whose number was dialled (Twilio's To); a number no program owns hears goodbye.
        signature.post(router, CallUrls.INBOUND, (ctx, p) -> {
            VoiceLines.Line line = lines.to(p.get("To")).orElse(null);
            twiml(ctx, line == null ? Future.succeededFuture(scripts.notOurs())
                    : line.hotline().answer(p.get("From"), "1".equals(ctx.request().getParam("again"))));
        }, stepFailures);
        // Every later step names its program in the URL the hub gave Twilio.
        step(router, CallUrls.LANGUAGE, (ctx, p, line) ->
                twiml(ctx, line.hotline().chosen(p.get("CallSid"), p.get("From"), p.get("Digits"), p.get("SpeechResult"))));
        step(router, CallUrls.WAITING, (ctx, p, line) -> withConversation(ctx, line.hotline()::waiting));
        step(router, CallUrls.LEFT, (ctx, p, line) -> withConversation(ctx, c -> line.hotline().left(c, p.get("QueueResult"))
                .onSuccess(xml -> {
                    if (!"redirected".equals(p.get("QueueResult"))) line.relay().queueLeft(p.get("QueueSid"));
                })));
        step(router, CallUrls.CONNECTING, (ctx, p, line) -> withConversation(ctx, line.hotline()::connecting));
        step(router, CallUrls.HOLD, (ctx, p, line) -> withConversation(ctx, line.hotline()::hold));
        step(router, CallUrls.WHISPER, (ctx, p, line) -> withRing(ctx, line.hotline()::whisper));
        step(router, CallUrls.PICKUP, (ctx, p, line) -> withRing(ctx, ring -> line.hotline().pickup(ring, p.get("Digits"))));
        signature.post(router, CallUrls.STATUS, this::status);
    }

    private interface Step {
        void handle(RoutingContext ctx, Map<String, String> params, VoiceLines.Line line);
    }

    /** A later step of a call; a program the hub does not host (only a signed URL can name one) gets the apology. */
    private void step(Router router, String path, Step step) {
        signature.post(router, path, (ctx, p) -> {
            VoiceLines.Line line = lines.named(ctx.request().getParam(CallUrls.PROGRAM)).orElse(null);
            if (line == null) twiml(ctx, Future.succeededFuture(scripts.trouble(Languages.DEFAULT)));
            else step.handle(ctx, p, line);
        }, stepFailures);
    }

    /**
     * Status reports: the caller's leg (set on the number, no query: its program is the one whose number was
     * called) or an advocate's (with its ring, and its program in the URL). Only a leg that is over matters.
     */
    private void status(RoutingContext ctx, Map<String, String> p) {
        String state = p.getOrDefault("CallStatus", "");
        Ring ring = ring(ctx);
        VoiceLines.Line line = (ring != null ? lines.named(ctx.request().getParam(CallUrls.PROGRAM)) : lines.to(p.get("To"))).orElse(null);
        Future<Void> handled;
        if (!FINAL.contains(state) || line == null) handled = Future.succeededFuture();
        else if (ring != null) {
            line.relay().advocateLegOver(p.get("CallSid"));
            handled = line.hotline().advocateLegEnded(ring, line.relay());
        }
        else if (p.get("CallSid") != null) handled = line.hotline().callerGone(p.get("CallSid"), p.get("From"));
        else handled = Future.succeededFuture();
        handled.onComplete(r -> {
            if (r.failed()) LOG.warning("Voice: a status report was not handled: " + r.cause().getClass().getSimpleName());
            ctx.response().setStatusCode(204).end();
        });
    }

    private void withConversation(RoutingContext ctx, java.util.function.Function<String, Future<String>> step) {
        String conversation = ctx.request().getParam("c");
        if (conversation == null || conversation.isBlank()) {
            ctx.fail(Refusal.badRequest("error.bad_request", "this call step names its conversation (c)"));
            return;
        }
        twiml(ctx, step.apply(conversation));
    }

    private void withRing(RoutingContext ctx, java.util.function.Function<Ring, Future<String>> step) {
        Ring ring = ring(ctx);
        if (ring == null) {
            ctx.fail(Refusal.badRequest("error.bad_request", "this call step names its ring (c, a and t)"));
            return;
        }
        twiml(ctx, step.apply(ring));
    }

    private static Ring ring(RoutingContext ctx) {
        String c = ctx.request().getParam("c");
        String a = ctx.request().getParam("a");
        String t = ctx.request().getParam("t");
        return c == null || a == null || t == null || c.isBlank() || a.isBlank() || t.isBlank() ? null : new Ring(c, a, t);
    }

    private void twiml(RoutingContext ctx, Future<String> script) {
        script.recover(e -> {
            LOG.warning("Voice: a call step failed: " + e.getClass().getSimpleName());
            return Future.succeededFuture(scripts.trouble(Languages.DEFAULT));
        }).onSuccess(xml -> answer(ctx, xml));
    }

    static void answer(RoutingContext ctx, String xml) {
        ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(xml);
    }
}
