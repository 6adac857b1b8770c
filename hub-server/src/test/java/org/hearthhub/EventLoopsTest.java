package org.hearthhub;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hub serves on several event loops (server.eventLoops), one server verticle each on the shared
 * port (one free port for all when port 0 is asked for): new connections are spread over them, and a chat
 * whose survivor and advocate sit on different loops works as on one.
 */
class EventLoopsTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    TestHub hub;

    @Test
    void socketsAreSpreadOverEveryLoopAndChatsCrossLoops() throws Exception {
        hub = hubs.start(Map.of("HEARTH_EVENT_LOOPS", "4", "HEARTH_LIMITS_QUEUED_PER_SOURCE", "100",
                "HEARTH_LIMITS_MAX_QUEUED_PER_SOURCE", "100"));
        assertEquals(4, hub.hub.eventLoops());
        WsClient advocate = hub.advocateOnShift("maria", List.of("en"), 5);
        List<WsClient> survivors = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            WsClient s = hub.survivor();
            s.send("start", "lang", "en");
            ids.add(s.await("started").getString("conversation"));
            survivors.add(s);
        }
        assertEquals(4, hub.hub.sockets().loopsHoldingSockets(), "eight sockets, handed out in turn, sit on all four loops");

        // Every survivor is on another loop than the advocate's or shares it; all of them are answered.
        for (int i = 0; i < 4; i++) {
            WsClient s = survivors.get(i);
            String id = ids.get(i);
            advocate.send("accept", "conversation", id);
            advocate.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
            s.await("assigned");
            s.send("message", "clientId", "c-" + id, "text", "hello from " + id);
            advocate.awaitMatching("message", m -> ("hello from " + id).equals(m.getString("text")));
            advocate.send("message", "conversation", id, "clientId", "a-" + id, "text", "hi " + id);
            s.awaitMatching("message", m -> ("hi " + id).equals(m.getString("text")));
        }
    }

    @Test
    void onPortZeroEveryLoopServesHttpAndSocketsOnTheOnePortReported() throws Exception {
        hub = hubs.start(Map.of("HEARTH_EVENT_LOOPS", "3"));
        int port = hub.port();
        assertTrue(port > 0, "the port the hub got, not 0: " + port);
        assertEquals("http://localhost:" + port, hub.publicUrl(), "the default public URL names the port the hub got");

        // Vert.x hands each new connection to the next loop: three connections in a row, one on each loop.
        WebClient freshConnections = WebClient.create(hub.vertx, new WebClientOptions().setKeepAlive(false));
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<Buffer> demo = TestHub.await(freshConnections.get(port, "localhost", "/demo").send());
                assertEquals(200, demo.statusCode());
                assertTrue(demo.bodyAsString().contains("src=\"http://localhost:" + port + "/widget.js\""),
                        "the demo page's embed snippet names the port: " + demo.bodyAsString());
            }
        } finally {
            freshConnections.close();
        }
        // Had each loop's server taken a port of its own, the port reported would reach one loop only.
        startSurvivors(hub, 3);
        assertEquals(3, hub.hub.sockets().loopsHoldingSockets(), "three sockets on the one port sit on all three loops");

        hub.close();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "the port is let go with the hub");
    }

    /** Vert.x makes two event loops a core unless told otherwise; the hub asks for as many as it deploys servers. */
    @Test
    void moreLoopsThanVertxMakesByDefaultEachServeSocketsOfTheirOwn(@TempDir Path dataDir) throws Exception {
        int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE + 1;
        assumeTrue(loops <= 256, "server.eventLoops goes up to 256");
        Vertx vertx = Vertx.vertx(Main.vertxOptions(loops));
        try (TestHub many = TestHub.start(vertx, dataDir, Map.of("HEARTH_EVENT_LOOPS", String.valueOf(loops),
                "HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "1000", "HEARTH_LIMITS_STARTS_PER_MINUTE", "100000",
                "HEARTH_QUEUE_MAX_LENGTH", "1000", "HEARTH_LIMITS_QUEUED_PER_SOURCE", "1000",
                "HEARTH_LIMITS_MAX_QUEUED_PER_SOURCE", "1000"))) {
            assertEquals(loops, many.hub.eventLoops());
            startSurvivors(many, loops);
            assertEquals(loops, many.hub.sockets().loopsHoldingSockets(), loops + " sockets, one on each of " + loops + " loops");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Survivor sockets that have started a chat: each is then known to the loop that accepted it. */
    private static void startSurvivors(TestHub on, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            WsClient s = on.survivor();
            s.send("start", "lang", "en");
            s.await("started");
        }
    }

    @Test
    void oneLoopStillWorks() throws Exception {
        hub = hubs.start(Map.of("HEARTH_EVENT_LOOPS", "1"));
        assertEquals(1, hub.hub.eventLoops());
        WsClient s = hub.survivor();
        s.send("start", "lang", "en");
        s.await("started");
        assertEquals(1, hub.hub.sockets().loopsHoldingSockets());
    }
}
