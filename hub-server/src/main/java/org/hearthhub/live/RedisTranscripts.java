package org.hearthhub.live;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.ReplicaConfirmation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.hearthhub.live.RedisArgs.millis;

/**
 * The transcripts of a program's live conversations on the live Redis, each its newest messages within the
 * {@link TranscriptBudget}. Keys, under the program's prefix {@code p}, all with the deadline of their conversation:
 * <pre>
 *   p conv:ID            hash    (fields trimmed, chars) the transcript's trimmed count and kept text length
 *   p conv:ID:msgs       list    the transcript's kept tail, message JSON; seq = trimmed + index + 1
 *   p conv:ID:clients    hash    "sender:clientId" → seq of kept messages, for idempotent resends
 *   p conv:ID:gone       zset    "sender:clientId" of the last trimmed messages, scored by seq
 *                                (TRIMMED_IDS_REMEMBERED of them)
 * </pre>
 */
final class RedisTranscripts implements TranscriptStore {
    private static final LuaScript APPEND = LuaScript.load("live/append.lua");
    private static final LuaScript MESSAGES_AFTER = LuaScript.load("live/messages_after.lua");
    /** Past any seq a conversation can reach, and still exact as a Lua number. */
    private static final long MAX_SEQ = 1L << 50;

    private final RedisEndpoint redis;
    /** An acknowledged message survives a failover: see {@link ReplicaConfirmation}. */
    private final ReplicaConfirmation replicas;
    private final String prefix;
    private final TranscriptBudget budget;

    RedisTranscripts(RedisEndpoint redis, String prefix, TranscriptBudget budget) {
        this.redis = redis;
        this.replicas = new ReplicaConfirmation(redis);
        this.prefix = prefix;
        this.budget = budget;
    }

    @Override
    public Future<AppendResult> append(String id, Sender from, String clientId, String text, List<Referral> referrals, Instant at) {
        String clientKey = clientId == null ? "" : from.wire() + ":" + clientId;
        ChatMessage draft = new ChatMessage(0, from, text, at, clientId, referrals);
        String message = LiveEventCodec.message(draft).encode();
        return APPEND.<List<Object>>run(redis, ScriptOutputType.MULTI, List.of(conv(id), conv(id) + ":msgs", conv(id) + ":clients", conv(id) + ":gone"),
                        clientKey, message, at.toString(), millis(at),
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
        return MESSAGES_AFTER.<List<Object>>run(redis, ScriptOutputType.MULTI, List.of(conv(id), conv(id) + ":msgs"), after).map(reply -> {
            long first = (Long) reply.get(0);
            List<Object> list = (List<Object>) reply.get(1);
            List<ChatMessage> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) out.add(LiveEventCodec.message(new JsonObject((String) list.get(i)), first + i));
            return out;
        });
    }

    /** The conversation's hash; its transcript's keys are this name and a suffix. */
    private String conv(String id) {
        return prefix + "conv:" + id;
    }
}
