package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.model.Role;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stored time zone this JVM does not know (a hand-edited file, or one a newer JDK wrote on a shared store) turns no
 * survivor away: the hours are read in UTC, the operator is warned once, and the lead sees the stored value to fix.
 */
class UnknownStoredTimeZoneTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().captureLogs();
    LogCapture logs;

    // Monday 14:00-16:00; the hub's clock reads Monday 2026-11-23 15:00 UTC, so open when read in UTC.
    private static final String SETTINGS = """
            {"timeZone":"Mars/Olympus","weeklyHours":[{"day":1,"open":"14:00","close":"16:00"}],"holidays":[],
             "referrals":{},"cannedResponses":{},
             "widget":{"title":{},"notice":{},"primaryColor":"#5b2a86","position":"right","quickExitUrl":"https://example.org"},
             "retention":{"idleTimeoutMinutes":null,"maxConversationHours":null,"smsBlockDays":null}}
            """;

    @Test
    void theHubKeepsServingSurvivorsWithTheHoursReadInUtc() throws Exception {
        Path file = hubs.dataDir().resolve("programs/main/settings.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, SETTINGS);
        TestHub hub = hubs.start();
        ConsoleClient client = new ConsoleClient(hub);

        HttpResponse<Buffer> answer = TestHub.await(hub.http().get(hub.port(), "localhost", "/api/v1/status?lang=en").send());
        assertEquals(200, answer.statusCode(), answer.bodyAsString());
        JsonObject status = answer.bodyAsJsonObject();
        assertTrue(status.getBoolean("open"), "15:00 UTC is within 14:00-16:00 read in UTC: " + status);
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        assertFalse(survivor.await("started").getBoolean("staffed"));
        survivor.close();

        HttpResponse<Buffer> hours = client.get("/api/v1/lead/hours", client.account("lena", Role.LEAD));
        assertEquals(200, hours.statusCode(), hours.bodyAsString());
        assertEquals("Mars/Olympus", hours.bodyAsJsonObject().getString("timeZone"), "the lead sees what to fix");

        TestHub.await(hub.hub.settings().reload());
        long warnings = logs.lines().stream().filter(l -> l.contains("Mars/Olympus")).count();
        assertEquals(1, warnings, "one warning, not one per load: " + logs.all());
        assertTrue(logs.all().contains("program main"), logs.all());
    }
}
