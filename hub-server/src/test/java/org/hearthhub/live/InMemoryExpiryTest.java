package org.hearthhub.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.model.Role;
import org.hearthhub.model.StaffSession;
import org.hearthhub.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The in-memory store's counters and staff sessions, which are changed in place rather than replaced
 * ({@link CountWindow}, {@link SessionLease}): a count restarts when its window is over and never loses a
 * step to another thread, a session lives while it is used and, once lapsed, stays gone.
 */
class InMemoryExpiryTest {
    private static final Instant T0 = Instant.parse("2026-12-04T18:00:00Z");
    private static final StaffSession MARIA = new StaffSession("maria", "Maria", Role.ADVOCATE, "csrf", T0, "es");
    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryLiveStore store = new InMemoryLiveStore(vertx, clock);

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void aCountGrowsWithinItsWindowAndStartsAgainWhenItIsOver() {
        Duration window = Duration.ofMinutes(1);
        assertEquals(1L, now(store.increment("rl:msg:c1", window)));
        assertEquals(2L, now(store.increment("rl:msg:c1", window)));
        assertEquals(1L, now(store.increment("rl:msg:c2", window)), "each key counts on its own");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(3L, now(store.increment("rl:msg:c1", window)), "the window is the first count's, not renewed");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1L, now(store.increment("rl:msg:c1", window)), "over at its end, to the millisecond");
        assertEquals(2L, now(store.increment("rl:msg:c1", window)));
        store.resetCounter("rl:msg:c1");
        assertEquals(1L, now(store.increment("rl:msg:c1", window)));
    }

    @Test
    void countsFromSeveralThreadsAtOnceAreEachGivenOnce() throws Exception {
        int threads = 4;
        int each = 20_000;
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) seen.add(now(store.increment("totp-used:maria:1", Duration.ofMinutes(1))));
            });
            thread.start();
            running.add(thread);
        }
        start.countDown();
        for (Thread thread : running) thread.join();
        assertEquals(threads * each, seen.size(), "no two callers were given the same count");
        assertEquals(threads * each + 1L, now(store.increment("totp-used:maria:1", Duration.ofMinutes(1))));
    }

    @Test
    void aSessionLivesWhileItIsUsedAndStaysGoneOnceItLapses() {
        Duration idle = Duration.ofMinutes(30);
        store.putSession("h", MARIA, idle);
        clock.advance(Duration.ofMinutes(29));
        assertEquals(MARIA, now(store.touchSession("h", idle)));
        clock.advance(Duration.ofMinutes(29));
        assertEquals(MARIA, now(store.peekSession("h")), "the touch renewed it");
        assertEquals(MARIA, now(store.touchSession("h", idle)));
        clock.advance(Duration.ofMinutes(30));
        assertNull(now(store.peekSession("h")), "peeking does not renew; 30 idle minutes end it");
        assertNull(now(store.touchSession("h", idle)), "nor can a touch bring it back");
        clock.advance(Duration.ofMinutes(-60));
        assertNull(now(store.touchSession("h", idle)), "a lapsed session is gone for good, whatever the clock says next");
    }

    @Test
    void theSweepDropsOnlyWhatHasLapsed() {
        store.putSession("old", MARIA, Duration.ofMinutes(1));
        store.putSession("used", MARIA, Duration.ofMinutes(1));
        store.increment("rl:old", Duration.ofMinutes(1));
        store.increment("rl:long", Duration.ofMinutes(10));
        clock.advance(Duration.ofSeconds(50));
        store.touchSession("used", Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(20));
        store.sweepExpired();
        assertEquals(2, store.sessionsAndCountersHeld(), "the used session and the ten-minute count are left");
        assertEquals(MARIA, now(store.peekSession("used")));
        assertEquals(2L, now(store.increment("rl:long", Duration.ofMinutes(10))));
        assertEquals(1L, now(store.increment("rl:old", Duration.ofMinutes(1))));
    }

    /** The in-memory store answers at once. */
    private static <T> T now(Future<T> f) {
        if (!f.succeeded()) throw new AssertionError("not answered at once: " + f);
        return f.result();
    }
}
