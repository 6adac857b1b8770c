package org.hearthhub.sms;

import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import org.hearthhub.config.HubConfig;


/**
 * The Twilio Messages API through the official SDK ({@link TwilioRest}): one blocking call per text
 * part, made only on the SMS worker pool. Retries are the outbox's business.
 */
final class TwilioGateway {
    private final TwilioRest rest;

    TwilioGateway(HubConfig.Twilio config) {
        this.rest = new TwilioRest(config);
    }

    /** Sends one part from the sender's number; returns Twilio's message SID. Blocking: call only from a worker thread. */
    String send(SmsSender sender, String to, String body) {
        String from = sender.from();
        MessageCreator creator = from.startsWith("MG")
                ? Message.creator(new PhoneNumber(to), from, body)
                : Message.creator(new PhoneNumber(to), new PhoneNumber(from), body);
        return creator.setStatusCallback(sender.statusCallback()).create(rest.client()).getSid();
    }

    /** Releases pooled connections. Blocking. */
    void close() {
        rest.close();
    }
}
