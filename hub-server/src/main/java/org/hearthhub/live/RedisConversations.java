package org.hearthhub.live;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.RedisUnavailableException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.hearthhub.live.RedisArgs.millis;

/**
 * A program's live conversations and its queue on the live Redis. Keys, under the program's prefix {@code p}:
 * <pre>
 *   p conv:ID            hash    conversation metadata (ConversationFields), and  TTL: max conversation life, never extended
 *                                its queue entry (queueEntry) while queued
 *   p conv:ID:contacts   set     contact keys bound to it                         same deadline
 *   p token:HASH         string  resume-token hash → id                           same deadline
 *   p contact:KEY        string  contact key → id                                 same deadline
 *   p queue              list    queued places, oldest first (QueueEntries)       re-armed to the max life on each write
 *   p live               set     every live id                                    re-armed on each write
 *   p active             hash    active id → advocate (capacity checks)           re-armed on each write
 * </pre>
 * Ending a conversation (end.lua) also removes its transcript ({@link RedisTranscripts}) and presence
 * ({@link RedisPresence}) keys, in the same step.
 */
final class RedisConversations implements ConversationStore {
    private static final LuaScript ENQUEUE = LuaScript.load("live/enqueue.lua");
    private static final LuaScript BIND_CONTACT = LuaScript.load("live/bind_contact.lua");
    private static final LuaScript POSITION = LuaScript.load("live/position.lua");
    private static final LuaScript HELD_BY = LuaScript.load("live/held_by.lua");
    private static final LuaScript LIVE_CONVERSATIONS = LuaScript.load("live/live_conversations.lua");
    private static final LuaScript TIMED_OUT = LuaScript.load("live/timed_out.lua");
    private static final LuaScript ASSIGN = LuaScript.load("live/assign.lua");
    private static final LuaScript TRANSFER = LuaScript.load("live/transfer.lua");
    private static final LuaScript HOLDINGS = LuaScript.load("live/holdings.lua");
    private static final LuaScript END = LuaScript.load("live/end.lua");
    private static final LuaScript QUEUE = LuaScript.load("live/queue.lua");

    private final RedisEndpoint redis;
    private final String prefix;
    private final String ttl;
    /** The hub's persistence watch: a live Redis found writing to disk takes no new conversations. */
    private final BooleanSupplier refusing;

    RedisConversations(RedisEndpoint redis, String prefix, String ttl, BooleanSupplier refusing) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
        this.refusing = refusing;
    }

    @Override
    public boolean refusingNewConversations() {
        return refusing.getAsBoolean();
    }

    @Override
    public Future<Integer> enqueue(Conversation c, int queueCap) {
        if (refusingNewConversations()) {
            return Future.failedFuture(new RedisUnavailableException("the live Redis writes to disk; new conversations are refused", null));
        }
        List<String> args = new ArrayList<>(List.of(prefix, c.id(), String.valueOf(queueCap), ttl,
                QueueEntries.encode(QueuedConversation.of(c))));
        args.addAll(ConversationFields.flatten(c));
        List<String> keys = new ArrayList<>(List.of(key("queue"), conv(c.id()), key("live")));
        if (c.tokenHash() != null) keys.add(key("token:" + c.tokenHash()));
        return ENQUEUE.<Long>run(redis, ScriptOutputType.INTEGER, keys, args.toArray(String[]::new))
                .compose(position -> position > 0 ? Future.succeededFuture(position.intValue())
                        : Future.failedFuture(new QueueFullException()));
    }

    @Override
    public Future<Conversation> conversation(String id) {
        return redis.call(r -> r.hgetall(prefix + "conv:" + id)).map(ConversationFields::fromMap);
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
        return BIND_CONTACT.<Long>run(redis, ScriptOutputType.INTEGER, refusedBy == null
                        ? List.of(conv(conversationId), conv(conversationId) + ":contacts", key("contact:" + contactKey))
                        : List.of(conv(conversationId), conv(conversationId) + ":contacts", key("contact:" + contactKey), key("value:" + refusedBy)),
                        conversationId, contactKey)
                .compose(bound -> bound == 0L ? Future.failedFuture(new NotLiveException(conversationId)) : Future.succeededFuture(bound == 1L));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Future<List<QueuedConversation>> queue() {
        return QUEUE.<List<Object>>run(redis, ScriptOutputType.MULTI, List.of(key("queue"), key("away"))).map(reply -> {
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
        return POSITION.<Long>run(redis, ScriptOutputType.INTEGER, List.of(conv(conversationId), key("queue"))).map(Long::intValue);
    }

    @Override
    public Future<LiveCounts> counts() {
        Future<Long> queued = redis.call(r -> r.llen(prefix + "queue"));
        Future<Long> live = redis.call(r -> r.scard(prefix + "live"));
        return Future.all(queued, live).map(all -> new LiveCounts(queued.result().intValue(), live.result().intValue()));
    }

    @Override
    public Future<List<Conversation>> liveConversations() {
        return LIVE_CONVERSATIONS.<List<Object>>run(redis, ScriptOutputType.MULTI, List.of(key("live"), key("active")), prefix).map(RedisConversations::conversations);
    }

    @Override
    public Future<List<String>> timedOut(Instant idleBefore, Instant createdBefore) {
        return TIMED_OUT.<List<String>>run(redis, ScriptOutputType.MULTI, List.of(key("live"), key("active"), key("queue")), prefix, millis(idleBefore), millis(createdBefore));
    }

    @Override
    public Future<AssignResult> assign(String id, String advocate, String advocateName, int capacity, Instant at) {
        return ASSIGN.<List<Object>>run(redis, ScriptOutputType.MULTI, List.of(conv(id), key("active"), key("shifts"), key("queue")), prefix, id, advocate, advocateName,
                String.valueOf(capacity), at.toString(), ttl, millis(at)).map(RedisConversations::assignResult);
    }

    @Override
    public Future<AssignResult> transfer(String id, String fromAdvocate, String toAdvocate, String toName, int toCapacity,
                                         Instant at) {
        return TRANSFER.<List<Object>>run(redis, ScriptOutputType.MULTI, List.of(conv(id), key("active"), key("shifts")), prefix, id, fromAdvocate, toAdvocate, toName,
                String.valueOf(toCapacity), at.toString(), millis(at)).map(RedisConversations::assignResult);
    }

    @Override
    public Future<List<Conversation>> heldBy(String advocate) {
        return HELD_BY.<List<Object>>run(redis, ScriptOutputType.MULTI, List.of(key("active")), prefix, advocate).map(RedisConversations::conversations);
    }

    @Override
    public Future<Map<String, Integer>> holdings() {
        return HOLDINGS.<List<Object>>run(redis, ScriptOutputType.MULTI, List.of(key("active")), prefix).map(flat -> {
            Map<String, Integer> out = new HashMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) out.put((String) flat.get(i), ((Long) flat.get(i + 1)).intValue());
            return out;
        });
    }

    @Override
    public Future<Conversation> end(String id, Instant at) {
        return END.<List<Object>>run(redis, ScriptOutputType.MULTI, endKeys(id), prefix, id).map(ConversationFields::fromFlat);
    }

    @Override
    public Future<Conversation> endIfHeldBy(String id, String advocate, Instant at) {
        return END.<List<Object>>run(redis, ScriptOutputType.MULTI, endKeys(id), prefix, id, advocate).map(ConversationFields::fromFlat);
    }

    @Override
    public Future<Conversation> endIfQueuedOrHeldBy(String id, String advocate, Instant at) {
        return END.<List<Object>>run(redis, ScriptOutputType.MULTI, endKeys(id), prefix, id, advocate, "orQueued").map(ConversationFields::fromFlat);
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

    /** A key of this program: {@code prefix + name}. */
    private String key(String name) {
        return prefix + name;
    }

    /** The conversation's hash; its transcript's keys are this name and a suffix. */
    private String conv(String id) {
        return prefix + "conv:" + id;
    }

    /** Every key end.lua names ahead: the conversation's, then the indexes it leaves. */
    private List<String> endKeys(String id) {
        String conv = conv(id);
        return List.of(conv, conv + ":msgs", conv + ":clients", conv + ":gone", conv + ":contacts",
                key("queue"), key("live"), key("active"), key("away"));
    }
}
