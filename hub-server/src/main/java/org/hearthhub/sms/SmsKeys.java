package org.hearthhub.sms;

import org.hearthhub.settings.ProgramSettings;

/**
 * Names of the SMS channel's values in the live store. None contains a phone number: numbers appear
 * only as values under {@link #contact}, and everything about a number outside a conversation is
 * keyed by its HMAC.
 */
public final class SmsKeys {
    static final int DEFAULT_BLOCK_DAYS = 30;
    static final int MAX_BLOCK_DAYS = 365;

    private SmsKeys() {
    }

    /** The texter's number and language, beside its conversation; taken (removed) when it ends. */
    static String contact(String conversation) {
        return "sms:contact:" + conversation;
    }

    /**
     * A texter whose chat moved to another program by a warm referral: that program's id, in the first program's
     * store, so their texts to the first program's number reach the chat there.
     */
    static String moved(String contactKey) {
        return "sms:moved:" + contactKey;
    }

    /** The program whose number a moved chat's texter texts (and is answered from), in the receiving program's store. */
    static String via(String conversation) {
        return "sms:via:" + conversation;
    }

    /** Set after STOP until START: nothing is sent and nothing is opened for this number. */
    static String optedOut(String contactKey) {
        return "sms:optout:" + contactKey;
    }

    /** An advocate blocked this number (by text or by phone); kept for the lead-set number of days. */
    public static String blocked(String contactKey) {
        return "sms:blocked:" + contactKey;
    }

    /** How many days a block lasts: the lead's setting, clamped to a year; 0 = blocks end with the conversation. */
    public static int blockDays(ProgramSettings settings) {
        ProgramSettings.Retention r = settings.retention();
        Integer days = r == null ? null : r.smsBlockDays();
        return days == null ? DEFAULT_BLOCK_DAYS : Math.max(0, Math.min(MAX_BLOCK_DAYS, days));
    }

    /** One node at a time opens a conversation for a number (two texts may arrive at once). */
    static String opening(String contactKey) {
        return "sms:opening:" + contactKey;
    }

    /** Throttles the after-hours reply to one per number per window. */
    static String closedReply(String contactKey) {
        return "sms:closed:" + contactKey;
    }

    /** How many automatic replies a number has had this hour ({@code "h"}) or day ({@code "d"}): {@link AutoReplies}. */
    static String autoReplies(String contactKey, String window) {
        return "sms:auto:" + contactKey + ":" + window;
    }

    /** How many automatic replies the whole hub has sent this hour, in the default program's store: {@link AutoReplies}. */
    static String autoRepliesHub() {
        return "sms:auto:hub";
    }

    /** Throttles the advocate's note that an opted-out texter wrote again. */
    static String optedOutNotice(String conversation) {
        return "sms:oo-notice:" + conversation;
    }

    /** Throttles the "too many messages" reply. */
    static String rateNotice(String conversation) {
        return "sms:rl-notice:" + conversation;
    }

    /** Claim of one outbound text by one node: every node hears every event. */
    static String claim(String conversation, String what) {
        return "sms:out:" + conversation + ":" + what;
    }

    /**
     * Twilio's message SID → conversation, so a failed-delivery callback reaches its advocate; or the
     * failure, when its report came before Twilio's answer to the send ({@link DeliveryReports}).
     */
    static String sid(String messageSid) {
        return "sms:sid:" + messageSid;
    }

    /** How many SIDs a conversation's texts have had, so that its end finds them all ({@link DeliveryReports}). */
    static String sentCount(String conversation) {
        return "sms:sent:" + conversation;
    }

    /** The {@code n}th SID of a conversation's texts (from 1), taken with its {@link #sid} mark when the chat ends. */
    static String sent(String conversation, long n) {
        return "sms:sent:" + conversation + ":" + n;
    }
}
