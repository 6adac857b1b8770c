package org.hearthhub.abuse;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.hearthhub.loadtest.LoadTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SideTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        LoadTest.await(vertx.close(), 30);
    }

    /**
     * Asked one after another from a thread outside Vert.x, as an attack asks, so each request reuses the
     * kept-alive connection the one before it left: every answer arrives whole (a lost end of a response left
     * one scrape of the metrics scenario unanswered in about a hundred runs).
     */
    @Test
    void requestsInARowOnOneKeptAliveConnectionAllGetTheirBodies() throws Exception {
        HttpServer server = LoadTest.await(vertx.createHttpServer()
                .requestHandler(req -> req.response().setStatusCode(401).end("{\"code\":\"sign_in_required\"}"))
                .listen(0, "127.0.0.1"), 30);
        String url = "http://127.0.0.1:" + server.actualPort() + "/metrics";
        try (Side side = new Side(vertx, Side.GENUINE)) {
            for (int i = 0; i < 10_000; i++) {
                Side.Answer answer = LoadTest.await(side.get(url), 30);
                assertEquals(401, answer.status(), "request " + i);
                assertEquals("{\"code\":\"sign_in_required\"}", answer.body(), "request " + i);
            }
        }
    }
}
