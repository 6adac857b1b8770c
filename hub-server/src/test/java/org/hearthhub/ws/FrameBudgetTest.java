package org.hearthhub.ws;

import org.hearthhub.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.hearthhub.ws.FrameBudget.Verdict.READ;
import static org.hearthhub.ws.FrameBudget.Verdict.REFUSE;
import static org.hearthhub.ws.FrameBudget.Verdict.REFUSE_AND_ANSWER;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FrameBudgetTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T15:00:00Z"));
    private final FrameBudget budget = new FrameBudget(3, clock);

    private List<FrameBudget.Verdict> take(int frames) {
        List<FrameBudget.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < frames; i++) verdicts.add(budget.take());
        return verdicts;
    }

    @Test
    void aFloodIsReadUpToTheBudgetAndAnsweredOncePerSecond() {
        assertEquals(List.of(READ, READ, READ, REFUSE_AND_ANSWER, REFUSE, REFUSE), take(6));
        clock.advance(Duration.ofMillis(999));
        assertEquals(Collections.nCopies(3, REFUSE), take(3), "the same second: no second answer");
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(READ, READ, READ, REFUSE_AND_ANSWER, REFUSE), take(5), "a new second, a new budget and one answer");
    }

    @Test
    void aClockThatStepsBackStartsANewWindow() {
        take(4);
        clock.advance(Duration.ofSeconds(-5));
        assertEquals(READ, budget.take());
    }
}
