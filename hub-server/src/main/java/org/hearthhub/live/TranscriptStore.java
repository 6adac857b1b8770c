package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;

import java.time.Instant;
import java.util.List;

/**
 * The messages of live conversations, numbered in order; they go when the conversation ends
 * ({@link ConversationStore#end}). Each keeps only its newest messages within the store's
 * {@link TranscriptBudget}: older ones are trimmed as new ones come, and seqs never change or repeat.
 */
public interface TranscriptStore {

    /**
     * Appends a message unless the same sender already sent this {@code clientId} in this conversation,
     * in which case the earlier message is returned with {@code duplicate = true} (when it was trimmed since, its seq
     * with the words resent, which are the same; once its id is no longer among the conversation's last
     * {@link TranscriptBudget#TRIMMED_IDS_REMEMBERED} trimmed ones the store cannot tell, and keeps it as new). Fails with
     * {@link NotLiveException} when the conversation is not live. {@code referrals} (a referral message's
     * items, else empty) are kept with the message and replayed with it.
     */
    Future<AppendResult> append(String conversationId, Sender from, String clientId, String text, List<Referral> referrals,
                                Instant at);

    /** {@link #append(String, Sender, String, String, List, Instant)} of a plain text message. */
    default Future<AppendResult> append(String conversationId, Sender from, String clientId, String text, Instant at) {
        return append(conversationId, from, clientId, text, List.of(), at);
    }

    /**
     * Every message still kept with seq greater than {@code afterSeq}, in order and contiguous: the whole kept
     * tail when {@code afterSeq} was trimmed, so an answer that starts beyond {@code afterSeq + 1} skips only
     * trimmed history. Read in one step with the trimming, so an append meanwhile cannot shift it.
     */
    Future<List<ChatMessage>> messagesAfter(String conversationId, long afterSeq);
}
