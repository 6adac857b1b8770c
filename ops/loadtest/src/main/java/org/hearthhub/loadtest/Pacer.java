package org.hearthhub.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * Offers messages at a fixed rate, open loop: sends are due by the clock, not by replies, so a slow
 * hub cannot slow the generator down and hide its own latency (no coordinated omission). Message m
 * goes to chat {@code m/2} (round robin) and alternates direction, so both ways carry half the rate.
 */
final class Pacer {
    private static final long TICK_MS = 1;

    private final Vertx vertx;
    private final List<Chat> order;
    private final int textLength;
    private long next;

    Pacer(Vertx vertx, List<Chat> order, int textLength) {
        this.vertx = vertx;
        this.order = order;
        this.textLength = textLength;
    }

    /** Sends {@code rate × seconds} messages spread evenly over {@code seconds}; completes with how many were sent. */
    Future<Long> run(int rate, int seconds) {
        Promise<Long> done = Promise.promise();
        if (order.isEmpty()) {
            vertx.setTimer(seconds * 1000L, id -> done.complete(0L));
            return done.future();
        }
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        long[] sent = {0};
        vertx.setPeriodic(TICK_MS, id -> {
            long elapsed = System.nanoTime() - start;
            long due = Math.min(total, (long) (elapsed / 1e9 * rate));
            while (sent[0] < due) {
                long m = next++;
                Chat chat = order.get((int) ((m / 2) % order.size()));
                chat.send(m % 2 == 0 ? Direction.TO_ADVOCATE : Direction.TO_SURVIVOR, textLength);
                sent[0]++;
            }
            if (sent[0] >= total) {
                vertx.cancelTimer(id);
                done.complete(sent[0]);
            }
        });
        return done.future();
    }
}
