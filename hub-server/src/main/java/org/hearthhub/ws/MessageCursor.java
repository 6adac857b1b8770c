package org.hearthhub.ws;

import io.vertx.core.Future;
import org.hearthhub.model.ChatMessage;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Delivers one conversation's messages to one socket exactly once and in seq order, even when events
 * arrive late, twice or out of order (several nodes publishing): a gap is filled from the store, and a
 * fill that fails (a Redis blip) is tried again, waiting longer each time, until it succeeds, rather than
 * leaving the gap until the next message, or for ever. A live transcript keeps only its newest messages
 * ({@code TranscriptBudget}): a fill that starts beyond the gap jumps over history the store no longer has.
 * Used only on the socket's own event-loop context, so it needs no locking.
 */
final class MessageCursor {
    /** Runs a task after a delay, on the socket's own context. */
    interface Later {
        void after(long millis, Runnable task);
    }

    static final long FIRST_RETRY_MILLIS = 250;
    static final long MAX_RETRY_MILLIS = 5_000;

    private final String conversation;
    private final BiFunction<String, Long, Future<List<ChatMessage>>> fetchAfter;
    private final Consumer<ChatMessage> sink;
    private long lastSeq;
    /**
     * Set as its socket lets the conversation go (ended, transferred away): a fill already under way answers after
     * that, and its messages must not follow the frame that said the chat left. Checked as each message is written,
     * so the socket's own state decides, with no read of the store on a message's path.
     */
    private boolean stopped;
    /** One fill at a time, once more when asked meanwhile, and again after a failure, waiting longer each time. */
    private final RetriedStep filling;

    MessageCursor(String conversation, long lastSeq, BiFunction<String, Long, Future<List<ChatMessage>>> fetchAfter,
                  Consumer<ChatMessage> sink, Later later) {
        this.conversation = conversation;
        this.lastSeq = lastSeq;
        this.fetchAfter = fetchAfter;
        this.sink = sink;
        this.filling = new RetriedStep(this::fill, later, () -> !stopped);
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Nothing more is delivered, and a failed fill is not tried again. */
    void stop() {
        stopped = true;
    }

    void offer(ChatMessage m) {
        if (stopped || m.seq() <= lastSeq) return;
        if (m.seq() == lastSeq + 1) {
            lastSeq = m.seq();
            sink.accept(m);
        } else {
            catchUp();
        }
    }

    void catchUp() {
        filling.run();
    }

    private Future<Void> fill() {
        long asked = lastSeq;
        return fetchAfter.apply(conversation, asked).map(answer -> {
            // The store answers every message it still keeps after the seq asked, contiguously: an answer that
            // starts further on skips history trimmed away, which nobody can be given any more.
            if (!answer.isEmpty() && answer.get(0).seq() > asked + 1) lastSeq = Math.max(lastSeq, answer.get(0).seq() - 1);
            for (ChatMessage m : answer) {
                if (stopped) break;
                if (m.seq() == lastSeq + 1) {
                    lastSeq = m.seq();
                    sink.accept(m);
                }
            }
            return null;
        });
    }
}
