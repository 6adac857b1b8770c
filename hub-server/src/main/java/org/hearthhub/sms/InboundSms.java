package org.hearthhub.sms;

/**
 * One text as Twilio's webhook reports it.
 *
 * @param from       the texter's number (E.164); never logged
 * @param body       may be empty when only media was sent
 * @param numMedia   pictures or files attached (never fetched)
 * @param messageSid Twilio's id, used as the message's clientId so a resent webhook is stored once
 */
record InboundSms(String from, String body, int numMedia, String messageSid) {

    boolean hasText() {
        return body != null && !body.isBlank();
    }

    @Override
    public String toString() {
        return "InboundSms[numMedia=" + numMedia + "]";
    }
}
