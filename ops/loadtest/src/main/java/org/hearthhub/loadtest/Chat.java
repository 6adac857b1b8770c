package org.hearthhub.loadtest;

import java.util.BitSet;
import java.util.function.Consumer;

/**
 * One conversation under load: how each end sends, how many messages each end sent, and which of
 * them arrived, so that a loss or a duplicate is seen exactly.
 */
final class Chat {
    final int index;
    /** Sort key that spreads one advocate's chats apart in the send order (the hub limits frames per socket). */
    final long spreadKey;
    private final Consumer<String> fromSurvivor;
    private final Consumer<String> fromAdvocate;
    private int sentToAdvocate;
    private int sentToSurvivor;
    private final BitSet atAdvocate = new BitSet();
    private final BitSet atSurvivor = new BitSet();

    /**
     * @param fromSurvivor sends a message text on the survivor's socket
     * @param fromAdvocate sends a message text on the advocate's socket
     */
    Chat(int index, long spreadKey, Consumer<String> fromSurvivor, Consumer<String> fromAdvocate) {
        this.index = index;
        this.spreadKey = spreadKey;
        this.fromSurvivor = fromSurvivor;
        this.fromAdvocate = fromAdvocate;
    }

    /** Sends the next message in this direction; called only by the pacer's thread. */
    void send(Direction d, int textLength) {
        int n;
        synchronized (this) {
            n = d == Direction.TO_ADVOCATE ? ++sentToAdvocate : ++sentToSurvivor;
        }
        String text = Payload.text(index, n, System.nanoTime(), textLength);
        (d == Direction.TO_ADVOCATE ? fromSurvivor : fromAdvocate).accept(text);
    }

    /** Marks message {@code n} as arrived; false when it had already arrived (a duplicate). */
    synchronized boolean arrived(Direction d, int n) {
        BitSet seen = d == Direction.TO_ADVOCATE ? atAdvocate : atSurvivor;
        if (seen.get(n)) return false;
        seen.set(n);
        return true;
    }

    synchronized int sent(Direction d) {
        return d == Direction.TO_ADVOCATE ? sentToAdvocate : sentToSurvivor;
    }

    /** Sent messages that have not arrived (yet). */
    synchronized int missing(Direction d) {
        BitSet seen = d == Direction.TO_ADVOCATE ? atAdvocate : atSurvivor;
        int sent = d == Direction.TO_ADVOCATE ? sentToAdvocate : sentToSurvivor;
        return sent - seen.get(1, sent + 1).cardinality();
    }

    /** Arrivals numbered beyond what was sent: never expected, counted as errors. */
    synchronized int unexpected(Direction d) {
        BitSet seen = d == Direction.TO_ADVOCATE ? atAdvocate : atSurvivor;
        int sent = d == Direction.TO_ADVOCATE ? sentToAdvocate : sentToSurvivor;
        return seen.get(sent + 1, Math.max(sent + 1, seen.length())).cardinality();
    }
}
