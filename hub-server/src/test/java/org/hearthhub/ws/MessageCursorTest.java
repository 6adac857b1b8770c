package org.hearthhub.ws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Sender;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gap in a socket's messages is filled from the store, and a fill that fails is tried again until it works;
 * a fill that starts beyond the gap (older messages trimmed) jumps to the kept tail.
 */
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

    /** The store keeps only seqs {@code first..last}, and answers every one of them after the seq asked. */
    private static Future<List<ChatMessage>> keptTail(long first, long last, long after) {
        List<ChatMessage> out = new ArrayList<>();
        for (long seq = Math.max(first, after + 1); seq <= last; seq++) out.add(message(seq));
        return Future.succeededFuture(out);
    }

    private static List<Long> seqs(List<ChatMessage> delivered) {
        return delivered.stream().map(ChatMessage::seq).toList();
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    @Test
    void aCatchUpAcrossTrimmedHistoryDeliversTheKeptTailInOrderOnce() {
        List<ChatMessage> delivered = new ArrayList<>();
        MessageCursor cursor = new MessageCursor("conv", 3, (id, after) -> keptTail(41, 50, after), delivered::add, new ManualLater());

        cursor.catchUp(); // resumed at 3; 4..40 were trimmed since
        assertEquals(range(41, 50), seqs(delivered), "the gap is history the store no longer has: jumped over");
        assertEquals(50, cursor.lastSeq());
        cursor.offer(message(45));
        cursor.offer(message(50));
        cursor.offer(message(51));
        cursor.catchUp();
        assertEquals(range(41, 51), seqs(delivered), "nothing twice, nothing out of order");
    }

    @Test
    void anEventBeyondTrimmedHistoryFetchesAndDeliversTheKeptTail() {
        List<ChatMessage> delivered = new ArrayList<>();
        MessageCursor cursor = new MessageCursor("conv", 0, (id, after) -> keptTail(951, 1000, after), delivered::add, new ManualLater());
        cursor.offer(message(1000)); // a console that opened at 0 hears of seq 1000 of a long chat
        assertEquals(range(951, 1000), seqs(delivered));
        cursor.offer(message(1000));
        assertEquals(range(951, 1000), seqs(delivered));
    }

    @Test
    void eventsDeliveredWhileATrimmedFillIsUnderWayAreNotDeliveredAgain() {
        List<ChatMessage> delivered = new ArrayList<>();
        List<Promise<List<ChatMessage>>> fills = new ArrayList<>();
        MessageCursor cursor = new MessageCursor("conv", 5, (id, after) -> {
            Promise<List<ChatMessage>> p = Promise.promise();
            fills.add(p);
            return p.future();
        }, delivered::add, new ManualLater());

        cursor.offer(message(8)); // 6 and 7 missing: a fill asks for what follows 5
        assertEquals(1, fills.size());
        cursor.offer(message(6)); // late events arrive while the fill is under way
        assertEquals(List.of(6L), seqs(delivered));
        // By the time the store answered, everything up to 9 was trimmed: it starts at 10.
        fills.get(0).complete(List.of(message(10), message(11), message(12)));
        cursor.offer(message(7));
        cursor.offer(message(11));
        cursor.offer(message(13));
        assertEquals(List.of(6L, 10L, 11L, 12L, 13L), seqs(delivered), "in order, each once");
    }

    @Test
    void aFillThatStartsRightAfterTheSeqAskedDoesNotJump() {
        List<ChatMessage> delivered = new ArrayList<>();
        List<Promise<List<ChatMessage>>> fills = new ArrayList<>();
        MessageCursor cursor = new MessageCursor("conv", 0, (id, after) -> {
            Promise<List<ChatMessage>> p = Promise.promise();
            fills.add(p);
            return p.future();
        }, delivered::add, new ManualLater());

        cursor.offer(message(3)); // several nodes: 3 overtook 1 and 2
        fills.get(0).complete(List.of(message(1), message(2), message(3)));
        assertEquals(List.of(1L, 2L, 3L), seqs(delivered));
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
