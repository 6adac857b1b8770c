package org.hearthhub.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.hearthhub.testing.Eventually;
import org.hearthhub.testing.HubErrors;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-source connection cap on HTTP requests (RequestsPerSource), which a source's WebSockets share.
 * Only Twilio's signed webhooks are let past it, and only when the request really goes to one.
 */
class RequestsPerSourceTest {
    static final String SOURCE = "127.0.0.71";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().env("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "2");

    @Test
    void aRequestOverTheCapIsToldWhyByItsReasonInTheSurvivorsLanguage() throws Exception {
        TestHub hub = hubs.hub();
        WsClient first = hub.survivorFrom(SOURCE);
        WsClient second = hub.survivorFrom(SOURCE);
        WebClient client = hub.clientFrom(SOURCE, 1);

        JsonObject en = HubErrors.assertAnswer(TestHub.await(client.get("/api/v1/status").send()), 429, "rate_limited");
        assertEquals("connections", en.getString("reason"), "told apart from every other 429: " + en.encode());
        assertEquals("Too many connections from your network at once. Please close other chat windows, or try again in a moment.",
                en.getString("message"));
        JsonObject es = HubErrors.assertAnswer(TestHub.await(client.post("/api/v1/feedback?lang=es").send()), 429, "rate_limited");
        assertEquals("connections", es.getString("reason"), "the reason is the same word in every language");
        assertTrue(es.getString("message").startsWith("Hay demasiadas conexiones"), es.getString("message"));

        second.close();
        Eventually.until("a place freed is a place to use", () -> TestHub.await(client.get("/api/v1/status").send()).statusCode() == 200);
        first.close();
    }

    @Test
    void aPathThatOnlyStartsLikeATwilioWebhookIsHeldToTheCap() throws Exception {
        TestHub hub = hubs.hub();
        // The source holds its two connections: two chat sockets.
        WsClient first = hub.survivorFrom(SOURCE);
        WsClient second = hub.survivorFrom(SOURCE);
        WebClient client = hub.clientFrom(SOURCE, 1);

        HubErrors.assertAnswer(TestHub.await(client.get("/api/v1/status").send()), 429, "rate_limited");
        // The router resolves dot segments (escaped or not): each of these is /api/v1/status, /console/login or /health,
        // not a webhook, so each is over the cap like the plain path.
        for (String path : List.of("/sms/twilio/../../api/v1/status", "/voice/twilio/../../api/v1/status",
                "/sms/twilio/%2e%2e/%2e%2e/console/login", "/voice/twilio/x/../../../health")) {
            HttpResponse<Buffer> r = TestHub.await(client.get(path).send());
            HubErrors.assertAnswer(r, 429, "rate_limited");
        }

        // Another source is not affected, and the same paths do reach their routes.
        WebClient other = hub.clientFrom("127.0.0.72", 1);
        assertEquals(200, TestHub.await(other.get("/sms/twilio/../../api/v1/status").send()).statusCode());
        first.close();
        second.close();
    }
}
