package org.hearthhub.loadtest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CPU columns: read from the kernel for a real process, and unknown rather than zero when it cannot say. */
class CpuTimeTest {

    @Test
    void aProcessThatWorksIsSeenUsingCpu() {
        long self = ProcessHandle.current().pid();
        Duration before = CpuTime.of(List.of(self));
        long spin = System.nanoTime() + 300_000_000L;
        long sink = 0;
        while (System.nanoTime() < spin) sink += sink * 31 + 7;
        Duration after = CpuTime.of(List.of(self));
        assertTrue(sink != 1, "keeps the loop");
        assertTrue(after.minus(before).toMillis() >= 200, "300 ms of spinning is at least 200 ms of CPU (ticks are 10 ms): "
                + before + " -> " + after);
    }

    @Test
    void aProcessThatIsGoneIsUnknownNotIdle() {
        assertNull(CpuTime.of(List.of(Long.MAX_VALUE)));
        assertTrue(Double.isNaN(CpuTime.cores(null, Duration.ofSeconds(1), 1)));
        assertTrue(Double.isNaN(CpuTime.cores(Duration.ZERO, Duration.ofSeconds(1), 0)));
    }

    @Test
    void coresAndMicrosecondsPerMessage() {
        assertEquals(0.75, CpuTime.cores(Duration.ofSeconds(2), Duration.ofMillis(9_500), 10), 1e-9);
        StepResult.Cpu cpu = new StepResult.Cpu(0.8, 0.4, 16_000);
        assertEquals(50.0, cpu.serverMicrosPerMessage(), 1e-9, "0.8 cores at 16,000 msg/s");
        assertTrue(Double.isNaN(new StepResult.Cpu(Double.NaN, 0.4, 16_000).serverMicrosPerMessage()));
    }
}
