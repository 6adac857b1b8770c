package org.hearthhub.loadtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --rounds 2} as run.sh runs it: the real hub jar started twice and the relay twice, in turn, each
 * serving every message of its round exactly once, and the result line pooling each server's rounds.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RoundsEndToEndTest {
    private static final Path HUB_JAR = Path.of("..", "..", "hub-server", "target", "hearth-hub.jar");

    @Test
    void twoRoundsRunHubAndRelayInTurnEachAfreshAndPoolThem() throws Exception {
        assertTrue(Files.isRegularFile(HUB_JAR), "the hub jar is built before this module's tests (mvn verify from the root)");
        Options options = Options.parse(new String[]{"--hub-jar", HUB_JAR.toString(), "--rounds", "2", "--survivors", "60",
                // 10 consoles of 3 chats: ~10 frames a second each, well within their budget of 30.
                "--advocates", "10", "--capacity", "3", "--rate", "200", "--duration", "2", "--warmup", "0",
                "--setup-seconds", "60", "--user-prefix", "roundsadv", "--heap", "256m"});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = new LoadTest(options, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, report);

        List<String> ran = report.lines().filter(l -> l.startsWith("hub phase:") || l.startsWith("relay phase:"))
                .map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertEquals(List.of("hub phase", "relay phase", "hub phase", "relay phase"), ran, report);
        assertEquals(2, report.lines().filter(l -> l.matches("hub [12] ready: \\d+ ms.*")).count(), "a hub started each round:\n" + report);
        for (String phase : List.of("hub 1", "bare relay 1", "hub 2", "bare relay 2")) {
            assertTrue(report.contains("exactly once, " + phase + ": sent 400, delivered 400, duplicates 0, missing 0, strays 0"),
                    phase + " served its own round's messages once:\n" + report);
            assertTrue(report.contains("errors, " + phase + ": none"), report);
        }
        assertTrue(report.contains("2 rounds pooled"), report);

        Matcher result = Pattern.compile("RESULT survivors=60 rate=200 p99_ms=([0-9.]+) relay_p99_ms=([0-9.]+) ratio=([0-9.]+) errors=0 "
                + "heap_mb=\\S+ rounds=2 round_ratios=([0-9.]+),([0-9.]+)").matcher(report);
        assertTrue(result.find(), report);
        double ratio = Double.parseDouble(result.group(1)) / Double.parseDouble(result.group(2));
        assertEquals(ratio, Double.parseDouble(result.group(3)), 0.01 + ratio * 0.01, "the ratio is of the pooled p99s");
    }
}
