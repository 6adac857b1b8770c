package org.hearthhub.live;

import org.hearthhub.model.Channel;
import org.hearthhub.model.QueuedConversation;

import java.time.Instant;

/**
 * A queued conversation as one compact Redis list element, {@code id|channel|lang|createdAt|preferredUntil}
 * (instants in epoch milliseconds, {@code -} for none). Ids are base64url and languages are
 * normalised codes, so none of the parts can contain the separator.
 */
final class QueueEntries {
    private static final String NONE = "-";

    private QueueEntries() {
    }

    static String encode(QueuedConversation q) {
        return q.id() + '|' + q.channel().wire() + '|' + q.lang() + '|' + q.createdAt().toEpochMilli() + '|'
                + (q.preferredUntil() == null ? NONE : String.valueOf(q.preferredUntil().toEpochMilli()));
    }

    static QueuedConversation decode(String entry) {
        String[] part = entry.split("\\|", -1);
        if (part.length != 5) throw new IllegalStateException("unreadable queue entry in the live Redis");
        return new QueuedConversation(part[0], Channel.fromWire(part[1]), part[2],
                Instant.ofEpochMilli(Long.parseLong(part[3])),
                NONE.equals(part[4]) ? null : Instant.ofEpochMilli(Long.parseLong(part[4])));
    }
}
