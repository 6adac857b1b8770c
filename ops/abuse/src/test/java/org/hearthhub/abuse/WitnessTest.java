package org.hearthhub.abuse;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hearthhub.loadtest.LoadTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The genuine side against a real hub in this JVM: what it measures must be the genuine lead's experience. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WitnessTest {
    private static final String LEAD_ANSWERS = "genuine lead sign-in: answers, p50 / worst";

    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        LoadTest.await(vertx.close(), 30);
    }

    /**
     * A browser keeps the staff device cookie the hub sets, so the real lead's signs in from a known device, which
     * guesses from many places cannot lock out; a witness that dropped it would measure an unknown device, locked out
     * with the guessers, and report the hub refusing its own lead.
     */
    @Test
    void theLeadSignsInFromTheDeviceItsWarmUpSignInsMadeKnownWhileUnknownDevicesAreLockedOut() throws Exception {
        try (Target hub = InProcessHub.in(dir).start(Map.of());
             Side genuine = new Side(vertx, Side.GENUINE)) {
            Witness witness = Witness.start(vertx, genuine, hub, new LeadBrowser(genuine, hub.url(), hub.leadPassword()), 300, false);
            lockOutUnknownDevices(hub);
            Side.Answer newBrowser = LoadTest.await(genuine.login(hub.url(), "lead", hub.leadPassword()), 30);
            assertEquals(429, newBrowser.status(), newBrowser.body());
            assertEquals("unknown_devices_locked", new JsonObject(newBrowser.body()).getString("reason"), "the lock is on");
            Thread.sleep(1_000);

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Results results = new Results("witness", new PrintStream(printed, true, StandardCharsets.UTF_8));
            witness.finish(results);
            Map<String, String> measures = measures(results);
            assertTrue(measures.get("genuine lead's browser").startsWith("a known device"), measures.get("genuine lead's browser"));
            String lead = measures.get(LEAD_ANSWERS);
            assertTrue(lead.matches("200 ×[0-9]+; .*"), "every sign-in of the lead's own browser succeeded: " + lead);
        }
    }

    /** 16 wrong passwords for the lead, two from each of eight addresses: past the 15 unknown devices get. */
    private static void lockOutUnknownDevices(Target hub) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            for (int i = 1; i <= 8; i++) {
                try (Side guesser = new Side(vertx, "127.0.1." + i)) {
                    for (int guess = 0; guess < 2; guess++) LoadTest.await(guesser.login(hub.url(), "lead", "wrong-" + guess), 30);
                }
            }
        } finally {
            LoadTest.await(vertx.close(), 30);
        }
    }

    private static Map<String, String> measures(Results results) {
        return results.rows().stream().collect(java.util.stream.Collectors.toMap(Results.Row::measure, Results.Row::value));
    }
}
