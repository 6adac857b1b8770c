package org.hearthhub.abuse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attack harness in small: every scenario for a moment against a real hub of its own (in this JVM),
 * so the harness keeps speaking the protocol. It asserts that each scenario ran and measured the genuine
 * side, never what the hub withstood — that is the benchmark's job (docs/benchmarks.md, "Hostile load").
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AbuseSmokeTest {
    @TempDir
    Path dir;

    @Test
    void everyScenarioRunsAndMeasuresTheGenuineSide() throws Exception {
        List<Results.Row> rows = Abuse.run(Attack.ALL, InProcessHub.in(dir), Scale.SMOKE, System.out);
        Map<String, Map<String, String>> byScenario = rows.stream().collect(Collectors.groupingBy(Results.Row::scenario,
                Collectors.toMap(Results.Row::measure, Results.Row::value)));
        for (Attack attack : Attack.ALL) {
            Map<String, String> measures = byScenario.get(attack.name());
            String what = attack.name() + ": ";
            assertFalse(measures.containsKey("harness error"), what + measures.get("harness error"));
            assertNotEquals("none", measures.get("genuine survivor: answers"), what + "the genuine survivor tried");
            assertTrue(measures.get("GET /api/v1/status p99 / worst").endsWith("ms of " + countOf(measures)), what + "status asked");
            assertEquals("running", measures.get("hub after the attack"), what + "the hub was watched to the end");
            assertTrue(measures.size() > 9, what + "the attack added its own measures: " + measures.keySet());
            assertTrue(measures.get("genuine lead's browser").startsWith("a known device"), what + "the lead's browser kept its device cookie");
        }
        Map<String, String> spray = byScenario.get("spray");
        assertTrue(spray.containsKey("genuine lead, new browser: answers, p50 / worst"), "spray: the lead from a new browser too");
        assertTrue(spray.get("attacker's answers").endsWith(" ms"), spray.get("attacker's answers"));
        Map<String, String> wide = byScenario.get("hashes-wide");
        assertTrue(wide.containsKey("real lead during the flood, known device"), "hashes-wide: " + wide.keySet());
    }

    private static String countOf(Map<String, String> measures) {
        String status = measures.get("GET /api/v1/status p99 / worst");
        return status.substring(status.lastIndexOf(' ') + 1);
    }
}
