package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the survivor is told before and while waiting: whether anyone is on shift, and which of their messages the hub has. */
@ExtendWith(VertxExtension.class)
class SurvivorOutlookTest {
    @TempDir
    Path dataDir;
    TestHub hub;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        hub = TestHub.start(vertx, dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    private JsonObject status() throws Exception {
        return TestHub.await(hub.http().get(hub.port(), "localhost", "/api/v1/status?lang=en").send()).bodyAsJsonObject();
    }

    @Test
    void statusAndStartSayPlainlyThatNobodyIsOnShift() throws Exception {
        JsonObject status = status();
        assertTrue(status.getBoolean("open"));
        assertEquals(Boolean.FALSE, status.getBoolean("staffed"), "open, but nobody on shift: " + status);

        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        assertEquals(Boolean.FALSE, survivor.await("started").getBoolean("staffed"));

        hub.advocateOnShift("maria");
        JsonObject queue = survivor.awaitMatching("queue", q -> q.getBoolean("staffed", false));
        assertEquals(1, queue.getInteger("position"), "still waiting, now with someone to answer");
        assertEquals(Boolean.TRUE, status().getBoolean("staffed"));
    }

    @Test
    void replayedOwnMessagesCarryTheirClientId() throws Exception {
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String token = survivor.await("started").getString("token");
        survivor.send("message", "clientId", "first", "text", "same words");
        survivor.await("ack");
        survivor.send("message", "clientId", "second", "text", "same words");
        survivor.await("ack");
        survivor.close();

        WsClient again = hub.survivor();
        again.send("resume", "token", token, "lastSeq", 0);
        again.await("resumed");
        assertEquals("first", again.await("message").getString("clientId"));
        assertEquals("second", again.await("message").getString("clientId"));
        assertFalse(again.isClosed());
    }
}
