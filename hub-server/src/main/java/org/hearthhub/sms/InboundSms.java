package org.hearthhub.sms;

import org.hearthhub.model.BlankText;

/**
 * One text as Twilio's webhook reports it.
 *
 * @param from       the texter's number (E.164); never logged
 * @param body       may be empty when only media was sent
 * @param numMedia   pictures or files attached (never fetched)
 * @param messageSid Twilio's id, used as the message's clientId so a resent webhook is stored once
 * @param optOutType Twilio's {@code OptOutType} (STOP, START, HELP), sent when a messaging service's Advanced
 *                   Opt-Out matched the text and answered it; null otherwise
 */
record InboundSms(String from, String body, int numMedia, String messageSid, String optOutType) {

    /** Twilio answered the text as a keyword itself, so the hub need not confirm it again. */
    boolean keywordAnsweredByTwilio() {
        return optOutType != null && !optOutType.isBlank();
    }

    /** Twilio blocked (or unblocked) the number for this text, whatever its word: {@code type} is STOP or START. */
    boolean twilioSays(String type) {
        return optOutType != null && type.equalsIgnoreCase(optOutType.strip());
    }

    /** Something to read: a text of only zero-width or spacing characters is as empty as one with no body. */
    boolean hasText() {
        return !BlankText.showsNothing(body);
    }

    @Override
    public String toString() {
        return "InboundSms[numMedia=" + numMedia + "]";
    }
}
