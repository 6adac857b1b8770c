package org.hearthhub.loadtest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rounds pooled: each server's messages of every round read as one sample, not an average of the rounds' p99s,
 * and every round's own ratio beside it.
 */
class ReportRoundsTest {
    private static final Options TWO_ROUNDS = Options.parse(new String[]{"--rate", "1000", "--rounds", "2"});

    @Test
    void thePooledP99IsTheP99OfEveryMessageOfEveryRound() {
        // Round 1: the hub's 1 in 50 messages at 2 ms (its own p99 2 ms), the relay's all at 1 ms.
        // Round 2: the hub's all at 1 ms, the relay's 1 in 50 at 1.5 ms. Pooled, 1 in 100 of each is slow:
        // the p99s are then the 99th of 100 values, 1 ms for both; averaging the rounds' p99s would say 1.5 and 1.25.
        List<PhaseResult> hubs = List.of(phase("hub 1", 49, 1_000, 1, 2_000), phase("hub 2", 50, 1_000, 0, 0));
        List<PhaseResult> relays = List.of(phase("bare relay 1", 50, 1_000, 0, 0), phase("bare relay 2", 49, 1_000, 1, 1_500));

        assertEquals(2.0, hubs.get(0).at(1000).toAdvocate().p99(), 0.001, "round 1 alone: its slow message is its p99");
        assertEquals(1.0, Report.pooled(hubs, 1000, Direction.TO_ADVOCATE).p99(), 0.01);
        assertEquals(1.0, Report.pooled(relays, 1000, Direction.TO_ADVOCATE).p99(), 0.01);
        assertEquals(100, Report.pooled(hubs, 1000, Direction.TO_ADVOCATE).count(), "both rounds' 50 messages");
        assertEquals(2.0, Report.pooled(hubs, 1000, Direction.TO_ADVOCATE).max(), 0.001);
        assertEquals(List.of("2.00", "0.67"), Report.roundRatios(hubs, relays, 1000));

        String result = Report.resultLine(TWO_ROUNDS, hubs, relays);
        assertTrue(result.startsWith("RESULT survivors=10000 rate=1000 p99_ms=1.00 relay_p99_ms=1.00 ratio=1.00 errors=0 "), result);
        assertTrue(result.endsWith(" rounds=2 round_ratios=2.00,0.67"), result);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), TWO_ROUNDS, List.of(900L, 950L), hubs, relays);
        String report = bytes.toString(StandardCharsets.UTF_8);
        List<String> order = report.lines().filter(l -> l.matches("^(hub|bare relay) [12] +1000 .*")).map(l -> l.substring(0, 12).trim()).toList();
        assertEquals(List.of("hub 1", "bare relay 1", "hub 2", "bare relay 2"), order, "the phases in the order they ran:\n" + report);
        assertTrue(report.contains("2 rounds pooled"), report);
        assertTrue(report.contains("s->a p99 ratio 1.00 pooled, by round 2.00 0.67"), report);
    }

    @Test
    void oneRoundKeepsTheResultLineAsItWas() {
        Options one = Options.parse(new String[]{"--rate", "1000"});
        List<PhaseResult> hub = List.of(phase("hub", 99, 500, 1, 2_000));
        List<PhaseResult> relay = List.of(phase("bare relay", 100, 250, 0, 0));
        assertEquals("RESULT survivors=10000 rate=1000 p99_ms=0.50 relay_p99_ms=0.25 ratio=2.00 errors=0 heap_mb=NA",
                Report.resultLine(one, hub, relay));
        assertEquals("RESULT survivors=10000 rate=1000 p99_ms=0.50 relay_p99_ms=NA ratio=NA errors=0 heap_mb=NA",
                Report.resultLine(one, hub, List.of()));
    }

    /** A phase with one step at 1,000 msg/s: {@code fast} messages each way at {@code fastMicros}, {@code slow} at {@code slowMicros}. */
    private static PhaseResult phase(String name, int fast, long fastMicros, int slow, long slowMicros) {
        Latency toAdvocate = new Latency();
        Latency toSurvivor = new Latency();
        for (Latency l : List.of(toAdvocate, toSurvivor)) {
            for (int i = 0; i < fast; i++) l.recordNanos(fastMicros * 1000);
            for (int i = 0; i < slow; i++) l.recordNanos(slowMicros * 1000);
        }
        StepResult step = new StepResult(1000, 1000, toAdvocate.summary(), toSurvivor.summary(), 100, -1, -1, "0.00", "-", "-",
                new StepResult.Cpu(Double.NaN, 0.1, 1000), new StepResult.Samples(toAdvocate, toSurvivor));
        return new PhaseResult(name, 1.0, 100, 50, List.of(step), null, Map.of(), fast + slow, fast + slow, 0, 0, 0, Map.of());
    }
}
