package org.hearthhub.sms;

/**
 * One text as Twilio's webhook reports it.
 *
 * @param from       the texter's number (E.164); never logged
 * @param body       may be empty when only media was sent
 * @param numMedia   pictures or files attached (never fetched)
 * @param messageSid Twilio's id, used as the message's clientId so a resent webhook is stored once
 * @param keywordAnsweredByTwilio Twilio marked the text as a keyword it has already answered (its
 *                   {@code OptOutType} parameter, sent when a messaging service's Advanced Opt-Out
 *                   matched it), so the hub need not confirm it again
 */
record InboundSms(String from, String body, int numMedia, String messageSid, boolean keywordAnsweredByTwilio) {

    boolean hasText() {
        return body != null && !body.isBlank();
    }

    @Override
    public String toString() {
        return "InboundSms[numMedia=" + numMedia + "]";
    }
}
