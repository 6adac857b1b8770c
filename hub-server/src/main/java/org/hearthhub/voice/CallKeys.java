package org.hearthhub.voice;

/**
 * Names of the hotline's values in the live store. None contains a phone number: the caller's number
 * lives only as the conversation's contact (purged when it ends); here a call is known by Twilio's call
 * SID and the number by its HMAC, and every value goes when the conversation ends.
 */
final class CallKeys {
    private CallKeys() {
    }

    /** The caller's leg ("callSid|hmac of the number") beside its conversation; taken when it ends. */
    static String callerLeg(String conversation) {
        return "voice:leg:" + conversation;
    }

    /** Under {@link #call}: the caller hung up before a conversation was there (no id starts with "!"). */
    static final String GONE = "!gone";
    /** Long enough for any step of the call Twilio was still sending to arrive. */
    static final java.time.Duration GONE_TTL = java.time.Duration.ofMinutes(10);

    /** Twilio's call SID → conversation, for status callbacks that know only the SID. */
    static String call(String callSid) {
        return "voice:call:" + callSid;
    }

    /** The SID of the advocate's phone leg while it rings for this conversation. */
    static String ringLeg(String conversation) {
        return "voice:ringleg:" + conversation;
    }

    /**
     * The ring (its attempt) whose leg is talking with the caller; taken when the caller is moved on hold, so
     * that the end of a leg the caller has left ends nothing.
     */
    static String bridged(String conversation) {
        return "voice:bridged:" + conversation;
    }

    /** One node places each ring: every node hears every event. */
    static String placing(String attempt) {
        return "voice:place:" + attempt;
    }

    /**
     * The call SID holding the line's one place for the number of this keyed hash ({@link CallerHolds}): a second call
     * from the number is not queued while it is set.
     */
    static String caller(String contactKey) {
        return "voice:caller:" + contactKey;
    }

    /** The call SID holding one of the places shared by callers who withhold their number, numbered from 1. */
    static String withheld(int place) {
        return "voice:withheld:" + place;
    }

    /** Set when an advocate's phone did not accept a call: no call rings them again until they accept one. */
    static String missed(String username) {
        return "voice:missed:" + username;
    }
}
