package org.hearthhub.live;

import org.hearthhub.model.Channel;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.model.Referred;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import java.time.Instant;

/**
 * A queued conversation as one compact Redis list element, {@code id|channel|lang|createdAt|preferredUntil}
 * (instants in epoch milliseconds, {@code -} for none), and for one that came by a warm referral two parts more,
 * {@code |fromProgram|shared} (the program's name percent-encoded). Ids are base64url and languages are
 * normalised codes, so none of the parts can contain the separator; enqueue.lua tells a referred entry by its
 * six separators.
 */
final class QueueEntries {
    private static final String NONE = "-";

    private QueueEntries() {
    }

    static String encode(QueuedConversation q) {
        return q.id() + '|' + q.channel().wire() + '|' + q.lang() + '|' + q.createdAt().toEpochMilli() + '|'
                + (q.preferredUntil() == null ? NONE : String.valueOf(q.preferredUntil().toEpochMilli()))
                + (q.referred() == null ? "" : '|' + URLEncoder.encode(q.referred().fromProgram(), StandardCharsets.UTF_8)
                        + '|' + q.referred().shared().wire());
    }

    static QueuedConversation decode(String entry) {
        String[] part = entry.split("\\|", -1);
        if (part.length != 5 && part.length != 7) throw new IllegalStateException("unreadable queue entry in the live Redis");
        Referred referred = part.length == 5 ? null
                : new Referred(URLDecoder.decode(part[5], StandardCharsets.UTF_8), Referred.Shared.fromWire(part[6]));
        return new QueuedConversation(part[0], Channel.fromWire(part[1]), part[2],
                Instant.ofEpochMilli(Long.parseLong(part[3])),
                NONE.equals(part[4]) ? null : Instant.ofEpochMilli(Long.parseLong(part[4])), null, referred);
    }
}
