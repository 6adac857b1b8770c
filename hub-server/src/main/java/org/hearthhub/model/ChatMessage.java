package org.hearthhub.model;


import java.time.Instant;
import java.util.List;

/**
 * One message of a live transcript. Lives only in the live store and dies with its conversation.
 * A referral message carries its {@code referrals} as items (the widget makes them links) and, in
 * {@code text}, the same referrals as plain text for SMS and for clients that do not know items.
 */
public record ChatMessage(long seq, Sender from, String text, Instant at, String clientId, List<Referral> referrals) {
    public ChatMessage {
        referrals = referrals == null ? List.of() : List.copyOf(referrals);
    }

    public ChatMessage(long seq, Sender from, String text, Instant at, String clientId) {
        this(seq, from, text, at, clientId, List.of());
    }
}
