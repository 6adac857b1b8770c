package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.live.ExpiringValueStore;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;
import org.hearthhub.util.Ids;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Why each chat ended, kept {@link #KEPT} beside its id (nothing else), for a survivor socket that was still reading
 * the chat when it ended, or a socket whose node was not subscribed then, and so never heard the event.
 * <p>
 * The reason is kept before the store's ending step, so that whoever finds the chat gone finds the reason too. Each
 * attempt writes it with a random mark of its own, and only where no other attempt's is: an end that happened, or
 * one under way, is not overwritten by a later attempt that will find the chat gone. The attempt that ends the chat
 * writes its own again (an attempt that was first may be refused); one that ends nothing (refused: not held by this
 * advocate any more, taken from the queue) takes back its own, and only its own, so no reason stays beside a chat that
 * goes on, on one node or across nodes sharing the live store.
 */
final class RecentEnds {
    static final Duration KEPT = Duration.ofMinutes(2);
    /** Between the reason and the attempt's mark in the stored value. */
    private static final char MARK = ' ';

    private final ExpiringValueStore values;

    RecentEnds(ExpiringValueStore values) {
        this.values = values;
    }

    /** Runs the store's ending {@code step} (null: nothing ended) with {@code reason} kept around it as above. */
    Future<Conversation> around(String conversationId, EndReason reason, Supplier<Future<Conversation>> step) {
        String key = key(conversationId);
        String mine = reason.wire() + MARK + Ids.random(9);
        // Best effort: a store that cannot keep the reason will not end the chat either, and says so there.
        return values.putIfAbsent(key, mine, KEPT).otherwiseEmpty()
                .compose(v -> step.get())
                .compose(c -> (c != null ? values.putExpiring(key, mine, KEPT) : values.takeIf(key, mine)).otherwiseEmpty().map(c));
    }

    /** Why the conversation ended, or null when that is not known (never ended, ended long ago, or not yet). */
    Future<EndReason> of(String conversationId) {
        return values.peek(key(conversationId)).map(v -> {
            if (v == null) return null;
            int mark = v.indexOf(MARK);
            return EndReason.fromWire(mark < 0 ? v : v.substring(0, mark));
        });
    }

    private static String key(String conversationId) {
        return "ended:" + conversationId;
    }
}
