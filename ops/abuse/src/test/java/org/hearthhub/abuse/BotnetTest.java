package org.hearthhub.abuse;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.hearthhub.loadtest.LoadTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BotnetTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        LoadTest.await(vertx.close(), 30);
    }

    /** A server on 127.0.0.1, as the hub listens, sees each attacker's requests come from its own address. */
    @Test
    void eachAttackerReachesAServerOn127001FromAnAddressOfItsOwn() throws Exception {
        HttpServer server = LoadTest.await(vertx.createHttpServer()
                .requestHandler(req -> req.response().end(req.remoteAddress().hostAddress()))
                .listen(0, "127.0.0.1"), 30);
        String url = "http://127.0.0.1:" + server.actualPort() + "/";
        try (Botnet botnet = new Botnet(vertx, 12)) {
            List<Future<Side.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) answers.add(botnet.side(i).get(url));
            Set<String> seen = new TreeSet<>();
            for (Future<Side.Answer> a : answers) seen.add(LoadTest.await(a, 30).body());
            assertEquals(12, seen.size(), "12 sources: " + seen);
            for (int i = 1; i <= 12; i++) assertEquals(true, seen.contains("127.0.1." + i), seen.toString());
            assertEquals("127.0.1.1–127.0.1.12", botnet.addresses());
        }
    }

    @Test
    void aBotnetOfNoAddressesOrMoreThanOneSlash24HoldsIsRefusedWithTheRangeItTakes() {
        for (int size : new int[] {0, -1, 255}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Botnet(vertx, size));
            assertEquals("a botnet has 1 to 254 addresses, not " + size, e.getMessage());
        }
    }
}
