package org.hearthhub.live;

import io.vertx.core.Future;

/**
 * Everything that exists only while conversations are live: conversations, transcripts, the queue,
 * presence, shifts, staff sessions, expiring values, recent waits and cross-node events. Nothing here is
 * ever written to disk.
 *
 * <p>Every method of every part is one atomic step, so that a Redis implementation can do each in one Lua
 * script or MULTI block and several hub nodes never see a half-done change. One implementation keeps every
 * part, so {@code Hub} opens and closes one store; the parts of the hub each depend on the parts they use.
 */
public interface LiveStore extends ConversationStore, TranscriptStore, PresenceStore, ShiftStore, SessionStore,
        ExpiringValueStore, WaitStore, LiveEvents {

    Future<Void> close();
}
