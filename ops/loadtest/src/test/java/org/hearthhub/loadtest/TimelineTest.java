package org.hearthhub.loadtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Arrivals counted by their 10 ms: how many, how many over 5 ms, the slowest; written one line per 10 ms that had any. */
class TimelineTest {
    private static final long MS = 1_000_000;

    @Test
    void arrivalsAreCountedInTheTenMillisecondsTheyCameIn(@TempDir Path dir) throws Exception {
        Timeline t = new Timeline();
        t.record(t.startNanos + 3 * MS, 1 * MS);
        t.record(t.startNanos + 9 * MS, 7 * MS);
        t.record(t.startNanos + 31 * MS, 5 * MS); // exactly 5 ms is not over 5 ms
        Path file = dir.resolve("timeline.txt");
        t.write(file);

        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), lines.toString());
        String[] first = lines.get(1).split(" ");
        String[] second = lines.get(2).split(" ");
        assertEquals(List.of("2", "1", "7000"), List.of(first).subList(1, 4));
        assertEquals(List.of("1", "0", "5000"), List.of(second).subList(1, 4));
        assertEquals(Duration.ofMillis(30), Duration.between(Instant.parse(first[0]), Instant.parse(second[0])),
                "the second line is the 10 ms starting 30 ms after the first's");
    }

    @Test
    void arrivalsBeforeItsStartOrPastItsHourAreNotKept(@TempDir Path dir) throws Exception {
        Timeline t = new Timeline();
        t.record(t.startNanos - MS, MS);
        t.record(t.startNanos + Timeline.CAPACITY * Timeline.BUCKET_NANOS, MS);
        Timeline.OFF.record(Timeline.OFF.startNanos + MS, MS);
        Path file = dir.resolve("timeline.txt");
        t.write(file);
        assertEquals(1, Files.readAllLines(file).size(), "the header only");
        Timeline.OFF.write(file);
        assertEquals(1, Files.readAllLines(file).size(), "the header only");
    }
}
