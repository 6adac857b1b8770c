package org.hearthhub.voice;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.sms.TwilioSignature;

import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Twilio's voice webhooks, every one signature-checked as the SMS ones are ({@link TwilioSignature}): a
 * forged or altered request gets 403 and changes nothing. Each answers TwiML, or 204 for status reports.
 * A step that fails on the hub's side still answers TwiML (an apology), so a caller never hears Twilio's
 * "application error".
 */
final class VoiceWebhook {
    private static final Logger LOG = Logger.getLogger(VoiceWebhook.class.getName());
    /** Call states after which a leg is over. */
    private static final Set<String> FINAL = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    private final TwilioSignature signature;
    private final Hotline hotline;
    private final CallRelay relay;

    VoiceWebhook(TwilioSignature signature, Hotline hotline, CallRelay relay) {
        this.signature = signature;
        this.hotline = hotline;
        this.relay = relay;
    }

    void mount(Router router) {
        signature.post(router, CallUrls.INBOUND, (ctx, p) ->
                twiml(ctx, hotline.answer(p.get("From"), "1".equals(ctx.request().getParam("again")))));
        signature.post(router, CallUrls.LANGUAGE, (ctx, p) ->
                twiml(ctx, hotline.chosen(p.get("CallSid"), p.get("From"), p.get("Digits"), p.get("SpeechResult"))));
        signature.post(router, CallUrls.WAITING, (ctx, p) -> withConversation(ctx, hotline::waiting));
        signature.post(router, CallUrls.LEFT, (ctx, p) -> withConversation(ctx, c -> hotline.left(c, p.get("QueueResult"))
                .onSuccess(xml -> {
                    if (!"redirected".equals(p.get("QueueResult"))) relay.queueLeft(p.get("QueueSid"));
                })));
        signature.post(router, CallUrls.CONNECTING, (ctx, p) -> withConversation(ctx, hotline::connecting));
        signature.post(router, CallUrls.HOLD, (ctx, p) -> withConversation(ctx, hotline::hold));
        signature.post(router, CallUrls.WHISPER, (ctx, p) -> withRing(ctx, hotline::whisper));
        signature.post(router, CallUrls.PICKUP, (ctx, p) -> withRing(ctx, ring -> hotline.pickup(ring, p.get("Digits"))));
        signature.post(router, CallUrls.STATUS, this::status);
    }

    /**
     * Status reports: the caller's leg (set on the number, no query) or an advocate's (with its ring). Only a
     * leg that is over matters.
     */
    private void status(RoutingContext ctx, Map<String, String> p) {
        String state = p.getOrDefault("CallStatus", "");
        Ring ring = ring(ctx);
        Future<Void> handled;
        if (!FINAL.contains(state)) handled = Future.succeededFuture();
        else if (ring != null) handled = hotline.advocateLegEnded(ring, relay);
        else if (p.get("CallSid") != null) handled = hotline.callerGone(p.get("CallSid"));
        else handled = Future.succeededFuture();
        handled.onComplete(r -> {
            if (r.failed()) LOG.warning("Voice: a status report was not handled: " + r.cause().getClass().getSimpleName());
            ctx.response().setStatusCode(204).end();
        });
    }

    private void withConversation(RoutingContext ctx, java.util.function.Function<String, Future<String>> step) {
        String conversation = ctx.request().getParam("c");
        if (conversation == null || conversation.isBlank()) {
            ctx.response().setStatusCode(400).end();
            return;
        }
        twiml(ctx, step.apply(conversation));
    }

    private void withRing(RoutingContext ctx, java.util.function.Function<Ring, Future<String>> step) {
        Ring ring = ring(ctx);
        if (ring == null) {
            ctx.response().setStatusCode(400).end();
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

    private static void twiml(RoutingContext ctx, Future<String> script) {
        script.recover(e -> {
            LOG.warning("Voice: a call step failed: " + e.getClass().getSimpleName());
            return Future.succeededFuture(CallScripts.trouble("en"));
        }).onSuccess(xml -> ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(xml));
    }
}
