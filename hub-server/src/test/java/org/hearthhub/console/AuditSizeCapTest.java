package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.settings.Role;
import org.hearthhub.testing.GeneratedAuditLog;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * retention.auditMaxMegabytes: past 80 % of it leads are warned on every page they open, and past it the
 * hub's own prune drops the oldest entries first, keeping the chain verifiable and the newest entry.
 */
class AuditSizeCapTest {
    /** A day of entries before the test hub's clock, well within the retention days. */
    private static final Instant LOG_START = Instant.parse("2026-11-22T15:00:00Z");

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    TestHub hub;

    private AuditEntry startWithLogOf(long bytes) throws Exception {
        AuditEntry last = GeneratedAuditLog.intoDataDirUpTo(hubs.dataDir(), bytes, LOG_START, Duration.ofSeconds(10));
        hub = hubs.start(Map.of("HEARTH_RETENTION_AUDIT_MAX_MEGABYTES", "1"));
        return last;
    }

    @Test
    void pastEightyPercentOfTheCapLeadsAreWarnedOnEveryPageTheyOpen() throws Exception {
        startWithLogOf(AuditCap.MEGABYTE * 85 / 100);
        ConsoleClient client = new ConsoleClient(hub);
        ConsoleClient.Staff lead = client.account("lena", Role.LEAD);
        ConsoleClient.Staff advocate = client.account("ana", Role.ADVOCATE);

        for (String page : List.of("/console", "/console/lead", "/console/lead/stats", "/console/lead/audit")) {
            String html = client.get(page, lead).bodyAsString();
            assertTrue(html.contains("id=\"audit-warning\""), page + " warns");
            // 84 % generated, plus the sign-in entries the test's own sign-ins add.
            assertTrue(html.matches("(?s).*uses 0\\.[89] MB of its 1 MB limit \\(8[4-6] %\\).*"), page);
            assertTrue(html.contains("the oldest entries are deleted first"), page);
        }
        assertFalse(client.get("/console", advocate).bodyAsString().contains("audit-warning"), "advocates are not told");
        JsonObject size = client.get("/api/v1/lead/audit", lead).bodyAsJsonObject().getJsonObject("size");
        assertTrue(size.getBoolean("nearlyFull"));
        assertEquals(AuditCap.MEGABYTE, size.getLong("capBytes"));

        assertEquals(0, TestHub.await(hub.hub.settingsStore().pruneAudit(365, AuditCap.megabytes(1))), "under the cap nothing goes");
        assertEquals(1, TestHub.await(hub.hub.settingsStore().auditEntries(0, 1)).get(0).seq());
    }

    @Test
    void pastTheCapTheHubsPruneDropsTheOldestEntriesFirst() throws Exception {
        AuditEntry newest = startWithLogOf(AuditCap.MEGABYTE * 13 / 10);

        // The hub prunes a second after it starts, then daily.
        long deadline = System.currentTimeMillis() + 15_000;
        while (firstSeq() == 1 && System.currentTimeMillis() < deadline) Thread.sleep(50);

        long bytes = TestHub.await(hub.hub.settingsStore().auditBytes());
        assertTrue(bytes <= AuditCap.MEGABYTE * 9 / 10 && bytes > AuditCap.MEGABYTE * 9 / 10 - 1000, "back to 90 % of the cap: " + bytes);
        long firstKept = firstSeq();
        assertTrue(firstKept > 1, "the oldest entries went");
        List<AuditEntry> tail = TestHub.await(hub.hub.settingsStore().auditEntries(newest.seq(), 10));
        assertEquals(List.of(newest), tail, "the newest entry stays");

        ConsoleClient client = new ConsoleClient(hub);
        JsonObject log = client.get("/api/v1/lead/audit", client.account("lena", Role.LEAD)).bodyAsJsonObject();
        assertTrue(log.getJsonObject("chain").getBoolean("intact"), "the pruned log still verifies");
        List<AuditEntry> afterStart = TestHub.await(hub.hub.settingsStore().auditEntries(newest.seq(), 100));
        long last = afterStart.get(afterStart.size() - 1).seq(); // the lead's sign-in is an entry too
        assertEquals(last - firstKept + 1, log.getJsonObject("chain").getLong("entries"), "a prefix went, nothing else");
    }

    private long firstSeq() throws Exception {
        return TestHub.await(hub.hub.settingsStore().auditEntries(0, 1)).get(0).seq();
    }
}
