package org.hearthhub.live;

import org.hearthhub.actor.Actor;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.EndReason;

/**
 * Something every hub node must hear about, so that whichever node holds a socket can deliver it.
 * Events are transient (pub/sub): they are never written anywhere.
 */
public sealed interface LiveEvent {

    /** The queue or the set of shifts changed: positions, waits and advocate queue views are stale. */
    record QueueChanged() implements LiveEvent {
    }

    /**
     * This node's subscription to the live Redis was re-established (Redis restarted, or Sentinel made a
     * replica the master): events published meanwhile never reached it, so every socket reads again what
     * it shows (messages past its last seq, the queue). Delivered on this node only; never published.
     */
    record MaybeMissed() implements LiveEvent {
    }

    record MessageAdded(String conversation, ChatMessage message) implements LiveEvent {
    }

    record Assigned(String conversation, String advocate, String advocateName) implements LiveEvent {
    }

    /** Moved from one advocate to another. */
    record Transferred(String conversation, String fromAdvocate, String toAdvocate, String toName) implements LiveEvent {
    }

    /** {@code from} is the survivor or the advocate holding the conversation. */
    record Typing(String conversation, Actor from) implements LiveEvent {
    }

    /** @param feedbackTicket only for the survivor side; null when none was issued */
    record Ended(String conversation, EndReason reason, String advocate, String feedbackTicket) implements LiveEvent {
    }

    /** A shift started, ended or changed capacity. */
    record ShiftChanged(String username) implements LiveEvent {
    }

    /**
     * A call was offered in a conversation's room; each side gets its own token.
     *
     * @param media {@code video}, or {@code audio} for a voice call (both sides join with audio only)
     */
    record VideoOffered(String conversation, String advocate, String room, String url,
                        String domain, String survivorJwt, String advocateJwt, String media) implements LiveEvent {
    }

    /** A session was removed (logout, account disabled): sockets of that session close. */
    record SessionEnded(String sessionHash) implements LiveEvent {
    }

    /**
     * A person was taken out of this program (the program's own event channel): their consoles for it close, on
     * every node; their session and their other programs stay.
     */
    record LeftProgram(String username) implements LiveEvent {
    }

    /**
     * The survivor's last connection to a conversation closed ({@code awaySince} set), or one opened again
     * after that ({@code awaySince} null). Only the advocate holding it is told; a queued one is shown as away
     * through {@link QueueChanged}.
     */
    record SurvivorPresence(String conversation, java.time.Instant awaySince) implements LiveEvent {
        public boolean away() {
            return awaySince != null;
        }
    }

    /**
     * An advocate accepted a queued hotline call: their phone is to ring ({@code attempt} names this ring, so
     * that one node places it and a late answer to an earlier ring is refused). The call stays queued until
     * they answer and press 1.
     */
    record CallRinging(String conversation, String advocate, String advocateName, String attempt) implements LiveEvent {
    }

    /** A message to one conversation's advocate only, e.g. an SMS delivery failure. */
    record AdvocateNotice(String conversation, String advocate, String code, String message) implements LiveEvent {
    }

    /**
     * A warm referral's news (offered, declined, expired, moved): each side's frame, written out, or null when that
     * side is not told. The survivor's goes to the conversation's survivor sockets (and texts, for SMS), the
     * advocate's to that advocate's consoles.
     */
    record ReferralNews(String conversation, String advocate, String toSurvivor, String toAdvocate) implements LiveEvent {
    }
}
