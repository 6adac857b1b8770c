package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.QueuedConversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Live conversations and the queue: started, found (by id, resume token or contact), given to an
 * advocate, moved, listed and ended. Ending removes every trace of a conversation at once.
 */
public interface ConversationStore {

    /**
     * Adds a queued conversation at the tail of the queue and answers its 1-based position, or fails
     * with {@link QueueFullException}.
     */
    Future<Integer> enqueue(Conversation conversation, int queueCap);

    /** The conversation, or null when unknown or already ended (ended ones are purged). */
    Future<Conversation> conversation(String id);

    /** The id of the live conversation whose resume token has this hash, or null. */
    Future<String> conversationByTokenHash(String tokenHash);

    /** The id of the live conversation whose contact key (e.g. HMAC of a phone number) this is, or null. */
    Future<String> conversationByContactKey(String contactKey);

    /**
     * Remembers a contact key for a live conversation (removed when it ends) and answers true; or answers
     * false, binding nothing, while a value is set under {@code refusedBy} (a {@link ExpiringValueStore#putExpiring} key, or
     * null for none). The check and the binding are one step, so a mark set meanwhile (the number opted
     * out while its first text was being opened) is never overtaken.
     */
    Future<Boolean> bindContactKey(String conversationId, String contactKey, String refusedBy);

    /**
     * The queue, oldest first, as places (not whole conversations: this is read on every queue push), each
     * with its away mark.
     */
    Future<List<QueuedConversation>> queue();

    /** 1-based position of a conversation in the queue, or 0 when it is not queued. */
    Future<Integer> position(String conversationId);

    /** How many conversations are queued and how many are live, without reading them. */
    Future<LiveCounts> counts();

    /** Every live conversation (queued and active). */
    Future<List<Conversation>> liveConversations();

    /**
     * Ids of live conversations whose last activity is before {@code idleBefore} or that were created
     * before {@code createdBefore}: what the timeout sweep ends. Answered without reading the rest.
     */
    Future<List<String>> timedOut(Instant idleBefore, Instant createdBefore);

    /**
     * Gives a queued conversation to an advocate, only if it is still queued, the advocate is on shift
     * ({@link ShiftStore}) and holds fewer than {@code capacity} active conversations, all in one step.
     * The outcome says which condition failed (someone else took it, the shift ended meanwhile, or the
     * advocate is full).
     */
    Future<AssignResult> assign(String conversationId, String advocate, String advocateName, int capacity, Instant at);

    /**
     * Moves an active conversation from one advocate to another, only if the target is on shift and within
     * their capacity, in one step with those checks.
     */
    Future<AssignResult> transfer(String conversationId, String fromAdvocate, String toAdvocate, String toName,
                                  int toCapacity, Instant at);

    /** The active conversations this advocate holds. */
    Future<List<Conversation>> heldBy(String advocate);

    /** How many active conversations each advocate holds. */
    Future<Map<String, Integer>> holdings();

    /**
     * Ends a live conversation and removes every trace of it: transcript, token hash, contact key,
     * client ids. Returns its final metadata (for statistics) or null when it was not live.
     */
    Future<Conversation> end(String conversationId, Instant at);

    /**
     * {@link #end} in the same step as the check that the conversation is active and held by {@code advocate}: null,
     * and nothing changed, when it is not (ended, still queued, or passed to a colleague meanwhile).
     */
    Future<Conversation> endIfHeldBy(String conversationId, String advocate, Instant at);

    /**
     * {@link #end} in the same step as the check that the conversation is still queued, or active and held by
     * {@code advocate} (what a block may end): null, and nothing changed, when it is neither (ended, or accepted by or
     * passed to a colleague meanwhile).
     */
    Future<Conversation> endIfQueuedOrHeldBy(String conversationId, String advocate, Instant at);

    /** True while the store refuses new conversations for a reason of its own (a live Redis found writing to disk). */
    default boolean refusingNewConversations() {
        return false;
    }
}
