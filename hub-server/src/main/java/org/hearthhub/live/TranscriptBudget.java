package org.hearthhub.live;

import org.hearthhub.config.HubConfig;

/**
 * How much of one live conversation's transcript a live store keeps ({@code limits.transcriptMessages},
 * {@code limits.transcriptChars}): its newest messages within both bounds. The rate limit bounds how fast
 * a transcript grows, not how long: a chat lives as long as its socket stays open, so without this a few
 * hostile clients holding queued chats open could fill the hub's heap or the live Redis.
 *
 * <p>Appending a message that passes either bound drops the oldest messages, never the new one, until
 * both hold. Seqs never change and are never reused: a trimmed message is simply no longer returned.
 *
 * @param messages the most messages kept
 * @param chars    the most characters of message text kept, counted as {@link String#length()} counts them
 *                 (as {@code ConversationService.MAX_TEXT_CHARS} does, so one message of the largest size fits)
 */
public record TranscriptBudget(int messages, int chars) {
    public static final TranscriptBudget DEFAULT =
            new TranscriptBudget(HubConfig.Limits.DEFAULT_TRANSCRIPT_MESSAGES, HubConfig.Limits.DEFAULT_TRANSCRIPT_CHARS);

    /**
     * The client ids of a conversation's last this many trimmed messages are remembered with their seqs, so a
     * late resend of one (a reconnecting client's unacked outbox) is still answered as a duplicate; the
     * record is bounded, so after this many more trims a resend would be taken as a new message.
     */
    public static final int TRIMMED_IDS_REMEMBERED = 100;

    public TranscriptBudget {
        if (messages < 1 || chars < 1) throw new IllegalArgumentException("a transcript budget keeps at least one message");
    }

    public static TranscriptBudget of(HubConfig.Limits limits) {
        return new TranscriptBudget(limits.transcriptMessages(), limits.transcriptChars());
    }

    /** What one message's text costs against {@link #chars}. */
    static int size(String text) {
        return text == null ? 0 : text.length();
    }
}
