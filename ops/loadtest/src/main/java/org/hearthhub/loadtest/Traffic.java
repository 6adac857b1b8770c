package org.hearthhub.loadtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The chats of one phase and what arrives on them. Chats are registered while the phase sets up;
 * {@link #freeze()} fixes the list before the first message is sent.
 */
final class Traffic {
    private final List<Chat> forming = new ArrayList<>();
    private volatile Chat[] chats = new Chat[0];
    private final java.util.concurrent.CopyOnWriteArrayList<Step> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder strays = new LongAdder();
    private final Timeline timeline;

    Traffic(Timeline timeline) {
        this.timeline = timeline;
    }

    /** Latencies of one rate step. */
    static final class Step {
        final int rate;
        final long startNanos = System.nanoTime();
        final Latency toAdvocate = new Latency();
        final Latency toSurvivor = new Latency();

        Step(int rate) {
            this.rate = rate;
        }

        Latency of(Direction d) {
            return d == Direction.TO_ADVOCATE ? toAdvocate : toSurvivor;
        }
    }

    /** Registers a chat under the next index; {@code make} gets that index. */
    synchronized Chat register(java.util.function.IntFunction<Chat> make) {
        Chat chat = make.apply(forming.size());
        forming.add(chat);
        return chat;
    }

    synchronized int size() {
        return forming.size();
    }

    /** The chats in send order: one advocate's chats spread apart. */
    synchronized List<Chat> freeze() {
        chats = forming.toArray(Chat[]::new);
        List<Chat> order = new ArrayList<>(forming);
        order.sort(Comparator.comparingLong(c -> c.spreadKey));
        return order;
    }

    /** Messages sent from now on count toward this step, whenever they arrive. */
    void begin(Step s) {
        steps.add(s);
    }

    private Step stepAt(long sentNanos) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step s = steps.get(i);
            if (sentNanos - s.startNanos >= 0) return s;
        }
        return null;
    }

    /** A chat message arrived at one end. Texts that are not ours (or not for a known chat) are strays. */
    void arrived(Direction d, String text) {
        long now = System.nanoTime();
        Payload.Parsed p = Payload.parse(text);
        Chat[] all = chats;
        if (p == null || p.chat() < 0 || p.chat() >= all.length) {
            strays.increment();
            return;
        }
        if (!all[p.chat()].arrived(d, p.number())) {
            duplicates.increment();
            return;
        }
        delivered.increment();
        Step s = stepAt(p.sentNanos());
        if (s != null) s.of(d).recordNanos(now - p.sentNanos());
        timeline.record(now, now - p.sentNanos());
    }

    long sent() {
        long n = 0;
        for (Chat c : chats) n += c.sent(Direction.TO_ADVOCATE) + c.sent(Direction.TO_SURVIVOR);
        return n;
    }

    long delivered() {
        return delivered.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    long strays() {
        long unexpected = 0;
        for (Chat c : chats) unexpected += c.unexpected(Direction.TO_ADVOCATE) + c.unexpected(Direction.TO_SURVIVOR);
        return strays.sum() + unexpected;
    }

    long missing() {
        long n = 0;
        for (Chat c : chats) n += c.missing(Direction.TO_ADVOCATE) + c.missing(Direction.TO_SURVIVOR);
        return n;
    }
}
