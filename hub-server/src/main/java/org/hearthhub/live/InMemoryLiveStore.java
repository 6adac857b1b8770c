package org.hearthhub.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;
import org.hearthhub.model.Shift;
import org.hearthhub.model.StaffSession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The single-node live store: plain maps in this JVM's memory. Nothing is ever written to disk.
 *
 * <p>In the hub it is wrapped by {@link LoopConfined}: every method not marked {@link AnyLoop} runs on one
 * owning event loop, so no loop waits for another there. Those methods still take one lock, which is then
 * uncontended but keeps each of them atomic against the 30 s sweep (its timer fires on whichever loop Vert.x
 * picks) and for callers that use the store unwrapped (tests, the command line). The {@link AnyLoop} steps of
 * a chat message touch one key of a concurrent map, or one conversation's transcript, and never this lock.
 */
public final class InMemoryLiveStore implements LiveStore {
    private final Vertx vertx;
    private final Clock clock;
    private final TranscriptBudget budget;
    private final Object lock = new Object();
    /** Written on the owning loop only; concurrent so that {@link #conversation} can read it from any loop. */
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    /** Queue order: insertion order of queued conversation ids. */
    private final LinkedHashMap<String, QueuedConversation> queue = new LinkedHashMap<>();
    /** Present exactly while the conversation is live: a message appended from any loop finds it or is refused. */
    private final Map<String, PackedTranscript> transcripts = new ConcurrentHashMap<>();
    /** Where every transcript's bytes go: long-lived slabs the young collector never copies. */
    private final TranscriptBlocks blocks = new TranscriptBlocks();
    private final Map<String, String> idByTokenHash = new HashMap<>();
    private final Map<String, String> idByContactKey = new HashMap<>();
    /** Open survivor connections per conversation, and when the last one closed (absent while connected). */
    private final Map<String, Integer> survivorConnections = new HashMap<>();
    private final Map<String, Instant> awaySince = new HashMap<>();
    private final Map<String, Shift> shifts = new LinkedHashMap<>();
    private final InMemorySessions sessions;
    private final InMemoryValues values;
    private final InMemoryWaits waits;
    private final InMemoryEvents events = new InMemoryEvents();
    private final long sweepTimer;

    public InMemoryLiveStore(Vertx vertx) {
        this(vertx, Clock.systemUTC());
    }

    public InMemoryLiveStore(Vertx vertx, Clock clock) {
        this(vertx, clock, TranscriptBudget.DEFAULT);
    }

    /** @param budget how much of each live transcript is kept ({@code limits.transcriptMessages}, {@code limits.transcriptChars}) */
    public InMemoryLiveStore(Vertx vertx, Clock clock, TranscriptBudget budget) {
        this.vertx = vertx;
        this.clock = clock;
        this.budget = budget;
        this.sessions = new InMemorySessions(clock);
        this.values = new InMemoryValues(lock, clock);
        this.waits = new InMemoryWaits(lock);
        this.sweepTimer = vertx.setPeriodic(30_000, id -> sweepExpired());
    }

    /** The conversation with its latest message's time, which its transcript keeps. */
    private Conversation current(Conversation c) {
        PackedTranscript t = c == null ? null : transcripts.get(c.id());
        Instant last = t == null ? null : t.lastActivity();
        return last != null && last.isAfter(c.lastActivityAt()) ? c.touched(last) : c;
    }

    @Override
    public Future<Integer> enqueue(Conversation c, int queueCap) {
        synchronized (lock) {
            if (queue.size() >= queueCap) return Future.failedFuture(new QueueFullException());
            conversations.put(c.id(), c);
            int position = c.referred() == null ? append(QueuedConversation.of(c)) : insertReferred(QueuedConversation.of(c));
            transcripts.put(c.id(), new PackedTranscript(budget, blocks));
            if (c.tokenHash() != null) idByTokenHash.put(c.tokenHash(), c.id());
            return Future.succeededFuture(position);
        }
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

    @Override
    @AnyLoop
    public Future<Conversation> conversation(String id) {
        return Future.succeededFuture(current(conversations.get(id)));
    }

    @Override
    public Future<String> conversationByTokenHash(String tokenHash) {
        synchronized (lock) {
            return Future.succeededFuture(idByTokenHash.get(tokenHash));
        }
    }

    @Override
    public Future<String> conversationByContactKey(String contactKey) {
        synchronized (lock) {
            return Future.succeededFuture(idByContactKey.get(contactKey));
        }
    }

    @Override
    public Future<Boolean> bindContactKey(String conversationId, String contactKey, String refusedBy) {
        synchronized (lock) {
            if (!conversations.containsKey(conversationId)) return Future.failedFuture(new NotLiveException(conversationId));
            if (refusedBy != null && values.isSet(refusedBy)) return Future.succeededFuture(false);
            idByContactKey.put(contactKey, conversationId);
            return Future.succeededFuture(true);
        }
    }

    @Override
    public Future<List<QueuedConversation>> queue() {
        synchronized (lock) {
            return Future.succeededFuture(new ArrayList<>(queue.values()));
        }
    }

    @Override
    public Future<Integer> position(String conversationId) {
        synchronized (lock) {
            int position = 1;
            for (String id : queue.keySet()) {
                if (id.equals(conversationId)) return Future.succeededFuture(position);
                position++;
            }
            return Future.succeededFuture(0);
        }
    }

    @Override
    public Future<LiveCounts> counts() {
        synchronized (lock) {
            return Future.succeededFuture(new LiveCounts(queue.size(), conversations.size()));
        }
    }

    @Override
    public Future<List<Conversation>> liveConversations() {
        synchronized (lock) {
            return Future.succeededFuture(conversations.values().stream().map(this::current).collect(Collectors.toList()));
        }
    }

    @Override
    public Future<List<String>> timedOut(Instant idleBefore, Instant createdBefore) {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            for (Conversation live : conversations.values()) {
                Conversation c = current(live);
                if (c.lastActivityAt().isBefore(idleBefore) || c.createdAt().isBefore(createdBefore)) out.add(c.id());
            }
            return Future.succeededFuture(out);
        }
    }

    @Override
    public Future<Boolean> survivorConnected(String id) {
        synchronized (lock) {
            if (!conversations.containsKey(id)) return Future.succeededFuture(false);
            survivorConnections.merge(id, 1, Integer::sum);
            Instant was = awaySince.remove(id);
            // Replacing the value of a present key keeps its place in the LinkedHashMap, i.e. in line.
            queue.computeIfPresent(id, (k, q) -> q.away(null));
            return Future.succeededFuture(was != null);
        }
    }

    @Override
    public Future<Boolean> survivorDisconnected(String id, Instant at) {
        synchronized (lock) {
            if (!conversations.containsKey(id)) return Future.succeededFuture(false);
            int open = Math.max(0, survivorConnections.getOrDefault(id, 0) - 1);
            survivorConnections.put(id, open);
            if (open > 0 || awaySince.containsKey(id)) return Future.succeededFuture(false);
            awaySince.put(id, at);
            queue.computeIfPresent(id, (k, q) -> q.away(at));
            return Future.succeededFuture(true);
        }
    }

    @Override
    public Future<Instant> awaySince(String id) {
        synchronized (lock) {
            return Future.succeededFuture(awaySince.get(id));
        }
    }

    @Override
    public Future<List<String>> awayBefore(Instant before) {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            for (QueuedConversation q : queue.values()) {
                if (q.isAway() && q.awaySince().isBefore(before)) out.add(q.id());
            }
            return Future.succeededFuture(out);
        }
    }

    @Override
    public Future<AssignResult> assign(String id, String advocate, String advocateName, int capacity, Instant at) {
        synchronized (lock) {
            Conversation c = conversations.get(id);
            if (c == null) return Future.succeededFuture(new AssignResult(AssignResult.Outcome.UNKNOWN, null));
            if (!c.isQueued()) return Future.succeededFuture(new AssignResult(AssignResult.Outcome.NOT_QUEUED, c));
            if (!shifts.containsKey(advocate)) return Future.succeededFuture(new AssignResult(AssignResult.Outcome.NOT_ON_SHIFT, c));
            if (held(advocate) >= capacity) return Future.succeededFuture(new AssignResult(AssignResult.Outcome.AT_CAPACITY, c));
            Conversation assigned = c.assignedTo(advocate, advocateName, at);
            conversations.put(id, assigned);
            queue.remove(id);
            return Future.succeededFuture(new AssignResult(AssignResult.Outcome.ASSIGNED, assigned));
        }
    }

    @Override
    public Future<AssignResult> transfer(String id, String from, String to, String toName, int toCapacity, Instant at) {
        synchronized (lock) {
            Conversation c = conversations.get(id);
            if (c == null) return Future.succeededFuture(new AssignResult(AssignResult.Outcome.UNKNOWN, null));
            if (!c.isActive() || !from.equals(c.advocate())) {
                return Future.succeededFuture(new AssignResult(AssignResult.Outcome.NOT_HELD, c));
            }
            if (!shifts.containsKey(to)) return Future.succeededFuture(new AssignResult(AssignResult.Outcome.NOT_ON_SHIFT, c));
            if (held(to) >= toCapacity) return Future.succeededFuture(new AssignResult(AssignResult.Outcome.AT_CAPACITY, c));
            Conversation moved = new Conversation(c.id(), c.channel(), c.lang(), c.state(), c.createdAt(), c.assignedAt(), at,
                    c.tokenHash(), to, toName, c.preferredUntil(), c.contact(), c.referred());
            conversations.put(id, moved);
            return Future.succeededFuture(new AssignResult(AssignResult.Outcome.ASSIGNED, moved));
        }
    }

    private int held(String advocate) {
        return activeOf(advocate).size();
    }

    /** Callers hold the lock. */
    private List<Conversation> activeOf(String advocate) {
        List<Conversation> out = new ArrayList<>();
        for (Conversation c : conversations.values()) {
            if (c.isActive() && advocate.equals(c.advocate())) out.add(c);
        }
        return out;
    }

    @Override
    public Future<List<Conversation>> heldBy(String advocate) {
        synchronized (lock) {
            return Future.succeededFuture(activeOf(advocate));
        }
    }

    @Override
    public Future<Map<String, Integer>> holdings() {
        synchronized (lock) {
            Map<String, Integer> out = new HashMap<>();
            for (Conversation c : conversations.values()) {
                if (c.isActive()) out.merge(c.advocate(), 1, Integer::sum);
            }
            return Future.succeededFuture(out);
        }
    }

    @Override
    @AnyLoop
    public Future<AppendResult> append(String id, Sender from, String clientId, String text, List<Referral> referrals, Instant at) {
        PackedTranscript t = transcripts.get(id);
        if (t == null) return Future.failedFuture(new NotLiveException(id));
        try {
            return Future.succeededFuture(t.append(id, from, clientId, text, referrals, at));
        } catch (NotLiveException e) {
            return Future.failedFuture(e);
        }
    }

    @Override
    @AnyLoop
    public Future<List<ChatMessage>> messagesAfter(String id, long afterSeq) {
        PackedTranscript t = transcripts.get(id);
        return Future.succeededFuture(t == null ? List.of() : t.after(afterSeq));
    }

    @Override
    public Future<Conversation> end(String id, Instant at) {
        synchronized (lock) {
            return Future.succeededFuture(removeAll(id));
        }
    }

    @Override
    public Future<Conversation> endIfHeldBy(String id, String advocate, Instant at) {
        synchronized (lock) {
            Conversation c = conversations.get(id);
            boolean held = c != null && c.isActive() && advocate.equals(c.advocate());
            return Future.succeededFuture(held ? removeAll(id) : null);
        }
    }

    @Override
    public Future<Conversation> endIfQueuedOrHeldBy(String id, String advocate, Instant at) {
        synchronized (lock) {
            Conversation c = conversations.get(id);
            boolean mayEnd = c != null && (c.isQueued() || c.isActive() && advocate.equals(c.advocate()));
            return Future.succeededFuture(mayEnd ? removeAll(id) : null);
        }
    }

    /** Every trace of a conversation, under the lock; its last metadata, or null when it was not live. */
    private Conversation removeAll(String id) {
        Conversation c = conversations.remove(id);
        if (c == null) return null;
        queue.remove(id);
        PackedTranscript t = transcripts.remove(id);
        if (t != null) t.close();
        survivorConnections.remove(id);
        awaySince.remove(id);
        if (c.tokenHash() != null) idByTokenHash.remove(c.tokenHash());
        idByContactKey.values().removeIf(id::equals);
        return c;
    }

    @Override
    public Future<Void> putShift(Shift shift) {
        synchronized (lock) {
            shifts.put(shift.username(), shift);
            return Future.succeededFuture();
        }
    }

    @Override
    public Future<Boolean> removeShiftIfIdle(String username) {
        synchronized (lock) {
            if (held(username) > 0) return Future.succeededFuture(false);
            shifts.remove(username);
            return Future.succeededFuture(true);
        }
    }

    @Override
    public Future<List<Shift>> shifts() {
        synchronized (lock) {
            return Future.succeededFuture(new ArrayList<>(shifts.values()));
        }
    }

    @Override
    @AnyLoop
    public Future<Void> putSession(String sessionHash, StaffSession session, Duration idleTtl) {
        return sessions.putSession(sessionHash, session, idleTtl);
    }

    @Override
    @AnyLoop
    public Future<StaffSession> touchSession(String sessionHash, Duration idleTtl) {
        return sessions.touchSession(sessionHash, idleTtl);
    }

    @Override
    @AnyLoop
    public Future<Void> removeSession(String sessionHash) {
        return sessions.removeSession(sessionHash);
    }

    @Override
    @AnyLoop
    public Future<StaffSession> peekSession(String sessionHash) {
        return sessions.peekSession(sessionHash);
    }

    /** Spans the sessions and the values, where the user's list is kept as Redis keeps it. */
    @Override
    public Future<List<String>> indexUserSession(String username, String sessionHash, int keep, Duration ttl) {
        synchronized (lock) {
            Instant now = clock.instant();
            String listed = values.valueAt(InMemorySessions.listKey(username), now);
            List<String> hashes = new ArrayList<>();
            for (String hash : listed == null ? List.<String>of() : List.of(listed.split(","))) {
                if (!hash.equals(sessionHash) && sessions.liveAt(hash, now.toEpochMilli())) hashes.add(hash);
            }
            hashes.add(sessionHash);
            List<String> ended = List.copyOf(hashes.subList(0, Math.max(0, hashes.size() - keep)));
            ended.forEach(sessions::end);
            List<String> kept = hashes.subList(ended.size(), hashes.size());
            values.putUntil(InMemorySessions.listKey(username), String.join(",", kept), now.plus(ttl));
            return Future.succeededFuture(ended);
        }
    }

    @Override
    public Future<List<String>> takeUserSessions(String username) {
        synchronized (lock) {
            String listed = values.takeLive(InMemorySessions.listKey(username));
            boolean any = listed != null && !listed.isEmpty();
            return Future.succeededFuture(any ? List.of(listed.split(",")) : List.of());
        }
    }

    @Override
    @AnyLoop
    public Future<Long> increment(String key, Duration window) {
        return values.increment(key, window);
    }

    @Override
    @AnyLoop
    public Future<Void> resetCounter(String key) {
        return values.resetCounter(key);
    }

    @Override
    public Future<Void> putExpiring(String key, String value, Duration ttl) {
        return values.putExpiring(key, value, ttl);
    }

    @Override
    public Future<String> putIfAbsent(String key, String value, Duration ttl) {
        return values.putIfAbsent(key, value, ttl);
    }

    @Override
    public Future<Boolean> takeIf(String key, String expected) {
        return values.takeIf(key, expected);
    }

    @Override
    public Future<String> take(String key) {
        return values.take(key);
    }

    @Override
    public Future<String> peek(String key) {
        return values.peek(key);
    }

    @Override
    public Future<Void> recordWait(long seconds) {
        return waits.recordWait(seconds);
    }

    @Override
    public Future<List<Long>> recentWaits() {
        return waits.recentWaits();
    }

    @Override
    public void publish(LiveEvent event) {
        events.publish(event);
    }

    @Override
    public void subscribe(Consumer<LiveEvent> subscriber) {
        events.subscribe(subscriber);
    }

    /** For privacy tests: does any live value contain this text, or any transcript byte, free blocks included, spell it? */
    public boolean containsText(String needle) {
        synchronized (lock) {
            return String.valueOf(conversations).contains(needle)
                    || transcripts.values().stream().anyMatch(t -> t.contains(needle))
                    || blocks.holdBytesOf(needle)
                    || String.valueOf(idByTokenHash).contains(needle)
                    || String.valueOf(idByContactKey).contains(needle)
                    || values.containsText(needle);
        }
    }

    /**
     * For privacy tests: the names of the expiring values, counters and staff sessions held, lapsed ones included
     * until a sweep, written as the Redis store names its keys (value:…, counter:…, session:…).
     */
    public List<String> expiringKeysHeld() {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            values.addKeysHeld(out);
            sessions.addKeysHeld(out);
            return out;
        }
    }

    /** For tests: the client ids a live conversation's resend index holds (its kept messages'). */
    int clientIdsIndexed(String conversationId) {
        PackedTranscript t = transcripts.get(conversationId);
        return t == null ? 0 : t.clientIdsIndexed();
    }

    /** For tests: how many sessions and counters the store holds, lapsed or not, until a sweep. */
    int sessionsAndCountersHeld() {
        return sessions.held() + values.countersHeld();
    }

    /** For tests: the client ids of trimmed messages a live conversation still remembers. */
    int trimmedIdsRemembered(String conversationId) {
        PackedTranscript t = transcripts.get(conversationId);
        return t == null ? 0 : t.trimmedIdsRemembered();
    }

    /** Drops what has lapsed; every 30 s on its own, and called by tests. */
    void sweepExpired() {
        synchronized (lock) {
            Instant now = clock.instant();
            long nowMillis = now.toEpochMilli();
            sessions.sweep(nowMillis);
            values.sweep(now, nowMillis);
        }
    }

    @Override
    public Future<Void> close() {
        vertx.cancelTimer(sweepTimer);
        return Future.succeededFuture();
    }
}
