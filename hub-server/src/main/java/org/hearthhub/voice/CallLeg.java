package org.hearthhub.voice;

/** The caller's Twilio call as the live store keeps it beside the conversation: its SID and the HMAC of the number. */
record CallLeg(String callSid, String contactKey) {

    String encode() {
        return callSid + "|" + contactKey;
    }

    static CallLeg decode(String value) {
        if (value == null) return null;
        int bar = value.indexOf('|');
        return bar < 0 ? new CallLeg(value, null) : new CallLeg(value.substring(0, bar), value.substring(bar + 1));
    }
}
