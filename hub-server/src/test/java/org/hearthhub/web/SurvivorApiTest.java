package org.hearthhub.web;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.HubErrors;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The survivor side's HTTP surface: status, feedback, health, and the headers that keep no trace. */
class SurvivorApiTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    Vertx vertx;
    TestHub hub;

    private HttpResponse<Buffer> get(String path) throws Exception {
        return TestHub.await(hub.http().get(hub.port(), "localhost", path).send());
    }

    private HttpResponse<Buffer> postFeedback(Buffer body) throws Exception {
        return TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/feedback")
                .putHeader("Content-Type", "application/json").sendBuffer(body));
    }

    private JsonObject status(String query) throws Exception {
        HttpResponse<Buffer> r = get("/api/v1/status" + query);
        assertEquals(200, r.statusCode());
        assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
        return r.bodyAsJsonObject();
    }

    private void closeUntilTuesday() throws Exception {
        ProgramSettings s = TestHub.await(hub.hub.settingsStore().programSettings());
        TestHub.await(hub.hub.settingsStore().saveProgramSettings(new ProgramSettings(s.timeZone(),
                List.of(new ProgramSettings.WeeklySlot(2, LocalTime.of(9, 0), LocalTime.of(17, 0))),
                s.holidays(), s.referrals(), s.cannedResponses(), s.widget(), s.retention())));
        TestHub.await(hub.hub.settings().reload());
    }

    // ---- status

    @Test
    void statusIsOpenByDefaultWithNoEstimateWhileNobodyIsOnShift() throws Exception {
        JsonObject status = status("");
        assertTrue(status.getBoolean("open"), "the embedded default is open at all hours");
        assertEquals(0, status.getInteger("queueLength"));
        assertTrue(status.containsKey("estimatedWaitSeconds"));
        assertNull(status.getValue("estimatedWaitSeconds"), "no advocate on shift: no promise of a wait");
        assertFalse(status.getJsonArray("referrals").isEmpty());
        assertEquals("National Domestic Violence Hotline", status.getJsonArray("referrals").getJsonObject(0).getString("name"));
        assertTrue(status.getString("quickExitUrl").startsWith("https://"));
    }

    @Test
    void statusCountsTheQueueAndEstimatesOnceSomeoneIsOnShift() throws Exception {
        hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        JsonObject status = status("");
        assertEquals(1, status.getInteger("queueLength"));
        Long estimate = status.getLong("estimatedWaitSeconds");
        assertNotNull(estimate);
        assertTrue(estimate > 0);
    }

    @Test
    void statusWhenClosedGivesReferralsAndTheNextOpening() throws Exception {
        hub.advocateOnShift("maria");
        closeUntilTuesday();
        JsonObject status = status("?lang=en");
        assertFalse(status.getBoolean("open"));
        assertNull(status.getValue("estimatedWaitSeconds"));
        assertEquals(3, status.getJsonArray("referrals").size());
        assertEquals("2026-11-24T09:00:00Z", status.getString("opensAt"));
    }

    @Test
    void statusInSpanishGivesSpanishReferrals() throws Exception {
        for (String lang : List.of("es", "es-MX", "ES")) {
            JsonArray referrals = status("?lang=" + lang).getJsonArray("referrals");
            assertEquals("Línea Nacional de Violencia Doméstica", referrals.getJsonObject(0).getString("name"), lang);
            assertEquals("Si estás en peligro inmediato, llama al 911.", referrals.getJsonObject(2).getString("text"), lang);
        }
        for (String lang : List.of("fr", "", "%3Cscript%3E")) {
            assertEquals("National Domestic Violence Hotline",
                    status("?lang=" + lang).getJsonArray("referrals").getJsonObject(0).getString("name"),
                    "unsupported language '" + lang + "' falls back to English");
        }
    }

    @Test
    void statusSaysWhichLanguageItAnsweredInAndListsTheHubsLanguages() throws Exception {
        JsonObject status = status("?lang=es-MX");
        assertEquals("es", status.getString("lang"));
        assertEquals(new JsonArray()
                .add(new JsonObject().put("code", "en").put("name", "English").put("dir", "ltr"))
                .add(new JsonObject().put("code", "es").put("name", "Español").put("dir", "ltr")), status.getJsonArray("languages"));
        assertEquals("en", status("?lang=fr").getString("lang"));
        assertEquals("en", status("").getString("lang"));
    }

    // ---- headers

    @Test
    void survivorResourcesSendStrictHeadersAndNoCookies() throws Exception {
        for (String path : List.of("/w/", "/widget.js", "/api/v1/status", "/api/v1/status?lang=es", "/health", "/no/such/page")) {
            HttpResponse<Buffer> r = get(path);
            MultiMap h = r.headers();
            String csp = h.get("Content-Security-Policy");
            assertNotNull(csp, path);
            assertTrue(csp.contains("default-src 'self'"), path + ": " + csp);
            // The chat app runs only its own inline scripts, by hash (see the next test); the rest only the hub's files.
            assertTrue(csp.contains(path.equals("/w/") ? "script-src 'sha256-" : "script-src 'self'"), path + ": " + csp);
            assertFalse(csp.contains("unsafe-inline"), path + ": " + csp);
            assertFalse(csp.contains("unsafe-eval"), path + ": " + csp);
            assertEquals("no-referrer", h.get("Referrer-Policy"), path);
            assertEquals("no-store", h.get("Cache-Control"), path);
            assertEquals("nosniff", h.get("X-Content-Type-Options"), path);
            assertNull(h.get("Set-Cookie"), path + " sets no cookie");
            assertTrue(r.cookies().isEmpty(), path);
        }
        assertEquals(200, get("/w/").statusCode());
        assertEquals(200, get("/widget.js").statusCode());
    }

    @Test
    void chatAppScriptsAreInlineAndAllowedOnlyByTheirHashes() throws Exception {
        HttpResponse<Buffer> page = get("/w/?lang=en");
        String html = page.bodyAsString();
        assertFalse(html.contains("<script src"), "no script of the chat app has a URL of its own (Chromium's code cache would name it)");
        Matcher scripts = Pattern.compile("(?s)<script>(.*?)</script>").matcher(html);
        List<String> hashes = new ArrayList<>();
        while (scripts.find()) {
            hashes.add("'sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(scripts.group(1).getBytes(StandardCharsets.UTF_8))) + "'");
        }
        assertEquals(2, hashes.size(), "video.js and app.js, inline");
        String csp = page.getHeader("Content-Security-Policy");
        assertTrue(csp.contains("script-src " + String.join(" ", hashes) + ";"), "exactly these scripts may run: " + csp);
        assertEquals(html, get("/w/index.html").bodyAsString());
        for (String gone : List.of("/w/app.js", "/w/video.js")) assertJsonError(get(gone), 404, "not_found");
    }

    @Test
    void feedbackAndSurvivorSocketSetNoCookies() throws Exception {
        HttpResponse<Buffer> feedback = postFeedback(new JsonObject().put("ticket", "t").put("rating", 5).put("helped", true).toBuffer());
        assertNull(feedback.getHeader("Set-Cookie"));
        assertEquals("no-store", feedback.getHeader("Cache-Control"));

        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocket ws = client.connect(hub.port(), "localhost", "/ws/survivor")
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertNotNull(ws.headers(), "the upgrade answer's headers");
            assertNull(ws.headers().get("Set-Cookie"));
            ws.close();
        } finally {
            client.close();
        }
    }

    @Test
    void aQueryStringThatDoesNotDecodeIsTheClientsMistakeNotTheHubs() throws Exception {
        try (LogCapture logs = LogCapture.install()) {
            for (String path : List.of("/api/v1/status?program=%zz", "/api/v1/status?lang=es%", "/api/v1/lead/audit?before=%G1")) {
                HubErrors.assertAnswer(get(path), 400, "bad_request");
            }
            assertEquals(200, get("/api/v1/status?lang=es%2D").statusCode(), "a well-formed escape is fine");
            assertFalse(logs.all().contains("request failed"), "not logged as a failure of the hub's: " + logs.all());
        }
    }

    // ---- feedback

    private void assertJsonError(HttpResponse<Buffer> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("Content-Type").startsWith("application/json"), r.getHeader("Content-Type"));
        JsonObject body = r.bodyAsJsonObject();
        assertEquals(code, body.getString("code"));
        assertFalse(body.getString("message").isBlank());
    }

    @Test
    void feedbackWithAMalformedBodyIsABadRequest() throws Exception {
        for (String body : List.of("", "{", "not json", "[]", "[{\"ticket\":\"t\",\"rating\":5,\"helped\":true}]", "5", "null", "\"t\"")) {
            assertJsonError(postFeedback(Buffer.buffer(body)), 400, "bad_request");
        }
    }

    @Test
    void feedbackWithWrongTypesOrMissingFieldsIsABadRequest() throws Exception {
        JsonObject good = new JsonObject().put("ticket", "some-ticket").put("rating", 4).put("helped", true);
        for (JsonObject body : List.of(
                good.copy().put("ticket", 5),
                good.copy().put("rating", "4"),
                good.copy().put("rating", 4.5),
                good.copy().put("helped", "yes"),
                good.copy().put("helped", 1),
                good.copy().put("rating", 0),
                good.copy().put("rating", 6),
                good.copy().put("ticket", ""),
                without(good, "ticket"),
                without(good, "rating"),
                without(good, "helped"))) {
            assertJsonError(postFeedback(body.toBuffer()), 400, "bad_request");
        }
    }

    private static JsonObject without(JsonObject o, String field) {
        JsonObject copy = o.copy();
        copy.remove(field);
        return copy;
    }

    /** The "did this help?" ticket a survivor gets as their chat ends. */
    private String ticketOfAnEndedChat() throws Exception {
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        survivor.send("end");
        return survivor.await("ended").getString("feedbackTicket");
    }

    @Test
    void feedbackWithAKeyGivenTwiceIsRefusedByNameInTheSurvivorsLanguage() throws Exception {
        String ticket = ticketOfAnEndedChat();
        String twice = "{\"ticket\":\"" + ticket + "\",\"rating\":5,\"helped\":true,\"rating\":1}";

        HttpResponse<Buffer> en = postFeedback(Buffer.buffer(twice));
        assertJsonError(en, 400, "bad_request");
        assertEquals("The key \"rating\" is given twice in the request. Send each key once.", en.bodyAsJsonObject().getString("message"));
        HttpResponse<Buffer> es = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/feedback?lang=es")
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(twice)));
        assertJsonError(es, 400, "bad_request");
        assertEquals("La clave \"rating\" aparece dos veces en la solicitud. Envíe cada clave una sola vez.", es.bodyAsJsonObject().getString("message"));

        HttpResponse<Buffer> nested = postFeedback(Buffer.buffer("{\"ticket\":\"" + ticket + "\",\"rating\":5,\"helped\":true,\"x\":[{\"a\":1,\"a\":2}]}"));
        assertJsonError(nested, 400, "bad_request");
        assertTrue(nested.bodyAsJsonObject().getString("message").contains("\"x.0.a\""), nested.bodyAsString());
        assertEquals(204, postFeedback(new JsonObject().put("ticket", ticket).put("rating", 5).put("helped", true).toBuffer()).statusCode(),
                "the ticket was not used up by the refused bodies");
    }

    @Test
    void feedbackFromAnotherSitesPageIsRefused403AsTheBeaconsAreAndAClientThatIsNoBrowserIsServed() throws Exception {
        String ticket = ticketOfAnEndedChat();
        Buffer body = new JsonObject().put("ticket", ticket).put("rating", 5).put("helped", true).toBuffer();
        String own = hub.publicUrl();
        String otherScheme = own.startsWith("https:") ? "http:" + own.substring("https:".length()) : "https:" + own.substring("http:".length());
        for (String origin : List.of("https://evil.example", "null", "http://localhost:" + (hub.port() + 1), otherScheme,
                own + ".evil.example")) {
            HttpResponse<Buffer> r = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/feedback")
                    .putHeader("Content-Type", "application/json").putHeader("Origin", origin).sendBuffer(body));
            JsonObject refused = HubErrors.assertAnswer(r, 403, "forbidden", ticket);
            assertEquals(foreignBeacon().getString("message"), refused.getString("message"), "the same refusal as the beacons' (" + origin + ")");
        }

        assertEquals(204, TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/feedback")
                .putHeader("Content-Type", "application/json").putHeader("Origin", own).sendBuffer(body)).statusCode(),
                "the chat page's own feedback is taken, its ticket not used up by the refused ones");
        // As on the survivor socket and the beacons, no Origin is a client that is no browser: served.
        assertEquals(204, postFeedback(new JsonObject().put("ticket", ticketOfAnEndedChat()).put("rating", 4).put("helped", false)
                .toBuffer()).statusCode());
    }

    /** What {@code POST /api/v1/exit} answers another site's page. */
    private JsonObject foreignBeacon() throws Exception {
        return TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/exit").putHeader("Origin", "https://evil.example")
                .sendBuffer(Buffer.buffer("{}"))).bodyAsJsonObject();
    }

    @Test
    void oversizedFeedbackIsRefusedWith413() throws Exception {
        JsonObject body = new JsonObject().put("ticket", "x".repeat(5000)).put("rating", 5).put("helped", true);
        assertJsonError(postFeedback(body.toBuffer()), 413, "too_large");
    }

    @Test
    void feedbackWithAnUnknownTicketIsNotFound() throws Exception {
        assertJsonError(postFeedback(new JsonObject().put("ticket", "never-issued").put("rating", 5).put("helped", true).toBuffer()),
                404, "not_found");
    }

    @Test
    void feedbackTicketExpiresAfterTheFeedbackWindow() throws Exception {
        String ticket = ticketOfAnEndedChat();
        hub.clock.advance(java.time.Duration.ofMinutes(61));
        assertJsonError(postFeedback(new JsonObject().put("ticket", ticket).put("rating", 5).put("helped", true).toBuffer()),
                404, "not_found");
    }

    // ---- health and unknown paths

    @Test
    void healthAnswersUp() throws Exception {
        HttpResponse<Buffer> r = get("/health");
        assertEquals(200, r.statusCode());
        assertEquals(new JsonObject().put("status", "up"), r.bodyAsJsonObject());
    }

    @Test
    void unknownPathIsAJson404() throws Exception {
        for (String path : List.of("/nope", "/api/v1/nope", "/w/missing.js", "/api/v1/status/extra")) {
            assertJsonError(get(path), 404, "not_found");
        }
        HttpResponse<Buffer> wrongMethod = TestHub.await(hub.http().request(HttpMethod.DELETE, hub.port(), "localhost", "/api/v1/status").send());
        assertEquals(404, wrongMethod.statusCode());
    }
}
