package org.hearthhub.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.redis.RedisUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one failure handler, over real HTTP: what each kind of failure answers, and what it never tells. */
@ExtendWith(VertxExtension.class)
class FailuresTest {
    private static final String SECRET = "my husband reads my texts";

    private HttpServer server;
    private WebClient client;
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start(Vertx vertx) {
        Failures failures = Failures.hub();
        Router router = Router.router(vertx);
        router.get("/refused").handler(ctx -> ctx.fail(Refusal.badField("holidays.0.date", "error.bad_request").with("hint", 3)))
                .failureHandler(failures);
        router.get("/sign-in").handler(ctx -> ctx.fail(new Refusal(ErrorCode.SIGN_IN_REQUIRED))).failureHandler(failures);
        router.get("/wait").handler(ctx -> failures.reply(ctx, new Refusal(ErrorCode.RATE_LIMITED, "error.login_wait", 7L)
                .with("reason", "wait").with("retryAfter", 7L)));
        router.get("/bug").handler(ctx -> {
            throw new IllegalStateException(SECRET);
        }).failureHandler(failures);
        router.get("/argument-check").handler(ctx -> {
            // A hub bug: an argument check inside the hub failing, not anything the client sent.
            throw new IllegalArgumentException(SECRET);
        }).failureHandler(failures);
        router.get("/redis").handler(ctx -> ctx.fail(new RedisUnavailableException("the live Redis at 10.0.0.5:6379 is unavailable", null)))
                .failureHandler(failures);
        router.get("/not-json").handler(ctx -> ctx.fail(new DecodeException(SECRET))).failureHandler(failures);
        router.get("/too-large").handler(ctx -> ctx.fail(413)).failureHandler(failures);
        // As the body handler refuses a form field over its limit: the status it chose, with the decoder's exception.
        router.get("/field-too-long").handler(ctx -> ctx.fail(400, new IllegalStateException(SECRET))).failureHandler(failures);
        router.get("/bare-500").handler(ctx -> ctx.fail(500)).failureHandler(failures);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
        Logger.getLogger(Failures.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger(Failures.class.getName()).removeHandler(capture);
        client.close();
        server.close().await();
    }

    private HttpResponse<Buffer> get(String path) {
        return client.get(path).send().await();
    }

    @Test
    void aRefusalAnswersItsCodesStatusWithEverythingItCarries() {
        HttpResponse<Buffer> r = get("/refused");
        assertEquals(400, r.statusCode());
        assertEquals("application/json; charset=utf-8", r.getHeader("Content-Type"));
        assertEquals("no-store", r.getHeader("Cache-Control"));
        assertEquals(new JsonObject().put("code", "bad_request").put("message", "That request was not understood.")
                .put("field", "holidays.0.date").put("hint", 3), r.bodyAsJsonObject());

        HttpResponse<Buffer> signIn = get("/sign-in");
        assertEquals(401, signIn.statusCode());
        assertEquals("forbidden", signIn.bodyAsJsonObject().getString("code"), "the protocol's code for it, told apart by 401");
        assertEquals("Please log in.", signIn.bodyAsJsonObject().getString("message"));
    }

    @Test
    void aRefusalIsWordedInTheRequestsLanguage() {
        assertEquals("Por favor, inicie sesión.", client.get("/sign-in?lang=es").send().await().bodyAsJsonObject().getString("message"));
        assertEquals("Please log in.", client.get("/sign-in?lang=xx").send().await().bodyAsJsonObject().getString("message"));
    }

    @Test
    void aWaitCarriesRetryAfterInTheHeaderAndTheBody() {
        HttpResponse<Buffer> r = get("/wait");
        assertEquals(429, r.statusCode());
        assertEquals("7", r.getHeader("Retry-After"));
        JsonObject body = r.bodyAsJsonObject();
        assertEquals("rate_limited", body.getString("code"));
        assertEquals("wait", body.getString("reason"));
        assertEquals(7L, body.getLong("retryAfter"));
        assertEquals("Too many failed attempts in a row: wait 7 s, then try again.", body.getString("message"));
    }

    @Test
    void theHubsOwnFaultIsA500ThatTellsNothingAndLogsOnlyTheClass() {
        HttpResponse<Buffer> r = get("/bug");
        assertEquals(500, r.statusCode());
        assertEquals(new JsonObject().put("code", "unavailable")
                .put("message", "The service is having trouble right now. Please try again in a moment."), r.bodyAsJsonObject());
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).getMessage().contains("IllegalStateException"), logged.get(0).getMessage());
        assertFalse(logged.get(0).getMessage().contains(SECRET));
        assertNull(logged.get(0).getThrown(), "no stack trace, which would print the exception's message");

        assertEquals(500, get("/bare-500").statusCode());
    }

    @Test
    void anInternalArgumentCheckIsTheHubsFaultNotTheClients() {
        HttpResponse<Buffer> r = get("/argument-check");
        assertEquals(500, r.statusCode());
        assertEquals("unavailable", r.bodyAsJsonObject().getString("code"));
        assertFalse(r.bodyAsString().contains(SECRET));
        assertEquals(1, logged.size(), "someone sees it");
        assertTrue(logged.get(0).getMessage().contains("IllegalArgumentException"), logged.get(0).getMessage());
        assertFalse(logged.get(0).getMessage().contains(SECRET));
    }

    @Test
    void anUnreachableStoreIs503AndABadBodyIs400WithoutEchoingIt() {
        HttpResponse<Buffer> redis = get("/redis");
        assertEquals(503, redis.statusCode());
        assertEquals("unavailable", redis.bodyAsJsonObject().getString("code"));
        assertFalse(redis.bodyAsString().contains("10.0.0.5"));

        HttpResponse<Buffer> notJson = get("/not-json");
        assertEquals(400, notJson.statusCode());
        assertEquals("bad_request", notJson.bodyAsJsonObject().getString("code"));
        assertFalse(notJson.bodyAsString().contains(SECRET));

        HttpResponse<Buffer> large = get("/too-large");
        assertEquals(413, large.statusCode());
        assertEquals("too_large", large.bodyAsJsonObject().getString("code"));

        HttpResponse<Buffer> field = get("/field-too-long");
        assertEquals(400, field.statusCode());
        assertEquals("bad_request", field.bodyAsJsonObject().getString("code"));
        assertFalse(field.bodyAsString().contains(SECRET));
        assertTrue(logged.isEmpty(), "a client's mistake is not the hub's fault: " + logged.size());
    }

    @Test
    void everyCodeIsInTheProtocolWithTheStatusItDocuments() throws Exception {
        String protocol = Files.readString(Path.of("../docs/protocol.md"));
        Map<String, String> documented = new TreeMap<>();
        String errors = protocol.substring(0, protocol.indexOf("## Survivor side"));
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| ([^|]+) \\|").matcher(errors);
        while (row.find()) documented.put(row.group(1), row.group(2));
        Set<String> codes = new TreeSet<>();
        for (ErrorCode c : ErrorCode.values()) codes.add(c.wire());
        assertEquals(documented.keySet(), codes);
        for (ErrorCode c : ErrorCode.values()) {
            String statuses = documented.get(c.wire());
            // The first status is the code's own; codes that share a wire name list theirs after it.
            boolean first = ErrorCode.fromWire(c.wire()) == c;
            assertTrue(first ? statuses.startsWith(Integer.toString(c.httpStatus())) : statuses.contains(c.httpStatus() + " when"),
                    c + ": " + statuses);
        }
    }
}
