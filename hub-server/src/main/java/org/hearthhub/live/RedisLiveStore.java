package org.hearthhub.live;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hearthhub.model.StaffSession;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.model.Sender;
import org.hearthhub.model.Shift;
import org.hearthhub.config.HubConfig;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.RedisUnavailableException;
import org.hearthhub.redis.ReplicaConfirmation;
import org.hearthhub.model.Referral;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

import static org.hearthhub.live.RedisArgs.millis;

/**
 * The live store for several hub nodes: Redis without persistence, shared by every node. Each method
 * is one Redis command or one Lua script, so it is atomic across nodes. Keys, all under the program's
 * hash tag (so every script stays in one cluster slot), with {@code p = hearth:{programId}:}:
 * <pre>
 *   p conv:ID            hash    conversation metadata (ConversationFields), and  TTL: max conversation life, never extended
 *                                its queue entry (queueEntry) while queued; the
 *                                transcript's trimmed count and kept text length
 *                                (trimmed, chars)
 *   p conv:ID:msgs       list    the transcript's kept tail (TranscriptBudget),   same deadline as its conversation
 *                                message JSON; seq = trimmed + index + 1
 *   p conv:ID:clients    hash    "sender:clientId" → seq of kept messages, for    same deadline
 *                                idempotent resends
 *   p conv:ID:gone       zset    "sender:clientId" of the last trimmed messages,  same deadline
 *                                scored by seq (TRIMMED_IDS_REMEMBERED of them)
 *   p conv:ID:contacts   set     contact keys bound to it                         same deadline
 *   p token:HASH         string  resume-token hash → id                           same deadline
 *   p contact:KEY        string  contact key → id                                 same deadline
 *   p queue              list    queued places, oldest first (QueueEntries)       re-armed to the max life on each write
 *   p live               set     every live id                                    re-armed on each write
 *   p active             hash    active id → advocate (capacity checks)           re-armed on each write
 *   p away               hash    id → epoch ms its survivor's last connection     re-armed on each write
 *                                closed (open connections: field sockets of conv:ID)
 *   p shifts             hash    username → shift JSON                            max life, kept alive by running nodes
 *   p session:HASH       string  staff session JSON                               idle timeout, sliding
 *   p counter:NAME       string  counter                                          its window
 *   p value:NAME         string  one-time or short-lived value                    its TTL
 *   p waits              list    last queue waits (seconds)                       max life
 *   p events             pub/sub channel of JSON LiveEvents (RedisEvents); nothing stored
 * </pre>
 * Every key carries a TTL, so nothing outlives {@code retention.maxConversationHours} even if every
 * node dies; index entries whose conversation expired are dropped by the scripts that read them.
 */
public final class RedisLiveStore implements LiveStore {
    private static final Logger LOG = Logger.getLogger(RedisLiveStore.class.getName());

    private static final LuaScript ENQUEUE = LuaScript.load("live/enqueue.lua");
    private static final LuaScript BIND_CONTACT = LuaScript.load("live/bind_contact.lua");
    private static final LuaScript POSITION = LuaScript.load("live/position.lua");
    private static final LuaScript HELD_BY = LuaScript.load("live/held_by.lua");
    private static final LuaScript LIVE_CONVERSATIONS = LuaScript.load("live/live_conversations.lua");
    private static final LuaScript TIMED_OUT = LuaScript.load("live/timed_out.lua");
    private static final LuaScript ASSIGN = LuaScript.load("live/assign.lua");
    private static final LuaScript TRANSFER = LuaScript.load("live/transfer.lua");
    private static final LuaScript HOLDINGS = LuaScript.load("live/holdings.lua");
    private static final LuaScript APPEND = LuaScript.load("live/append.lua");
    private static final LuaScript MESSAGES_AFTER = LuaScript.load("live/messages_after.lua");
    private static final LuaScript END = LuaScript.load("live/end.lua");
    private static final LuaScript QUEUE = LuaScript.load("live/queue.lua");
    /** Past any seq a conversation can reach, and still exact as a Lua number. */
    private static final long MAX_SEQ = 1L << 50;

    private final RedisEndpoint redis;
    /** An acknowledged message survives a failover: see {@link ReplicaConfirmation}. */
    private final ReplicaConfirmation replicas;
    private final RedisEventChannels channels;
    private final Vertx vertx;
    private final String prefix;
    private final String ttl;
    private final long ttlMillis;
    private final TranscriptBudget budget;
    private final RedisPresence presence;
    private final RedisShifts shifts;
    private final RedisSessions sessions;
    private final RedisValues values;
    private final RedisWaits waits;
    private final RedisEvents events;
    private final long keepAliveTimer;
    private final long persistenceTimer;
    /** Why new conversations are refused: the live Redis was found writing to disk; null while all is well. */
    private volatile String persistenceProblem;
    /** The store that opened the connections (and checks the Redis's persistence); null for that store itself. */
    private final RedisLiveStore owner;

    private RedisLiveStore(Vertx vertx, RedisEndpoint redis, RedisEventChannels channels,
                           String programId, Duration maxLifetime, boolean allowPersistence, TranscriptBudget budget,
                           RedisLiveStore owner) {
        this.vertx = vertx;
        this.budget = budget;
        this.redis = redis;
        this.replicas = new ReplicaConfirmation(redis);
        this.channels = channels;
        this.owner = owner;
        this.prefix = "hearth:{" + programId + "}:";
        this.ttlMillis = maxLifetime.toMillis();
        this.ttl = String.valueOf(ttlMillis);
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

    // ---------------------------------------------------------------- conversations and the queue

    /**
     * Reads the live Redis's persistence settings again. Switched on since start (a {@code CONFIG SET}, a
     * restart with another config), new conversations are refused until it is off again: live ones go on,
     * since ending them would not take back what is already on that disk. Logged once per change.
     */
    public Future<Void> recheckPersistence() {
        return LivePersistenceCheck.read(redis).map(problem -> {
            String now = problem.orElse(null);
            String before = persistenceProblem;
            persistenceProblem = now;
            if (now != null && before == null) {
                LOG.severe("the live Redis at " + redis.address() + " " + now + ", so transcripts would reach its disk; "
                        + "new conversations are refused until it stops: " + LivePersistenceCheck.FIX);
            } else if (now == null && before != null) {
                LOG.warning("the live Redis at " + redis.address() + " no longer writes to disk; new conversations are accepted again");
            }
            return (Void) null;
        }).onFailure(e -> LOG.fine("persistence re-check skipped: the live Redis did not answer"));
    }

    @Override
    public boolean refusingNewConversations() {
        return (owner != null ? owner : this).persistenceProblem != null;
    }

    @Override
    public Future<Integer> enqueue(Conversation c, int queueCap) {
        if (refusingNewConversations()) {
            return Future.failedFuture(new RedisUnavailableException("the live Redis writes to disk; new conversations are refused", null));
        }
        List<String> args = new ArrayList<>(List.of(prefix, c.id(), String.valueOf(queueCap), ttl,
                c.tokenHash() == null ? "" : c.tokenHash(), QueueEntries.encode(QueuedConversation.of(c))));
        args.addAll(ConversationFields.flatten(c));
        return ENQUEUE.<Long>run(redis, ScriptOutputType.INTEGER, args.toArray(String[]::new))
                .compose(position -> position > 0 ? Future.succeededFuture(position.intValue())
                        : Future.failedFuture(new QueueFullException()));
    }

    @Override
    public Future<Conversation> conversation(String id) {
        return redis.call(r -> r.hgetall(conversationKey(id))).map(ConversationFields::fromMap);
    }

    @Override
    public Future<String> conversationByTokenHash(String tokenHash) {
        return redis.call(r -> r.get(prefix + "token:" + tokenHash));
    }

    @Override
    public Future<String> conversationByContactKey(String contactKey) {
        return redis.call(r -> r.get(prefix + "contact:" + contactKey));
    }

    @Override
    public Future<Boolean> bindContactKey(String conversationId, String contactKey, String refusedBy) {
        return BIND_CONTACT.<Long>run(redis, ScriptOutputType.INTEGER, prefix, conversationId, contactKey,
                        refusedBy == null ? "" : prefix + "value:" + refusedBy)
                .compose(bound -> bound == 0L ? Future.failedFuture(new NotLiveException(conversationId)) : Future.succeededFuture(bound == 1L));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Future<List<QueuedConversation>> queue() {
        return QUEUE.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix).map(reply -> {
            List<Object> entries = (List<Object>) reply.get(0);
            List<Object> marks = (List<Object>) reply.get(1);
            Map<String, Instant> away = new HashMap<>();
            for (int i = 0; i + 1 < marks.size(); i += 2) {
                away.put((String) marks.get(i), Instant.ofEpochMilli(Long.parseLong((String) marks.get(i + 1))));
            }
            List<QueuedConversation> out = new ArrayList<>(entries.size());
            for (Object e : entries) {
                QueuedConversation q = QueueEntries.decode((String) e);
                out.add(away.isEmpty() ? q : q.away(away.get(q.id())));
            }
            return out;
        });
    }

    @Override
    public Future<Integer> position(String conversationId) {
        return POSITION.<Long>run(redis, ScriptOutputType.INTEGER, prefix, conversationId).map(Long::intValue);
    }

    @Override
    public Future<LiveCounts> counts() {
        Future<Long> queued = redis.call(r -> r.llen(prefix + "queue"));
        Future<Long> live = redis.call(r -> r.scard(prefix + "live"));
        return Future.all(queued, live).map(all -> new LiveCounts(queued.result().intValue(), live.result().intValue()));
    }

    @Override
    public Future<List<Conversation>> liveConversations() {
        return LIVE_CONVERSATIONS.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix).map(RedisLiveStore::conversations);
    }

    @Override
    public Future<List<String>> timedOut(Instant idleBefore, Instant createdBefore) {
        return TIMED_OUT.<List<String>>run(redis, ScriptOutputType.MULTI, prefix, millis(idleBefore), millis(createdBefore));
    }

    @Override
    public Future<AssignResult> assign(String id, String advocate, String advocateName, int capacity, Instant at) {
        return ASSIGN.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix, id, advocate, advocateName,
                String.valueOf(capacity), at.toString(), ttl, millis(at)).map(RedisLiveStore::assignResult);
    }

    @Override
    public Future<AssignResult> transfer(String id, String fromAdvocate, String toAdvocate, String toName, int toCapacity,
                                         Instant at) {
        return TRANSFER.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix, id, fromAdvocate, toAdvocate, toName,
                String.valueOf(toCapacity), at.toString(), millis(at)).map(RedisLiveStore::assignResult);
    }

    @Override
    public Future<List<Conversation>> heldBy(String advocate) {
        return HELD_BY.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix, advocate).map(RedisLiveStore::conversations);
    }

    @Override
    public Future<Map<String, Integer>> holdings() {
        return HOLDINGS.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix).map(flat -> {
            Map<String, Integer> out = new HashMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) out.put((String) flat.get(i), ((Long) flat.get(i + 1)).intValue());
            return out;
        });
    }

    @Override
    public Future<AppendResult> append(String id, Sender from, String clientId, String text, List<Referral> referrals, Instant at) {
        String clientKey = clientId == null ? "" : from.wire() + ":" + clientId;
        ChatMessage draft = new ChatMessage(0, from, text, at, clientId, referrals);
        String message = LiveEventCodec.message(draft).encode();
        return APPEND.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix, id, clientKey, message, at.toString(), millis(at),
                        String.valueOf(budget.messages()), String.valueOf(budget.chars()),
                        String.valueOf(TranscriptBudget.TRIMMED_IDS_REMEMBERED), String.valueOf(TranscriptBudget.size(text)))
                .compose(replicas::confirm)
                .compose(reply -> switch ((String) reply.get(0)) {
                    case "OK" -> Future.succeededFuture(new AppendResult(new ChatMessage((Long) reply.get(1), from, text, at, clientId, referrals), false));
                    case "DUP" -> Future.succeededFuture(new AppendResult(
                            LiveEventCodec.message(new JsonObject((String) reply.get(2)), (Long) reply.get(1)), true));
                    // Trimmed since: its words are gone, the resend carries the same ones, and only the seq is answered.
                    case "GONE" -> Future.succeededFuture(new AppendResult(
                            new ChatMessage((Long) reply.get(1), from, text, at, clientId, referrals), true));
                    default -> Future.failedFuture(new NotLiveException(id));
                });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Future<List<ChatMessage>> messagesAfter(String id, long afterSeq) {
        String after = String.valueOf(Math.min(Math.max(0, afterSeq), MAX_SEQ));
        return MESSAGES_AFTER.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix, id, after).map(reply -> {
            long first = (Long) reply.get(0);
            List<Object> list = (List<Object>) reply.get(1);
            List<ChatMessage> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) out.add(LiveEventCodec.message(new JsonObject((String) list.get(i)), first + i));
            return out;
        });
    }

    @Override
    public Future<Conversation> end(String id, Instant at) {
        return END.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix, id).map(ConversationFields::fromFlat);
    }

    @Override
    public Future<Conversation> endIfHeldBy(String id, String advocate, Instant at) {
        return END.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix, id, advocate).map(ConversationFields::fromFlat);
    }

    @Override
    public Future<Conversation> endIfQueuedOrHeldBy(String id, String advocate, Instant at) {
        return END.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix, id, advocate, "orQueued").map(ConversationFields::fromFlat);
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

    // ---------------------------------------------------------------- small ephemeral values

    @Override
    public Future<Long> increment(String key, Duration window) {
        return values.increment(key, window);
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

    @Override
    public Future<Void> close() {
        vertx.cancelTimer(keepAliveTimer);
        if (persistenceTimer >= 0) vertx.cancelTimer(persistenceTimer);
        if (owner != null) return channels.unsubscribe(events).mapEmpty();
        return redis.close();
    }

    // ---------------------------------------------------------------- plumbing

    private String conversationKey(String id) {
        return prefix + "conv:" + id;
    }

    @SuppressWarnings("unchecked")
    private static List<Conversation> conversations(List<Object> flats) {
        List<Conversation> out = new ArrayList<>(flats.size());
        for (Object flat : flats) out.add(ConversationFields.fromFlat((List<Object>) flat));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static AssignResult assignResult(List<Object> reply) {
        AssignResult.Outcome outcome = AssignResult.Outcome.valueOf((String) reply.get(0));
        Conversation c = reply.size() > 1 ? ConversationFields.fromFlat((List<Object>) reply.get(1)) : null;
        return new AssignResult(outcome, c);
    }

}
