package org.hearthhub.live;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/** Whether a live conversation's survivor is connected, counted over every node's sockets. */
public interface PresenceStore {

    /**
     * A survivor connection now shows this conversation (after a start or a resume): it is counted, and an
     * away mark is cleared. Answers true when the conversation was marked away (so its advocate can be told
     * the survivor is back); false otherwise, also when it is not live.
     */
    Future<Boolean> survivorConnected(String conversationId);

    /**
     * A survivor connection of this conversation closed. When it was the last one counted (on any node), the
     * conversation is marked away since {@code at}, and true is answered; false otherwise (another connection
     * is still open, it was already away, or it is not live). A queued conversation keeps its place while away.
     */
    Future<Boolean> survivorDisconnected(String conversationId, Instant at);

    /** When the survivor of this live conversation went away, or null while connected (or not live). */
    Future<Instant> awaySince(String conversationId);

    /** Ids of queued conversations marked away since before {@code awayBefore}: what the sweep ends as away. */
    Future<List<String>> awayBefore(Instant awayBefore);
}
