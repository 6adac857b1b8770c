package org.hearthhub.live;

import org.hearthhub.actor.Actor;
import org.hearthhub.chat.ChatMessage;
import org.hearthhub.chat.EndReason;

/**
 * Something every hub node must hear about, so that whichever node holds a socket can deliver it.
 * Events are transient (pub/sub): they are never written anywhere.
 */
public sealed interface LiveEvent {

    /** The queue or the set of shifts changed: positions, waits and advocate queue views are stale. */
    record QueueChanged() implements LiveEvent {
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

    /** A video room was offered; each side gets its own token. */
    record VideoOffered(String conversation, String advocate, String room, String url,
                        String domain, String survivorJwt, String advocateJwt) implements LiveEvent {
    }

    /** A session was removed (logout, account disabled): sockets of that session close. */
    record SessionEnded(String sessionHash) implements LiveEvent {
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

    /** A message to one conversation's advocate only, e.g. an SMS delivery failure. */
    record AdvocateNotice(String conversation, String advocate, String code, String message) implements LiveEvent {
    }
}
