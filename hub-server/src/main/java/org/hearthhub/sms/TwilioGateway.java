package org.hearthhub.sms;

import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import org.hearthhub.config.HubConfig;

import java.net.URI;

/**
 * The Twilio Messages API through the official SDK ({@link TwilioRest}): one blocking call per text
 * part, made only on the SMS worker pool. Retries are the outbox's business.
 */
final class TwilioGateway {
    private final TwilioRest rest;
    private final String from;
    private final URI statusCallback;

    TwilioGateway(HubConfig.Twilio config, String publicUrl) {
        this.rest = new TwilioRest(config);
        this.from = config.from();
        this.statusCallback = URI.create(publicUrl + TwilioWebhook.STATUS_PATH);
    }

    /** Sends one part; returns Twilio's message SID. Blocking: call only from a worker thread. */
    String send(String to, String body) {
        MessageCreator creator = from.startsWith("MG")
                ? Message.creator(new PhoneNumber(to), from, body)
                : Message.creator(new PhoneNumber(to), new PhoneNumber(from), body);
        return creator.setStatusCallback(statusCallback).create(rest.client()).getSid();
    }

    /** Releases pooled connections. Blocking. */
    void close() {
        rest.close();
    }
}
