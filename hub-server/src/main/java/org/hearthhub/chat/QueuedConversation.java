package org.hearthhub.chat;

import java.time.Instant;

/**
 * A place in the queue: what positions, routing and the advocates' queue view need, and nothing
 * else. Reading the queue returns these rather than whole conversations, so that a push to every
 * waiting socket costs one small list, not one record per survivor, when thousands wait.
 */
public record QueuedConversation(String id, Channel channel, String lang, Instant createdAt, Instant preferredUntil) {

    public static QueuedConversation of(Conversation c) {
        return new QueuedConversation(c.id(), c.channel(), c.lang(), c.createdAt(), c.preferredUntil());
    }
}
