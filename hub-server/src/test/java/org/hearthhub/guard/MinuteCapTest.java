package org.hearthhub.guard;

import org.hearthhub.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A source's requests of one kind a minute, counted in memory: its own, under the current and the previous key. */
class MinuteCapTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T15:00:00Z"));
    private final MinuteCap cap = new MinuteCap(3, clock);

    @Test
    void aSourcePastItsCapIsRefusedUntilTheMinuteIsOverWhileOthersAreNot() {
        Source a = new Source("a", null);
        for (int i = 0; i < 3; i++) assertTrue(cap.take(a));
        assertFalse(cap.take(a));
        assertFalse(cap.take(a), "refused requests count too: hammering does not wear the cap down");
        assertTrue(cap.take(new Source("b", null)), "another source has its own allowance");

        clock.advance(Duration.ofSeconds(59));
        assertFalse(cap.take(a));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(cap.take(a), "a new minute, a new allowance");
    }

    @Test
    void aKeyRotationHandsNoFreshAllowance() {
        for (int i = 0; i < 3; i++) assertTrue(cap.take(new Source("old", null)));
        assertFalse(cap.take(new Source("new", "old")), "the same address under the new key counts what it made under the old");
    }
}
