package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.hearthhub.config.HubConfig;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.referral.WarmReferrals;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The SMS channel: texters reach the same queue and advocates as web survivors, through Twilio.
 * Off (and said so once in the log) unless the Twilio options are set; then {@code /sms/twilio}
 * does not exist and the rest of the hub runs as usual. See docs/sms.md.
 */
public final class SmsBridge {
    private static final Logger LOG = Logger.getLogger(SmsBridge.class.getName());

    private final String offReason;
    private final TwilioWebhook webhook;
    private final SmsOutbox outbox;

    private SmsBridge(String offReason, TwilioWebhook webhook, SmsOutbox outbox) {
        this.offReason = offReason;
        this.webhook = webhook;
        this.outbox = outbox;
    }

    /** Loads the HMAC key and starts relaying live events to texters, or returns a bridge that is off. */
    /** @param meter counts the hub's own replies to texts that a cap refused */
    public static Future<SmsBridge> start(Vertx vertx, HubConfig config, HostedPrograms programs, WarmReferrals referrals, Clock clock,
                                          AutoReplyMeter meter) {
        String off = offReasonFor(config.twilio());
        if (off != null) {
            LOG.info("SMS channel is off: " + off);
            return Future.succeededFuture(new SmsBridge(off, null, null));
        }
        HubConfig.Twilio twilio = config.twilio();
        if (config.live().redisUrl() != null && twilio.hmacKeyFile() == null) {
            LOG.warning("SMS: with several nodes on one live store, every node needs the same HMAC key; set sms.hmacKeyFile "
                    + "(HEARTH_SMS_HMAC_KEY_FILE) to one shared key file, or a text reaching another node opens a second conversation");
        }
        return ContactKeys.load(vertx, twilio.hmacKeyFile(), config.dataDir()).map(keys -> {
            SmsOutbox outbox = new SmsOutbox(vertx, () -> new TwilioGateway(twilio), twilio.retryDelaysMillis());
            SmsLines lines = new SmsLines(vertx, programs, keys, outbox, twilio.from(), config.publicUrl(), referrals, clock,
                    twilio.autoReplies(), meter);
            LOG.info("SMS channel is on: texts to " + masked(twilio.from()) + " arrive at " + config.publicUrl()
                    + TwilioWebhook.INBOUND_PATH + (twilio.apiBase() != null ? " (Twilio API at " + twilio.apiBase() + ")" : ""));
            return new SmsBridge(null, new TwilioWebhook(twilio.authToken(), config.publicUrl(), lines, keys), outbox);
        });
    }

    /** Why SMS is off, naming the missing settings (for the log and the lead console); null when everything needed is there. */
    public static String offReasonFor(HubConfig.Twilio t) {
        List<String> missing = new ArrayList<>();
        if (t.accountSid() == null) missing.add("HEARTH_TWILIO_ACCOUNT_SID");
        if (t.authToken() == null) missing.add("HEARTH_TWILIO_AUTH_TOKEN");
        if (t.from() == null) missing.add("HEARTH_TWILIO_FROM");
        if (missing.size() == 3 && t.apiKeySid() == null && t.apiKeySecret() == null) return "Twilio is not configured";
        if (!missing.isEmpty()) {
            String why = "set " + String.join(", ", missing);
            // An API key pair can send, but Twilio signs webhooks with the auth token, so it is needed too.
            if (missing.contains("HEARTH_TWILIO_AUTH_TOKEN") && t.apiKeySecret() != null) why += " (webhook signatures are checked with the auth token)";
            return why;
        }
        if ((t.apiKeySid() == null) != (t.apiKeySecret() == null)) {
            return "set both HEARTH_TWILIO_API_KEY_SID and HEARTH_TWILIO_API_KEY_SECRET, or neither";
        }
        return null;
    }

    /** The program's own number is not a texter's, but the log still needs no more than its end. */
    private static String masked(String from) {
        if (from.startsWith("MG")) return "messaging service " + from;
        return "••••" + from.substring(Math.max(0, from.length() - 4));
    }

    public boolean enabled() {
        return offReason == null;
    }

    /** For the lead console: why SMS is off, or null when it is on. */
    public String offReason() {
        return offReason;
    }

    /** Adds the webhook routes when SMS is on; when off they stay unknown (404). */
    public void mount(Router router) {
        if (webhook != null) webhook.mount(router);
    }

    public Future<Void> close() {
        return outbox == null ? Future.succeededFuture() : outbox.close();
    }
}
