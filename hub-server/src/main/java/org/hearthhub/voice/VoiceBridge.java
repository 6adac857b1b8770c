package org.hearthhub.voice;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.hearthhub.config.HubConfig;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.sms.ContactKeys;
import org.hearthhub.sms.SmsBridge;
import org.hearthhub.sms.TwilioSignature;

import java.util.logging.Logger;

/**
 * The phone hotline: calls to the program's Twilio number reach the same queue and advocates as chats and
 * texts. Off (said once in the log) unless {@code voice.number} and the Twilio credentials are set; then
 * {@code /voice/twilio} does not exist. See docs/voice.md.
 */
public final class VoiceBridge {
    private static final Logger LOG = Logger.getLogger(VoiceBridge.class.getName());

    private final String offReason;
    private final VoiceWebhook webhook;
    private final TwilioCalls calls;

    private VoiceBridge(String offReason, VoiceWebhook webhook, TwilioCalls calls) {
        this.offReason = offReason;
        this.webhook = webhook;
        this.calls = calls;
    }

    /** @param meter counts the calls answered without a place in the queue (a second call from one number…) */
    public static Future<VoiceBridge> start(Vertx vertx, HubConfig config, HostedPrograms programs, AccountStore accounts,
                                            HotlineMeter meter) {
        String off = offReasonFor(config);
        if (off != null) {
            LOG.info("Voice hotline is off: " + off);
            return Future.succeededFuture(new VoiceBridge(off, null, null));
        }
        CallScripts scripts;
        try {
            // Built now, not at the first call: a mistake in the bundles (two languages on one key) stops the start,
            // and the log names at start any language the phone cannot offer.
            scripts = new CallScripts(PhoneLanguages.fromHubBundles());
        } catch (IllegalStateException e) {
            return Future.failedFuture(e);
        }
        HubConfig.Twilio twilio = config.twilio();
        // The same key as SMS, so a number blocked by text is blocked by phone, and the other way round.
        return ContactKeys.load(vertx, twilio.hmacKeyFile(), config.dataDir()).map(keys -> {
            TwilioCalls calls = new TwilioCalls(vertx, twilio, config.voice());
            // Read out to callers when the line is not answered: the program's SMS number, when texts are on.
            VoiceLines lines = new VoiceLines(vertx, programs, accounts, keys, calls, config, SmsBridge.offReasonFor(twilio) == null,
                    scripts, meter);
            LOG.info("Voice hotline is on: calls to ••••" + tail(config.voice().number()) + " arrive at " + config.publicUrl() + CallUrls.INBOUND);
            TwilioSignature signature = new TwilioSignature(twilio.authToken(), config.publicUrl(), "Voice");
            return new VoiceBridge(null, new VoiceWebhook(signature, lines, scripts), calls);
        });
    }

    /** Why the hotline is off, or null when everything it needs is set. */
    public static String offReasonFor(HubConfig config) {
        if (!config.voice().configured()) return "voice.number is not set";
        String sms = SmsBridge.offReasonFor(config.twilio());
        if (config.twilio().accountSid() == null || config.twilio().authToken() == null) {
            return "set HEARTH_TWILIO_ACCOUNT_SID and HEARTH_TWILIO_AUTH_TOKEN (webhook signatures are checked with the auth token)";
        }
        return sms != null && sms.contains("API_KEY") ? sms : null;
    }

    private static String tail(String number) {
        return number.substring(Math.max(0, number.length() - 4));
    }

    public boolean enabled() {
        return offReason == null;
    }

    public String offReason() {
        return offReason;
    }

    /** Adds the webhook routes when the hotline is on; when off they stay unknown (404). */
    public void mount(Router router) {
        if (webhook != null) webhook.mount(router);
    }

    public Future<Void> close() {
        return calls == null ? Future.succeededFuture() : calls.close();
    }
}
