package org.hearthhub.voice;

/** The caller's Twilio call as the live store keeps it beside the conversation: its SID and the HMAC of the number. */
record CallLeg(String callSid, String contactKey) {

    /** @param contactKey null for a withheld number: nothing to block */
    String encode() {
        return callSid + "|" + (contactKey == null ? "" : contactKey);
    }

    static CallLeg decode(String value) {
        if (value == null) return null;
        int bar = value.indexOf('|');
        String key = bar < 0 ? "" : value.substring(bar + 1);
        return new CallLeg(bar < 0 ? value : value.substring(0, bar), key.isEmpty() ? null : key);
    }
}
