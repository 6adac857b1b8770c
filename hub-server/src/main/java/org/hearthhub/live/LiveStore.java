package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.auth.StaffSession;
import org.hearthhub.chat.ChatMessage;
import org.hearthhub.chat.Conversation;
import org.hearthhub.chat.QueuedConversation;
import org.hearthhub.chat.Sender;
import org.hearthhub.chat.Shift;
import org.hearthhub.settings.Referral;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything that exists only while conversations are live: conversations, transcripts, the queue,
 * shifts, staff sessions, counters and cross-node events. Nothing here is ever written to disk.
 *
 * <p>Every method is one atomic step, so that a Redis implementation can do each in one Lua script
 * or MULTI block and several hub nodes never see a half-done change.
 */
public interface LiveStore {

    // ---- conversations and the queue ----

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
     * false, binding nothing, while a value is set under {@code refusedBy} (a {@link #putExpiring} key, or
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

    // ---- whether the survivor is connected ----

    /**
     * A survivor connection now shows this conversation (after a start or a resume): it is counted, and an
     * away mark is cleared. Answers true when the conversation was marked away (so its advocate can be told
     * the survivor is back); false otherwise, also when it is not live.
     */
    Future<Boolean> survivorConnected(String conversationId);

    /**
     * A survivor connection of this conversation closed. When it was the last one counted (on any node), the
     * conversation is marked away since {@code at}, and true is answered; false otherwise (another connection
     * is still open, it was already away, or it is not live). A queued conversation keeps its place while away.
     */
    Future<Boolean> survivorDisconnected(String conversationId, Instant at);

    /** When the survivor of this live conversation went away, or null while connected (or not live). */
    Future<Instant> awaySince(String conversationId);

    /** Ids of queued conversations marked away since before {@code awayBefore}: what the sweep ends as away. */
    Future<List<String>> awayBefore(Instant awayBefore);

    /**
     * Gives a queued conversation to an advocate, only if it is still queued and the advocate holds
     * fewer than {@code capacity} active conversations. Returns the updated conversation, or null
     * when either condition fails (someone else took it, or the advocate is full).
     */
    Future<AssignResult> assign(String conversationId, String advocate, String advocateName, int capacity, Instant at);

    /** Moves an active conversation from one advocate to another within the target's capacity. */
    Future<AssignResult> transfer(String conversationId, String fromAdvocate, String toAdvocate, String toName,
                                  int toCapacity, Instant at);

    /** The active conversations this advocate holds. */
    Future<List<Conversation>> heldBy(String advocate);

    /** How many active conversations each advocate holds. */
    Future<java.util.Map<String, Integer>> holdings();

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

    /**
     * Ends a live conversation and removes every trace of it: transcript, token hash, contact key,
     * client ids. Returns its final metadata (for statistics) or null when it was not live.
     */
    Future<Conversation> end(String conversationId, Instant at);

    // ---- shifts ----

    Future<Void> putShift(Shift shift);

    Future<Void> removeShift(String username);

    Future<List<Shift>> shifts();

    // ---- staff sessions ----

    Future<Void> putSession(String sessionHash, StaffSession session, Duration idleTtl);

    /** The session, its idle timer restarted; null when unknown or expired. */
    Future<StaffSession> touchSession(String sessionHash, Duration idleTtl);

    Future<Void> removeSession(String sessionHash);

    /** The session without restarting its idle timer (a background check is not activity); null when unknown or expired. */
    Future<StaffSession> peekSession(String sessionHash);

    /**
     * Lists a session under its user in one atomic step, so that sign-ins at the same moment (on any
     * node) are all listed and every live session of a user can be ended. Listed sessions that have
     * ended are dropped; if more than {@code keep} remain, the oldest are removed (ended) rather than
     * left live but unlisted. The list expires {@code ttl} after its latest addition.
     *
     * @return the hashes of the sessions removed to make room, oldest first (usually none)
     */
    Future<List<String>> indexUserSession(String username, String sessionHash, int keep, Duration ttl);

    /** Removes and returns the session hashes listed for this user, oldest first (empty when none). */
    Future<List<String>> takeUserSessions(String username);

    // ---- small ephemeral values ----

    /** Increments a counter that resets {@code window} after its first increment; returns the new value. */
    Future<Long> increment(String key, Duration window);

    Future<Void> resetCounter(String key);

    /** Stores a value that disappears after {@code ttl}. */
    Future<Void> putExpiring(String key, String value, Duration ttl);

    /**
     * Stores a value that disappears after {@code ttl} unless one is already there, in one atomic step
     * (across nodes too); returns the value the key holds afterwards: {@code value}, or the one found.
     */
    Future<String> putIfAbsent(String key, String value, Duration ttl);

    /** Returns and removes a value in one step (one-time tickets), or null. */
    Future<String> take(String key);

    /** Reads a value without removing it, or null. */
    Future<String> peek(String key);

    /** Remembers a recent queue wait (seconds); the store keeps only the last few. */
    Future<Void> recordWait(long seconds);

    Future<List<Long>> recentWaits();

    // ---- events ----

    /** Delivers the event to every node's subscribers, this node's included. */
    void publish(LiveEvent event);

    void subscribe(Consumer<LiveEvent> subscriber);

    /** True while the store refuses new conversations for a reason of its own (a live Redis found writing to disk). */
    default boolean refusingNewConversations() {
        return false;
    }

    Future<Void> close();
}
