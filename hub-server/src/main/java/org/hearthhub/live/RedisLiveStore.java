package org.hearthhub.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.config.HubConfig;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;
import org.hearthhub.model.Shift;
import org.hearthhub.model.StaffSession;
import org.hearthhub.redis.RedisEndpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The live store for several hub nodes: Redis without persistence, shared by every node. Each method
 * is one Redis command or one Lua script, so it is atomic across nodes. This class joins the parts, one
 * per job, and keeps what they share: the connections, the persistence re-check and the upkeep timers.
 * Every key is under the program's prefix {@code hearth:{programId}:}, whose hash tag keeps every script
 * in one cluster slot; each part's comment lists its keys:
 * <pre>
 *   {@link RedisConversations}   conv:ID, conv:ID:contacts, token:HASH, contact:KEY, queue, live, active
 *   {@link RedisTranscripts}     conv:ID:msgs, conv:ID:clients, conv:ID:gone (and fields of conv:ID)
 *   {@link RedisPresence}        away (and a field of conv:ID)
 *   {@link RedisShifts}          shifts
 *   {@link RedisSessions}        session:HASH, value:user-sessions:NAME
 *   {@link RedisValues}          counter:NAME, value:NAME
 *   {@link RedisWaits}           waits
 *   {@link RedisEvents}          events: a pub/sub channel, nothing stored
 * </pre>
 * Every key carries a TTL, so nothing outlives {@code retention.maxConversationHours} even if every
 * node dies; index entries whose conversation expired are dropped by the scripts that read them.
 */
public final class RedisLiveStore implements LiveStore {
    private final Vertx vertx;
    private final RedisEndpoint redis;
    private final RedisEventChannels channels;
    private final long ttlMillis;
    private final TranscriptBudget budget;
    /** The store that opened the connections (and checks the Redis's persistence); null for that store itself. */
    private final RedisLiveStore owner;
    private final LivePersistenceWatch persistence;

    private final RedisConversations conversations;
    private final RedisTranscripts transcripts;
    private final RedisPresence presence;
    private final RedisShifts shifts;
    private final RedisSessions sessions;
    private final RedisValues values;
    private final RedisWaits waits;
    private final RedisEvents events;

    private final long keepAliveTimer;
    private final long persistenceTimer;

    private RedisLiveStore(Vertx vertx, RedisEndpoint redis, RedisEventChannels channels, String programId,
                           Duration maxLifetime, boolean allowPersistence, TranscriptBudget budget, RedisLiveStore owner) {
        this.vertx = vertx;
        this.redis = redis;
        this.channels = channels;
        this.budget = budget;
        this.owner = owner;
        this.persistence = new LivePersistenceWatch(redis);
        String prefix = "hearth:{" + programId + "}:";
        this.ttlMillis = maxLifetime.toMillis();
        String ttl = String.valueOf(ttlMillis);
        // Only the store that opened the connections re-checks on a timer: every program's store refuses on its word.
        this.conversations = new RedisConversations(redis, prefix, ttl, () -> root().persistence.refusing());
        this.transcripts = new RedisTranscripts(redis, prefix, budget);
        this.presence = new RedisPresence(redis, prefix, ttl);
        this.shifts = new RedisShifts(redis, prefix, ttlMillis);
        this.sessions = new RedisSessions(redis, prefix);
        this.values = new RedisValues(redis, prefix);
        this.waits = new RedisWaits(redis, prefix, ttl);
        this.events = new RedisEvents(redis, prefix, vertx.getOrCreateContext());
        this.keepAliveTimer = vertx.setPeriodic(Math.min(60_000, ttlMillis / 4), id -> shifts.keepAlive());
        this.persistenceTimer = allowPersistence || owner != null ? -1
                : vertx.setPeriodic(LivePersistenceCheck.RECHECK.toMillis(), id -> recheckPersistence());
    }

    /** Connects to {@code live.redisUrl}, checks that it does not persist, and subscribes to the program's events. */
    public static Future<RedisLiveStore> connect(Vertx vertx, HubConfig config) {
        return connect(vertx, config.live().redisUrl(), config.programId(),
                Duration.ofHours(config.retention().maxConversationHours()), config.live().allowPersistence(),
                TranscriptBudget.of(config.limits()));
    }

    /** With the default transcript budget. */
    public static Future<RedisLiveStore> connect(Vertx vertx, String url, String programId, Duration maxLifetime,
                                                 boolean allowPersistence) {
        return connect(vertx, url, programId, maxLifetime, allowPersistence, TranscriptBudget.DEFAULT);
    }

    /**
     * @param maxLifetime the hard cap on a conversation's life: the TTL of everything about it
     * @param budget      how much of each live transcript is kept; every program of the hub keeps the same
     */
    public static Future<RedisLiveStore> connect(Vertx vertx, String url, String programId, Duration maxLifetime,
                                                 boolean allowPersistence, TranscriptBudget budget) {
        return RedisEndpoint.connect(vertx, url, "live").compose(redis -> LivePersistenceCheck.verify(redis, allowPersistence)
                .compose(v -> redis.openPubSub())
                .compose(pubsub -> {
                    RedisEventChannels channels = new RedisEventChannels(redis, pubsub);
                    RedisLiveStore store = new RedisLiveStore(vertx, redis, channels, programId, maxLifetime, allowPersistence,
                            budget, null);
                    channels.listenForEveryProgram();
                    return channels.subscribe(store.events).map(store);
                })
                .recover(e -> redis.close().transform(closed -> Future.failedFuture(e))));
    }

    /**
     * The live store of another program of the same hub: the same Redis, connections and persistence check,
     * under that program's prefix and events channel. Closing it leaves the connections to this store.
     */
    public Future<RedisLiveStore> forProgram(String programId) {
        RedisLiveStore store = new RedisLiveStore(vertx, redis, channels, programId, Duration.ofMillis(ttlMillis), true, budget, root());
        return channels.subscribe(store.events).map(store);
    }

    private RedisLiveStore root() {
        return owner != null ? owner : this;
    }

    /** Reads the live Redis's persistence settings again now, as the store's timer does every {@link LivePersistenceCheck#RECHECK} ({@link LivePersistenceWatch}). */
    public Future<Void> recheckPersistence() {
        return persistence.recheck();
    }

    @Override
    public Future<Void> close() {
        vertx.cancelTimer(keepAliveTimer);
        if (persistenceTimer >= 0) vertx.cancelTimer(persistenceTimer);
        if (owner != null) return channels.unsubscribe(events).mapEmpty();
        return redis.close();
    }

    // ---------------------------------------------------------------- conversations and the queue

    @Override
    public boolean refusingNewConversations() {
        return conversations.refusingNewConversations();
    }

    @Override
    public Future<Integer> enqueue(Conversation c, int queueCap) {
        return conversations.enqueue(c, queueCap);
    }

    @Override
    public Future<Conversation> conversation(String id) {
        return conversations.conversation(id);
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
        return conversations.bindContactKey(conversationId, contactKey, refusedBy);
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
        return conversations.liveConversations();
    }

    @Override
    public Future<List<String>> timedOut(Instant idleBefore, Instant createdBefore) {
        return conversations.timedOut(idleBefore, createdBefore);
    }

    @Override
    public Future<AssignResult> assign(String id, String advocate, String advocateName, int capacity, Instant at) {
        return conversations.assign(id, advocate, advocateName, capacity, at);
    }

    @Override
    public Future<AssignResult> transfer(String id, String fromAdvocate, String toAdvocate, String toName, int toCapacity,
                                         Instant at) {
        return conversations.transfer(id, fromAdvocate, toAdvocate, toName, toCapacity, at);
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
        return conversations.end(id, at);
    }

    @Override
    public Future<Conversation> endIfHeldBy(String id, String advocate, Instant at) {
        return conversations.endIfHeldBy(id, advocate, at);
    }

    @Override
    public Future<Conversation> endIfQueuedOrHeldBy(String id, String advocate, Instant at) {
        return conversations.endIfQueuedOrHeldBy(id, advocate, at);
    }

    // ---------------------------------------------------------------- transcripts

    @Override
    public Future<AppendResult> append(String id, Sender from, String clientId, String text, List<Referral> referrals, Instant at) {
        return transcripts.append(id, from, clientId, text, referrals, at);
    }

    @Override
    public Future<List<ChatMessage>> messagesAfter(String id, long afterSeq) {
        return transcripts.messagesAfter(id, afterSeq);
    }

    // ---------------------------------------------------------------- presence

    @Override
    public Future<Boolean> survivorConnected(String id) {
        return presence.survivorConnected(id);
    }

    @Override
    public Future<Boolean> survivorDisconnected(String id, Instant at) {
        return presence.survivorDisconnected(id, at);
    }

    @Override
    public Future<Instant> awaySince(String id) {
        return presence.awaySince(id);
    }

    @Override
    public Future<List<String>> awayBefore(Instant awayBefore) {
        return presence.awayBefore(awayBefore);
    }

    // ---------------------------------------------------------------- shifts

    @Override
    public Future<Void> putShift(Shift shift) {
        return shifts.putShift(shift);
    }

    @Override
    public Future<Boolean> removeShiftIfIdle(String username) {
        return shifts.removeShiftIfIdle(username);
    }

    @Override
    public Future<List<Shift>> shifts() {
        return shifts.shifts();
    }

    // ---------------------------------------------------------------- staff sessions

    @Override
    public Future<Void> putSession(String sessionHash, StaffSession session, Duration idleTtl) {
        return sessions.putSession(sessionHash, session, idleTtl);
    }

    @Override
    public Future<StaffSession> touchSession(String sessionHash, Duration idleTtl) {
        return sessions.touchSession(sessionHash, idleTtl);
    }

    @Override
    public Future<Void> removeSession(String sessionHash) {
        return sessions.removeSession(sessionHash);
    }

    @Override
    public Future<StaffSession> peekSession(String sessionHash) {
        return sessions.peekSession(sessionHash);
    }

    @Override
    public Future<List<String>> indexUserSession(String username, String sessionHash, int keep, Duration ttl) {
        return sessions.indexUserSession(username, sessionHash, keep, ttl);
    }

    @Override
    public Future<List<String>> takeUserSessions(String username) {
        return sessions.takeUserSessions(username);
    }

    @Override
    public Future<List<String>> userSessions(String username) {
        return sessions.userSessions(username);
    }

    // ---------------------------------------------------------------- small ephemeral values

    @Override
    public Future<Long> increment(String key, Duration window) {
        return values.increment(key, window);
    }

    @Override
    public Future<Void> takeBack(String key) {
        return values.takeBack(key);
    }

    @Override
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

    // ---------------------------------------------------------------- recent waits

    @Override
    public Future<Void> recordWait(long seconds) {
        return waits.recordWait(seconds);
    }

    @Override
    public Future<List<Long>> recentWaits() {
        return waits.recentWaits();
    }

    // ---------------------------------------------------------------- events

    @Override
    public void publish(LiveEvent event) {
        events.publish(event);
    }

    @Override
    public void subscribe(Consumer<LiveEvent> subscriber) {
        events.subscribe(subscriber);
    }
}
