package org.hearthhub.voice;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.error.Refusal;
import org.hearthhub.sms.TwilioSignature;
import org.hearthhub.testing.TwilioSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call step's failures over real HTTP, signed as Twilio signs: an exception thrown in a step is answered
 * with the spoken apology (TwiML), never the JSON 500 that would make Twilio tell the caller "an application
 * error has occurred"; refusals keep their status and JSON.
 */
@ExtendWith(VertxExtension.class)
class CallStepFailuresTest {
    private static final String TOKEN = "test-auth-token";
    private static final String SECRET = "+15551234567 said something private";

    private final CallScripts scripts = new CallScripts(PhoneLanguages.fromHubBundles());
    private HttpServer server;
    private WebClient client;
    private String publicUrl;

    @BeforeEach
    void start(Vertx vertx) {
        Router router = Router.router(vertx);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        publicUrl = "http://127.0.0.1:" + server.actualPort();
        TwilioSignature signature = new TwilioSignature(TOKEN, publicUrl, "Voice");
        CallStepFailures failures = new CallStepFailures(scripts);
        signature.post(router, "/step/throws", (ctx, p) -> {
            throw new IllegalStateException(SECRET);
        }, failures);
        signature.post(router, "/step/refuses", (ctx, p) -> ctx.fail(Refusal.badRequest("error.bad_request", "this call step names its conversation (c)")),
                failures);
        signature.post(router, "/step/answers", (ctx, p) -> VoiceWebhook.answer(ctx, scripts.hangUp()), failures);
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close().await();
    }

    private HttpResponse<Buffer> post(String path, String signature) {
        Map<String, String> form = Map.of("CallSid", "CA0001", "From", "+15551234567");
        io.vertx.core.MultiMap body = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
        form.forEach(body::add);
        return client.post(path).putHeader(TwilioSignature.HEADER, signature).sendForm(body).await();
    }

    private HttpResponse<Buffer> signed(String path) {
        return post(path, TwilioSigner.sign(TOKEN, publicUrl + path, Map.of("CallSid", "CA0001", "From", "+15551234567")));
    }

    @Test
    void anExceptionInAStepIsAnsweredWithTheSpokenApology() {
        HttpResponse<Buffer> r = signed("/step/throws");
        assertEquals(200, r.statusCode(), "Twilio plays what a 200 carries; anything else is its own error message");
        assertEquals("text/xml; charset=utf-8", r.getHeader("Content-Type"));
        assertEquals(scripts.trouble("en"), r.bodyAsString());
        assertTrue(r.bodyAsString().contains("<Say") && r.bodyAsString().contains("<Hangup"), r.bodyAsString());
        assertFalse(r.bodyAsString().contains(SECRET));
    }

    @Test
    void aRefusalKeepsItsStatusAndTheHubsJson() {
        HttpResponse<Buffer> r = signed("/step/refuses");
        assertEquals(400, r.statusCode());
        assertEquals("bad_request", r.bodyAsJsonObject().getString("code"));
    }

    @Test
    void aForgedRequestIsStillRefusedBeforeAnyStep() {
        HttpResponse<Buffer> forged = post("/step/throws", "bm90IHR3aWxpbydzIHNpZ25hdHVyZQ==");
        assertEquals(403, forged.statusCode());
        assertEquals("forbidden", forged.bodyAsJsonObject().getString("code"));
    }

    @Test
    void aStepThatAnswersIsUntouched() {
        HttpResponse<Buffer> r = signed("/step/answers");
        assertEquals(200, r.statusCode());
        assertEquals(scripts.hangUp(), r.bodyAsString());
    }
}
