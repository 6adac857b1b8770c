package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;

import java.time.Instant;
import java.util.List;

/**
 * The messages of live conversations, numbered in order; they go when the conversation ends
 * ({@link ConversationStore#end}).
 */
public interface TranscriptStore {

    /**
     * Appends a message unless the same sender already sent this {@code clientId} in this conversation,
     * in which case the earlier message is returned with {@code duplicate = true}. Fails with
     * {@link NotLiveException} when the conversation is not live. {@code referrals} (a referral message's
     * items, else empty) are kept with the message and replayed with it.
     */
    Future<AppendResult> append(String conversationId, Sender from, String clientId, String text, List<Referral> referrals,
                                Instant at);

    /** {@link #append(String, Sender, String, String, List, Instant)} of a plain text message. */
    default Future<AppendResult> append(String conversationId, Sender from, String clientId, String text, Instant at) {
        return append(conversationId, from, clientId, text, List.of(), at);
    }

    /** Messages with seq greater than {@code afterSeq}, in order. */
    Future<List<ChatMessage>> messagesAfter(String conversationId, long afterSeq);
}
