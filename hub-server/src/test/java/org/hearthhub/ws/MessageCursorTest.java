package org.hearthhub.ws;

import io.vertx.core.Future;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Sender;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gap in a socket's messages is filled from the store, and a fill that fails is tried again until it works. */
class MessageCursorTest {
    private static ChatMessage message(long seq) {
        return new ChatMessage(seq, Sender.ADVOCATE, "text " + seq, Instant.parse("2026-12-03T10:00:00Z"), "c" + seq);
    }

    /** Delays asked for, and the tasks waiting on them, run by hand. */
    private static final class ManualLater implements MessageCursor.Later {
        final List<Long> asked = new ArrayList<>();
        final Deque<Runnable> waiting = new ArrayDeque<>();

        @Override
        public void after(long millis, Runnable task) {
            asked.add(millis);
            waiting.add(task);
        }

        void runNext() {
            waiting.removeFirst().run();
        }
    }

    @Test
    void aFailedCatchUpIsRetriedWithGrowingWaitsUntilTheGapIsFilled() {
        List<ChatMessage> store = List.of(message(1), message(2), message(3));
        int[] failuresLeft = {2};
        List<ChatMessage> delivered = new ArrayList<>();
        ManualLater later = new ManualLater();
        MessageCursor cursor = new MessageCursor("conv", 0, (id, after) -> failuresLeft[0]-- > 0
                ? Future.failedFuture(new IllegalStateException("the live Redis blinked"))
                : Future.succeededFuture(store.stream().filter(m -> m.seq() > after).toList()), delivered::add, later);

        cursor.offer(message(3)); // 1 and 2 are missing: the cursor fetches, and the store fails
        assertTrue(delivered.isEmpty());
        assertEquals(List.of(MessageCursor.FIRST_RETRY_MILLIS), later.asked, "a retry is scheduled, not forgotten");

        later.runNext(); // fails again: waits longer
        assertEquals(List.of(250L, 500L), later.asked);
        later.runNext(); // the store answers
        assertEquals(List.of(1L, 2L, 3L), delivered.stream().map(ChatMessage::seq).toList(), "the gap is filled, in order, once");
        assertTrue(later.waiting.isEmpty(), "nothing more is scheduled once it worked");
    }

    @Test
    void theWaitBetweenRetriesIsCapped() {
        ManualLater later = new ManualLater();
        MessageCursor cursor = new MessageCursor("conv", 0, (id, after) -> Future.failedFuture(new IllegalStateException("down")),
                m -> { }, later);
        cursor.catchUp();
        for (int i = 0; i < 10; i++) later.runNext();
        assertEquals(MessageCursor.MAX_RETRY_MILLIS, later.asked.get(later.asked.size() - 1));
    }
}
