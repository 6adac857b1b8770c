package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.config.HubConfig;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.i18n.Languages;
import org.hearthhub.live.AppendResult;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.live.QueueFullException;
import org.hearthhub.model.Channel;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ConversationState;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Referred;
import org.hearthhub.model.Sender;
import org.hearthhub.util.Ids;
import org.hearthhub.util.Settled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a survivor's channel does to their conversation: starting it (web, texted, or referred here), resuming it,
 * being connected or away, their messages within the per-minute rates, typing, and their own end.
 */
final class SurvivorSide {
    private final LiveStore live;
    private final HubConfig config;
    private final Clock clock;
    private final ConversationMeter meter;
    private final ProgramOpening opening;
    private final QueueOutlook queue;
    private final Messages messages;
    private final ConversationEnds ends;

    SurvivorSide(LiveStore live, HubConfig config, Clock clock, ConversationMeter meter, ProgramOpening opening,
                 QueueOutlook queue, Messages messages, ConversationEnds ends) {
        this.live = live;
        this.config = config;
        this.clock = clock;
        this.meter = meter;
        this.opening = opening;
        this.queue = queue;
        this.messages = messages;
        this.ends = ends;
    }

    /**
     * Queues a new web conversation; fails with {@code closed} or {@code queue_full}. How many starts a
     * source or the whole hub may make is the socket's {@link org.hearthhub.guard.StartGuard}'s business.
     */
    Future<ConversationService.Started> startWeb(String lang) {
        return opening.openNow().compose(open -> {
            if (!open) return Future.failedFuture(new Refusal(ErrorCode.CLOSED));
            String token = ResumeTokens.newToken();
            return enqueue(newConversationId(), Channel.WEB, lang, Ids.sha256Hex(token), null, null)
                    .compose(q -> queue.estimateSeconds(q.position())
                            .map(estimate -> new ConversationService.Started(q.conversation(), token, q.position(), estimate)));
        });
    }

    /**
     * Queues a survivor another program referred here with their consent, ahead of the conversations started here
     * (after those referred earlier), carrying {@code carried}: the messages they let travel, or none. Queued
     * within hours or not, staffed or not: the survivor was told before they answered. A web survivor gets a new
     * resume token and counts as away until their widget reconnects here; a texter ({@code contact}) has none.
     *
     * @param id the new conversation's id, from {@link #newConversationId()}: chosen by the caller, so what the
     *           survivor's channel needs beside the chat can be stored before the chat can be seen in the queue
     */
    Future<ConversationService.Started> startReferred(String id, Channel channel, String lang, String contact, Referred referred, List<ChatMessage> carried) {
        String token = channel == Channel.WEB ? ResumeTokens.newToken() : null;
        Instant now = clock.instant();
        return enqueue(id, channel, lang, token == null ? null : Ids.sha256Hex(token), contact, referred).compose(q -> {
            Future<Void> copied = Future.succeededFuture();
            for (ChatMessage m : carried) {
                copied = copied.compose(v -> live.append(q.conversation().id(), m.from(), m.clientId(), m.text(), m.referrals(), m.at())
                        .mapEmpty());
            }
            Future<Void> away = token == null ? Future.succeededFuture()
                    : live.survivorDisconnected(q.conversation().id(), now).mapEmpty();
            return copied.compose(v -> away).compose(v -> queue.estimateSeconds(q.position()))
                    .map(estimate -> new ConversationService.Started(q.conversation(), token, q.position(), estimate));
        });
    }

    /** Queues a conversation for a channel that has no resume token (SMS); {@code contact} is purged at end. */
    Future<ConversationService.Queued> startContact(Channel channel, String lang, String contact) {
        return enqueue(newConversationId(), channel, lang, null, contact, null);
    }

    /** A new conversation's id (random, never reused). */
    static String newConversationId() {
        return Ids.random(16);
    }

    /** The position comes from the enqueue step itself: a surge of starts must not each read the whole queue. */
    private Future<ConversationService.Queued> enqueue(String id, Channel channel, String lang, String tokenHash, String contact, Referred referred) {
        Instant now = clock.instant();
        Conversation c = new Conversation(id, channel, Languages.normalize(lang), ConversationState.QUEUED,
                now, null, now, tokenHash, null, null, now.plusSeconds(config.queue().languageFirstSeconds()), contact, referred);
        return live.enqueue(c, config.queue().maxLength())
                .recover(e -> Future.failedFuture(e instanceof QueueFullException ? new Refusal(ErrorCode.QUEUE_FULL) : e))
                .map(position -> {
                    meter.started(channel);
                    live.publish(new LiveEvent.QueueChanged());
                    return new ConversationService.Queued(c, position);
                });
    }

    /**
     * Finds the conversation of a resume token and what the survivor missed after {@code lastSeq}; refused
     * ({@code rate_limited}) past {@code limits.resumesPerMinute} resumes of the chat this minute, since each one
     * writes the chat's kept messages again.
     */
    Future<ConversationService.Resumed> resume(String token, long lastSeq) {
        if (token == null || token.isBlank()) return Future.failedFuture(new Refusal(ErrorCode.UNKNOWN_TOKEN));
        return live.conversationByTokenHash(Ids.sha256Hex(token))
                .compose(id -> id == null ? Future.succeededFuture(null) : live.conversation(id))
                .compose(c -> {
                    if (c == null) return Future.failedFuture(new Refusal(ErrorCode.UNKNOWN_TOKEN));
                    return withinMinute("rl:resume:", c.id(), config.limits().resumesPerMinute(), () -> resumed(c, lastSeq));
                });
    }

    private Future<ConversationService.Resumed> resumed(Conversation c, long lastSeq) {
        Future<Integer> position = c.isQueued() ? live.position(c.id()) : Future.succeededFuture(0);
        Future<Long> estimate = position.compose(queue::estimateSeconds);
        Future<List<ChatMessage>> missed = live.messagesAfter(c.id(), Math.max(0, lastSeq));
        return Future.all(estimate, missed).map(all -> new ConversationService.Resumed(c, position.result(), estimate.result(), missed.result()));
    }

    /**
     * A survivor connection now shows this conversation (it started, or resumed). If the survivor was away,
     * the advocate holding it is told they are back, and a queued one loses its away mark.
     */
    Future<Void> connected(String conversationId) {
        return live.survivorConnected(conversationId).map(wasAway -> {
            if (wasAway) publishPresence(conversationId, null);
            return null;
        });
    }

    /**
     * A survivor connection of this conversation closed. When it was their last (on any node) they are away:
     * the advocate holding the chat is told, and a queued one is shown as away and leaves the queue
     * {@code queue.awayGraceSeconds} later unless they come back ({@link ConversationTimeouts#sweep}).
     */
    Future<Void> disconnected(String conversationId) {
        Instant now = clock.instant();
        return live.survivorDisconnected(conversationId, now).map(becameAway -> {
            if (becameAway) publishPresence(conversationId, now);
            return null;
        });
    }

    private void publishPresence(String conversationId, Instant awaySince) {
        live.publish(new LiveEvent.SurvivorPresence(conversationId, awaySince));
        live.publish(new LiveEvent.QueueChanged());
    }

    /** When the survivor of this conversation went away, or null while connected. */
    Future<Instant> awaySince(String conversationId) {
        return live.awaySince(conversationId);
    }

    Future<AppendResult> message(String conversationId, String clientId, String text) {
        Refusal invalid = Messages.validateText(text, clientId);
        if (invalid != null) return Future.failedFuture(invalid);
        return withinMinute("rl:msg:", conversationId, config.limits().survivorMessagesPerMinute(),
                () -> messages.append(conversationId, Sender.SURVIVOR, clientId, text));
    }

    /**
     * {@code then}, unless the chat has done this more than {@code perMinute} times this minute (counted under
     * {@code counter} in the live store, so on all nodes together): then {@code rate_limited}.
     */
    private <T> Future<T> withinMinute(String counter, String conversationId, int perMinute, Supplier<Future<T>> then) {
        return Settled.then(live.increment(counter + conversationId, Duration.ofMinutes(1)),
                n -> n > perMinute ? Future.failedFuture(new Refusal(ErrorCode.RATE_LIMITED)) : then.get());
    }

    void typing(String conversationId) {
        live.publish(new LiveEvent.Typing(conversationId, Actor.Party.SURVIVOR));
    }

    Future<Conversation> end(String conversationId, boolean quickExit) {
        return ends.end(conversationId, quickExit ? EndReason.QUICK_EXIT : EndReason.SURVIVOR, Actor.Party.SURVIVOR);
    }

    /**
     * {@link #end} of the chat a resume token names, for a survivor whose socket is down (the widget's beacon): the
     * same reason, purge and events. The ended conversation, or null when the token names no live chat.
     */
    Future<Conversation> endByToken(String token, boolean quickExit) {
        return live.conversationByTokenHash(Ids.sha256Hex(token))
                .compose(id -> id == null ? Future.succeededFuture(null) : end(id, quickExit));
    }
}
