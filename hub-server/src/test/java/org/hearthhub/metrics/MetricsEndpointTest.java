package org.hearthhub.metrics;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.testing.HubErrors;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics}: Prometheus text with the hub's counts, and nothing that names a conversation or a person. */
class MetricsEndpointTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    TestHub hub;

    private void startHub(Map<String, String> env) throws Exception {
        hub = hubs.start(env);
    }

    private void startHubWithToken() throws Exception {
        startHub(Map.of("HEARTH_METRICS_TOKEN", TestHub.METRICS_TOKEN));
    }

    private HttpResponse<Buffer> get(String authorization) throws Exception {
        var request = hub.http().get(hub.port(), "localhost", "/metrics");
        if (authorization != null) request.putHeader("Authorization", authorization);
        return TestHub.await(request.send());
    }

    private String scrape() throws Exception {
        HttpResponse<Buffer> r = get("Bearer " + TestHub.METRICS_TOKEN);
        assertEquals(200, r.statusCode());
        assertTrue(r.getHeader("Content-Type").startsWith("text/plain"), "Prometheus text format");
        return r.bodyAsString();
    }

    private static double value(String text, String series) {
        return TestHub.metric(text, series);
    }

    @Test
    void withoutATokenConfiguredThereAreNoMetrics() throws Exception {
        startHub(Map.of());
        assertEquals(404, get(null).statusCode());
        assertEquals(404, get("Bearer " + TestHub.METRICS_TOKEN).statusCode(), "no token is right when none is set");
    }

    @Test
    void metricsAnswerOnlyToTheConfiguredBearerToken() throws Exception {
        startHubWithToken();
        for (String wrong : new String[]{null, "", "Bearer", "Bearer ", "Basic " + TestHub.METRICS_TOKEN, TestHub.METRICS_TOKEN,
                "Bearer " + TestHub.METRICS_TOKEN + "x", "Bearer " + TestHub.METRICS_TOKEN.substring(1), "Bearer wrong"}) {
            HttpResponse<Buffer> r = get(wrong);
            // The hub's one error answer (401, the protocol's "forbidden"), with the challenge a scraper expects.
            HubErrors.assertAnswer(r, 401, "forbidden", "hearth_", TestHub.METRICS_TOKEN.substring(1));
            assertEquals("Bearer realm=\"metrics\"", r.getHeader("WWW-Authenticate"));
        }
        assertEquals(200, get("bearer  " + TestHub.METRICS_TOKEN + " ").statusCode(), "the scheme is case-insensitive");
        assertTrue(scrape().contains("hearth_sockets"));
    }

    @Test
    void aChatShowsUpAsCountsOnly() throws Exception {
        startHubWithToken();
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        WsClient waiting = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        waiting.send("start", "lang", "en");
        String waitingId = waiting.await("started").getString("conversation");

        String queued = scrape();
        assertEquals(2.0, value(queued, "hearth_queue_length"));
        assertEquals(2.0, value(queued, "hearth_conversations_live"));
        assertEquals(2.0, value(queued, "hearth_conversations_started_total{channel=\"web\"}"));
        assertEquals(2.0, value(queued, "hearth_sockets{side=\"survivor\"}"));
        assertEquals(1.0, value(queued, "hearth_sockets{side=\"advocate\"}"));

        hub.clock.advance(Duration.ofSeconds(90));
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");
        survivor.await("assigned");
        survivor.send("message", "clientId", "s1", "text", "a private sentence");
        advocate.awaitMatching("message", m -> "survivor".equals(m.getString("from")));
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "another private sentence");
        survivor.await("message");
        survivor.send("no-such-type");
        survivor.await("error");
        survivor.send("end");
        survivor.await("ended");

        String after = scrape();
        assertEquals(1.0, value(after, "hearth_messages_total{from=\"survivor\"}"));
        assertEquals(1.0, value(after, "hearth_messages_total{from=\"advocate\"}"));
        assertEquals(1.0, value(after, "hearth_conversations_ended_total{reason=\"survivor\"}"));
        assertEquals(0.0, value(after, "hearth_conversations_ended_total{reason=\"timeout\"}"));
        assertEquals(1.0, value(after, "hearth_errors_sent_total{code=\"unknown_type\"}"));
        assertEquals(1.0, value(after, "hearth_queue_wait_seconds_count"));
        assertEquals(90.0, value(after, "hearth_queue_wait_seconds_sum"), 0.001);
        assertEquals(1.0, value(after, "hearth_queue_length"));
        assertEquals(1.0, value(after, "hearth_conversations_live"));
        assertTrue(value(after, "process_resident_memory_bytes") > 0, "RSS read from /proc/self/status");
        double pss = value(after, "process_proportional_memory_bytes");
        assertTrue(pss > 0, "PSS read from /proc/self/smaps_rollup");
        assertTrue(pss <= value(after, "process_resident_memory_bytes") * 1.05, "a page counted once is never more than RSS: " + pss);
        assertTrue(after.contains("jvm_memory_used_bytes{area=\"heap\""), "heap in use");

        for (String secret : new String[]{id, waitingId, "private sentence", "maria", "127.0.0.1"}) {
            assertFalse(after.contains(secret), "metrics must not contain " + secret);
        }
    }

    @Test
    void residentMemoryIsReadFromTheVmRssLine() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n";
        assertEquals(123456L * 1024, ResidentMemory.parse(status));
        assertEquals(-1, ResidentMemory.parse("Name:\tjava\n"));
        assertEquals(-1, ResidentMemory.parse("VmRSS:\tlots kB\n"));
    }

    @Test
    void proportionalMemoryIsReadFromThePssLineNotItsBreakdown() {
        String rollup = "55d0-7ffc ---p 00000000 00:00 0  [rollup]\nRss:\t 3000000 kB\nPss:\t 1000000 kB\n"
                + "Pss_Anon:\t 990000 kB\nPss_File:\t 10000 kB\n";
        assertEquals(1_000_000L * 1024, ResidentMemory.field(rollup, "Pss:"));
        assertEquals(-1, ResidentMemory.field("Rss:\t 3000000 kB\n", "Pss:"));
    }
}
