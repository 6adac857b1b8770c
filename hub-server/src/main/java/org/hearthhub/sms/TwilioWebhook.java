package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.live.ExpiringValueStore;

import java.util.Map;
import java.util.logging.Logger;

/**
 * Twilio's two webhooks: {@code POST /sms/twilio} (a text arrived) and {@code POST /sms/twilio/status}
 * (what became of a text we sent), both signature-checked ({@link TwilioSignature}). A text goes to the
 * program whose number it was sent to ({@code To}); a text to a number no program owns gets an empty TwiML
 * answer and changes nothing. A webhook without its sender is refused with 400; a text the hub could not take
 * in is answered 503 (the hub's error body), which Twilio may retry.
 */
final class TwilioWebhook {
    private static final Logger LOG = Logger.getLogger(TwilioWebhook.class.getName());
    static final String INBOUND_PATH = "/sms/twilio";
    static final String STATUS_PATH = "/sms/twilio/status";
    /** We reply through the REST API, so the TwiML answer says nothing. */
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final TwilioSignature signature;
    private final SmsLines lines;
    private final ContactKeys keys;

    TwilioWebhook(String authToken, String publicUrl, SmsLines lines, ContactKeys keys) {
        this.signature = new TwilioSignature(authToken, publicUrl, "SMS");
        this.lines = lines;
        this.keys = keys;
    }

    void mount(Router router) {
        signature.post(router, INBOUND_PATH, this::inbound);
        signature.post(router, STATUS_PATH, this::status);
    }

    private void inbound(RoutingContext ctx, Map<String, String> p) {
        String from = p.get("From");
        if (from == null || from.isBlank()) {
            ctx.fail(Refusal.badRequest("error.bad_request", "a text's webhook names its sender (From)"));
            return;
        }
        SmsLines.Line line = lines.to(p.get("To")).orElse(null);
        if (line == null) {
            // Twilio would log an error and retry for anything but TwiML; the texter is sent nothing.
            LOG.info("SMS: a text to a number no program owns was answered with nothing");
            emptyTwiml(ctx);
            return;
        }
        InboundSms sms = new InboundSms(from.trim(), p.getOrDefault("Body", ""), count(p.get("NumMedia")), p.get("MessageSid"),
                p.get("OptOutType"));
        line.inbound().receive(sms)
                .onSuccess(v -> emptyTwiml(ctx))
                .onFailure(e -> {
                    LOG.warning("SMS: an incoming text could not be handled: " + e.getClass().getSimpleName());
                    ctx.fail(new Refusal(ErrorCode.UNAVAILABLE));
                });
    }

    private static void emptyTwiml(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(EMPTY_TWIML);
    }

    /**
     * Delivery reports, to the program the callback URL names: a text that failed tells the advocate, even
     * when the report overtakes Twilio's answer to the send ({@link DeliveryReports}).
     */
    private void status(RoutingContext ctx, Map<String, String> p) {
        SmsLines.Line line = lines.named(ctx.request().getParam("program")).orElse(null);
        if (line == null) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        ExpiringValueStore live = line.program().live();
        SmsRelay relay = line.relay();
        String sid = p.get("MessageSid");
        String state = p.getOrDefault("MessageStatus", "");
        Future<Void> handled = Future.succeededFuture();
        if (sid != null && (state.equals("failed") || state.equals("undelivered"))) {
            boolean optedOut = String.valueOf(SmsFailure.TWILIO_UNSUBSCRIBED).equals(p.get("ErrorCode"));
            Future<Void> marked = optedOut && p.get("To") != null
                    ? live.putExpiring(SmsKeys.optedOut(keys.of(p.get("To"))), "1", SmsRelay.OPT_OUT_MEMORY)
                    : Future.succeededFuture();
            handled = marked.compose(v -> relay.reports().failed(sid, optedOut ? "sms.error.opted_out" : "sms.error.not_delivered"));
        } else if (sid != null && state.equals("delivered")) {
            handled = relay.reports().delivered(sid);
        }
        handled.onComplete(r -> ctx.response().setStatusCode(204).end());
    }

    private static int count(String n) {
        try {
            return n == null ? 0 : Math.max(0, Integer.parseInt(n.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
