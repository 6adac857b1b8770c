package org.hearthhub.ws;

import io.vertx.core.Future;
import org.hearthhub.chat.ChatMessage;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Delivers one conversation's messages to one socket exactly once and in seq order, even when events
 * arrive late, twice or out of order (several nodes publishing): a gap is filled from the store.
 * Used only on the socket's own event-loop context, so it needs no locking.
 */
final class MessageCursor {
    private final String conversation;
    private final BiFunction<String, Long, Future<List<ChatMessage>>> fetchAfter;
    private final Consumer<ChatMessage> sink;
    private long lastSeq;
    private boolean fetching;
    private boolean fetchAgain;

    MessageCursor(String conversation, long lastSeq, BiFunction<String, Long, Future<List<ChatMessage>>> fetchAfter,
                  Consumer<ChatMessage> sink) {
        this.conversation = conversation;
        this.lastSeq = lastSeq;
        this.fetchAfter = fetchAfter;
        this.sink = sink;
    }

    long lastSeq() {
        return lastSeq;
    }

    void offer(ChatMessage m) {
        if (m.seq() <= lastSeq) return;
        if (m.seq() == lastSeq + 1) {
            lastSeq = m.seq();
            sink.accept(m);
        } else {
            catchUp();
        }
    }

    void catchUp() {
        if (fetching) {
            fetchAgain = true;
            return;
        }
        fetching = true;
        fetchAfter.apply(conversation, lastSeq).onComplete(r -> {
            fetching = false;
            if (r.succeeded()) {
                for (ChatMessage m : r.result()) {
                    if (m.seq() == lastSeq + 1) {
                        lastSeq = m.seq();
                        sink.accept(m);
                    }
                }
            }
            if (fetchAgain) {
                fetchAgain = false;
                catchUp();
            }
        });
    }
}
