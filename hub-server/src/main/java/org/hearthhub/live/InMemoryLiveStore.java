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
import java.util.List;
import java.util.Map;
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
 *
 * <p>This class joins the parts, one per job, each holding only its own maps:
 * <pre>
 *   {@link InMemoryConversations}  conversations, the queue with its away marks, token and contact indexes
 *   {@link InMemoryTranscripts}    transcripts and the blocks they are packed into
 *   {@link InMemoryPresence}       open survivor connections, away since
 *   {@link InMemoryShifts}         who is on shift
 *   {@link InMemorySessions}       staff session leases
 *   {@link InMemoryValues}         counters, expiring values (each user's session list among them)
 *   {@link InMemoryWaits}          recent queue waits
 *   {@link InMemoryEvents}         this node's subscribers
 * </pre>
 * It keeps the one lock they share, the sweep, and every step that touches more than one part (starting and
 * ending a conversation, presence, giving and moving it, ending a shift, a user's session list), so that
 * each is still one step under the lock, in the order it always ran. The {@link AnyLoop} marks are here,
 * where {@link LoopConfined} reads them.
 */
public final class InMemoryLiveStore implements LiveStore {
    private final Vertx vertx;
    private final Clock clock;
    private final Object lock = new Object();
    private final InMemoryConversations conversations = new InMemoryConversations(lock);
    private final InMemoryTranscripts transcripts;
    private final InMemoryPresence presence = new InMemoryPresence(lock);
    private final InMemoryShifts shifts = new InMemoryShifts(lock);
    private final InMemorySessions sessions;
    private final InMemoryValues values;
    private final InMemoryWaits waits = new InMemoryWaits(lock);
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
        this.transcripts = new InMemoryTranscripts(budget);
        this.sessions = new InMemorySessions(clock);
        this.values = new InMemoryValues(lock, clock);
        this.sweepTimer = vertx.setPeriodic(30_000, id -> sweepExpired());
    }

    // ---------------------------------------------------------------- conversations and the queue

    @Override
    public Future<Integer> enqueue(Conversation c, int queueCap) {
        synchronized (lock) {
            if (conversations.queued() >= queueCap) return Future.failedFuture(new QueueFullException());
            int position = conversations.add(c);
            transcripts.open(c.id());
            conversations.indexToken(c);
            return Future.succeededFuture(position);
        }
    }

    @Override
    @AnyLoop
    public Future<Conversation> conversation(String id) {
        return Future.succeededFuture(transcripts.current(conversations.get(id)));
    }

    @Override
    public Future<String> conversationByTokenHash(String tokenHash) {
        return conversations.conversationByTokenHash(tokenHash);
    }

    @Override
    public Future<String> conversationByContactKey(String contactKey) {
        return conversations.conversationByContactKey(contactKey);
    }

    @Override
    public Future<Boolean> bindContactKey(String conversationId, String contactKey, String refusedBy) {
        synchronized (lock) {
            if (!conversations.isLive(conversationId)) return Future.failedFuture(new NotLiveException(conversationId));
            if (refusedBy != null && values.isSet(refusedBy)) return Future.succeededFuture(false);
            conversations.bindContactKey(contactKey, conversationId);
            return Future.succeededFuture(true);
        }
    }

    @Override
    public Future<List<QueuedConversation>> queue() {
        return conversations.queue();
    }

    @Override
    public Future<Integer> position(String conversationId) {
        return conversations.position(conversationId);
    }

    @Override
    public Future<LiveCounts> counts() {
        return conversations.counts();
    }

    @Override
    public Future<List<Conversation>> liveConversations() {
        synchronized (lock) {
            return Future.succeededFuture(conversations.all().stream().map(transcripts::current).collect(Collectors.toList()));
        }
    }

    @Override
    public Future<List<String>> timedOut(Instant idleBefore, Instant createdBefore) {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            for (Conversation live : conversations.all()) {
                Conversation c = transcripts.current(live);
                if (c.lastActivityAt().isBefore(idleBefore) || c.createdAt().isBefore(createdBefore)) out.add(c.id());
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
            if (!shifts.onShift(advocate)) return Future.succeededFuture(new AssignResult(AssignResult.Outcome.NOT_ON_SHIFT, c));
            if (conversations.held(advocate) >= capacity) return Future.succeededFuture(new AssignResult(AssignResult.Outcome.AT_CAPACITY, c));
            Conversation assigned = c.assignedTo(advocate, advocateName, at);
            conversations.replace(assigned);
            conversations.dequeue(id);
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
            if (!shifts.onShift(to)) return Future.succeededFuture(new AssignResult(AssignResult.Outcome.NOT_ON_SHIFT, c));
            if (conversations.held(to) >= toCapacity) return Future.succeededFuture(new AssignResult(AssignResult.Outcome.AT_CAPACITY, c));
            Conversation moved = new Conversation(c.id(), c.channel(), c.lang(), c.state(), c.createdAt(), c.assignedAt(), at,
                    c.tokenHash(), to, toName, c.preferredUntil(), c.contact(), c.referred());
            conversations.replace(moved);
            return Future.succeededFuture(new AssignResult(AssignResult.Outcome.ASSIGNED, moved));
        }
    }

    @Override
    public Future<List<Conversation>> heldBy(String advocate) {
        return conversations.heldBy(advocate);
    }

    @Override
    public Future<Map<String, Integer>> holdings() {
        return conversations.holdings();
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
        transcripts.close(id);
        presence.forget(id);
        conversations.unindex(c);
        return c;
    }

    // ---------------------------------------------------------------- transcripts

    @Override
    @AnyLoop
    public Future<AppendResult> append(String id, Sender from, String clientId, String text, List<Referral> referrals, Instant at) {
        return transcripts.append(id, from, clientId, text, referrals, at);
    }

    @Override
    @AnyLoop
    public Future<List<ChatMessage>> messagesAfter(String id, long afterSeq) {
        return transcripts.messagesAfter(id, afterSeq);
    }

    // ---------------------------------------------------------------- presence

    @Override
    public Future<Boolean> survivorConnected(String id) {
        synchronized (lock) {
            if (!conversations.isLive(id)) return Future.succeededFuture(false);
            boolean wasAway = presence.connected(id);
            conversations.markAway(id, null);
            return Future.succeededFuture(wasAway);
        }
    }

    @Override
    public Future<Boolean> survivorDisconnected(String id, Instant at) {
        synchronized (lock) {
            if (!conversations.isLive(id)) return Future.succeededFuture(false);
            if (!presence.disconnected(id, at)) return Future.succeededFuture(false);
            conversations.markAway(id, at);
            return Future.succeededFuture(true);
        }
    }

    @Override
    public Future<Instant> awaySince(String id) {
        return presence.awaySince(id);
    }

    @Override
    public Future<List<String>> awayBefore(Instant before) {
        return conversations.awayBefore(before);
    }

    // ---------------------------------------------------------------- shifts

    @Override
    public Future<Void> putShift(Shift shift) {
        return shifts.putShift(shift);
    }

    @Override
    public Future<Boolean> removeShiftIfIdle(String username) {
        synchronized (lock) {
            if (conversations.held(username) > 0) return Future.succeededFuture(false);
            shifts.remove(username);
            return Future.succeededFuture(true);
        }
    }

    @Override
    public Future<List<Shift>> shifts() {
        return shifts.shifts();
    }

    // ---------------------------------------------------------------- staff sessions

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
    public Future<List<String>> userSessions(String username) {
        synchronized (lock) {
            String listed = values.valueAt(InMemorySessions.listKey(username), clock.instant());
            boolean any = listed != null && !listed.isEmpty();
            return Future.succeededFuture(any ? List.of(listed.split(",")) : List.of());
        }
    }

    // ---------------------------------------------------------------- expiring values, waits, events

    @Override
    @AnyLoop
    public Future<Long> increment(String key, Duration window) {
        return values.increment(key, window);
    }

    @Override
    @AnyLoop
    public Future<Void> takeBack(String key) {
        return values.takeBack(key);
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

    // ---------------------------------------------------------------- upkeep and test support

    /** For privacy tests: does any live value contain this text, or any transcript byte, free blocks included, spell it? */
    public boolean containsText(String needle) {
        synchronized (lock) {
            return conversations.containsText(needle) || transcripts.containsText(needle) || values.containsText(needle);
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
        return transcripts.clientIdsIndexed(conversationId);
    }

    /** For tests: how many sessions and counters the store holds, lapsed or not, until a sweep. */
    int sessionsAndCountersHeld() {
        return sessions.held() + values.countersHeld();
    }

    /** For tests: the client ids of trimmed messages a live conversation still remembers. */
    int trimmedIdsRemembered(String conversationId) {
        return transcripts.trimmedIdsRemembered(conversationId);
    }

    /** Drops what has lapsed; every 30 s on its own, and called by tests. */
    void sweepExpired() {
        synchronized (lock) {
            Instant now = clock.instant();
            long nowMillis = now.toEpochMilli();
            // Only an entry seen over, and over for good: a lease or window is never live again once it is not.
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
