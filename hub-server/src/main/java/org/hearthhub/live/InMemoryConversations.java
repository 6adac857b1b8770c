package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.QueuedConversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory store's live conversations, the queue (each place with its away mark), and the indexes by
 * resume-token hash and by contact key. Guarded by the store's lock, except that a conversation is looked up
 * by id from any loop. Starting, giving, moving and ending a conversation are the store's steps, as they
 * also touch the transcripts, presence or shifts.
 */
final class InMemoryConversations {
    private final Object lock;
    /** Written under the lock only; concurrent so that a conversation can be looked up from any loop. */
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    /** Queue order: insertion order of queued conversation ids. */
    private final LinkedHashMap<String, QueuedConversation> queue = new LinkedHashMap<>();
    private final Map<String, String> idByTokenHash = new HashMap<>();
    private final Map<String, String> idByContactKey = new HashMap<>();

    InMemoryConversations(Object lock) {
        this.lock = lock;
    }

    Future<String> conversationByTokenHash(String tokenHash) {
        synchronized (lock) {
            return Future.succeededFuture(idByTokenHash.get(tokenHash));
        }
    }

    Future<String> conversationByContactKey(String contactKey) {
        synchronized (lock) {
            return Future.succeededFuture(idByContactKey.get(contactKey));
        }
    }

    Future<List<QueuedConversation>> queue() {
        synchronized (lock) {
            return Future.succeededFuture(new ArrayList<>(queue.values()));
        }
    }

    Future<Integer> position(String conversationId) {
        synchronized (lock) {
            int position = 1;
            for (String id : queue.keySet()) {
                if (id.equals(conversationId)) return Future.succeededFuture(position);
                position++;
            }
            return Future.succeededFuture(0);
        }
    }

    Future<LiveCounts> counts() {
        synchronized (lock) {
            return Future.succeededFuture(new LiveCounts(queue.size(), conversations.size()));
        }
    }

    /** Read from the queue, where each place keeps its away mark. */
    Future<List<String>> awayBefore(Instant before) {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            for (QueuedConversation q : queue.values()) {
                if (q.isAway() && q.awaySince().isBefore(before)) out.add(q.id());
            }
            return Future.succeededFuture(out);
        }
    }

    Future<List<Conversation>> heldBy(String advocate) {
        synchronized (lock) {
            return Future.succeededFuture(activeOf(advocate));
        }
    }

    Future<Map<String, Integer>> holdings() {
        synchronized (lock) {
            Map<String, Integer> out = new HashMap<>();
            for (Conversation c : conversations.values()) {
                if (c.isActive()) out.merge(c.advocate(), 1, Integer::sum);
            }
            return Future.succeededFuture(out);
        }
    }

    /** The conversation as stored (its transcript may have a later activity), or null; from any loop. */
    Conversation get(String id) {
        return conversations.get(id);
    }

    // The steps below are parts of the store's steps that span its parts: callers hold the lock.

    boolean isLive(String id) {
        return conversations.containsKey(id);
    }

    /** Every live conversation, as stored: a view, read under the lock. */
    Collection<Conversation> all() {
        return conversations.values();
    }

    int queued() {
        return queue.size();
    }

    /** Adds a queued conversation and its place in the queue; answers the place. */
    int add(Conversation c) {
        conversations.put(c.id(), c);
        return c.referred() == null ? append(QueuedConversation.of(c)) : insertReferred(QueuedConversation.of(c));
    }

    private int append(QueuedConversation q) {
        queue.put(q.id(), q);
        return queue.size();
    }

    /** After the referred ones already waiting, ahead of every conversation started here; answers its place. */
    private int insertReferred(QueuedConversation q) {
        List<QueuedConversation> before = new ArrayList<>();
        List<QueuedConversation> after = new ArrayList<>();
        for (QueuedConversation waiting : queue.values()) (after.isEmpty() && waiting.isReferred() ? before : after).add(waiting);
        queue.clear();
        before.forEach(this::append);
        int position = append(q);
        after.forEach(this::append);
        return position;
    }

    void indexToken(Conversation c) {
        if (c.tokenHash() != null) idByTokenHash.put(c.tokenHash(), c.id());
    }

    void bindContactKey(String contactKey, String id) {
        idByContactKey.put(contactKey, id);
    }

    /** Sets (or, with null, clears) the away mark of a queued conversation's place. */
    void markAway(String id, Instant since) {
        // Replacing the value of a present key keeps its place in the LinkedHashMap, i.e. in line.
        queue.computeIfPresent(id, (k, q) -> q.away(since));
    }

    /** Stores a changed conversation (given, moved) under its id. */
    void replace(Conversation c) {
        conversations.put(c.id(), c);
    }

    void dequeue(String id) {
        queue.remove(id);
    }

    int held(String advocate) {
        return activeOf(advocate).size();
    }

    List<Conversation> activeOf(String advocate) {
        List<Conversation> out = new ArrayList<>();
        for (Conversation c : conversations.values()) {
            if (c.isActive() && advocate.equals(c.advocate())) out.add(c);
        }
        return out;
    }

    /** Removes a conversation and its place in the queue; it, or null when it was not live. Its indexes stay until {@link #unindex}. */
    Conversation remove(String id) {
        Conversation c = conversations.remove(id);
        if (c != null) queue.remove(id);
        return c;
    }

    void unindex(Conversation c) {
        if (c.tokenHash() != null) idByTokenHash.remove(c.tokenHash());
        idByContactKey.values().removeIf(c.id()::equals);
    }

    /** Whether a conversation's metadata or an index spells this text. */
    boolean containsText(String needle) {
        return String.valueOf(conversations).contains(needle)
                || String.valueOf(idByTokenHash).contains(needle)
                || String.valueOf(idByContactKey).contains(needle);
    }
}
