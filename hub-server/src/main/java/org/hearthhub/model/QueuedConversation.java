package org.hearthhub.model;

import java.time.Instant;

/**
 * A place in the queue: what positions, routing and the advocates' queue view need, and nothing
 * else. Reading the queue returns these rather than whole conversations, so that a push to every
 * waiting socket costs one small list, not one record per survivor, when thousands wait.
 *
 * @param awaySince when the survivor's last connection closed, or null while one is open: the place is
 *                  kept until {@code queue.awayGraceSeconds} after it, in case they come back
 * @param referred  how it came by a warm referral from another program, or null
 */
public record QueuedConversation(String id, Channel channel, String lang, Instant createdAt, Instant preferredUntil,
                                 Instant awaySince, Referred referred) {

    public QueuedConversation(String id, Channel channel, String lang, Instant createdAt, Instant preferredUntil) {
        this(id, channel, lang, createdAt, preferredUntil, null, null);
    }

    public static QueuedConversation of(Conversation c) {
        return new QueuedConversation(c.id(), c.channel(), c.lang(), c.createdAt(), c.preferredUntil(), null, c.referred());
    }

    public QueuedConversation away(Instant since) {
        return new QueuedConversation(id, channel, lang, createdAt, preferredUntil, since, referred);
    }

    /** Came by a warm referral: it waits ahead of the conversations started here (see ConversationStore#enqueue). */
    public boolean isReferred() {
        return referred != null;
    }

    public boolean isAway() {
        return awaySince != null;
    }
}
