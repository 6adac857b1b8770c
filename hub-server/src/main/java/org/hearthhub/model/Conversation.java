package org.hearthhub.model;

import java.time.Instant;

/**
 * A conversation's metadata in the live store. No content: messages are kept beside it and both
 * are removed when it ends.
 *
 * @param tokenHash      SHA-256 (hex) of the survivor's resume token; the token itself is never stored
 * @param advocate       username of the advocate holding it, null while queued
 * @param advocateName   display name shown to the survivor
 * @param preferredUntil until then the conversation is offered only to advocates who speak its language
 * @param contact        channel-specific address (an SMS number), null for web; purged at end
 * @param referred       how it came by a warm referral from another program, null for a conversation started here
 */
public record Conversation(
        String id,
        Channel channel,
        String lang,
        ConversationState state,
        Instant createdAt,
        Instant assignedAt,
        Instant lastActivityAt,
        String tokenHash,
        String advocate,
        String advocateName,
        Instant preferredUntil,
        String contact,
        Referred referred) {

    public Conversation(String id, Channel channel, String lang, ConversationState state, Instant createdAt, Instant assignedAt,
                        Instant lastActivityAt, String tokenHash, String advocate, String advocateName, Instant preferredUntil,
                        String contact) {
        this(id, channel, lang, state, createdAt, assignedAt, lastActivityAt, tokenHash, advocate, advocateName, preferredUntil,
                contact, null);
    }

    public Conversation assignedTo(String username, String displayName, Instant at) {
        return new Conversation(id, channel, lang, ConversationState.ACTIVE, createdAt, at, at, tokenHash,
                username, displayName, preferredUntil, contact, referred);
    }

    public Conversation touched(Instant at) {
        return new Conversation(id, channel, lang, state, createdAt, assignedAt, at, tokenHash,
                advocate, advocateName, preferredUntil, contact, referred);
    }

    public Conversation ended() {
        return new Conversation(id, channel, lang, ConversationState.ENDED, createdAt, assignedAt, lastActivityAt,
                null, advocate, advocateName, preferredUntil, null, referred);
    }

    public boolean isQueued() {
        return state == ConversationState.QUEUED;
    }

    public boolean isActive() {
        return state == ConversationState.ACTIVE;
    }
}
