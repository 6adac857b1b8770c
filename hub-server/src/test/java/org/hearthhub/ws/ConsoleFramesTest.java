package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Console frames in states a console may well be in: a second console of the same account, a stale screen. */
class ConsoleFramesTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @TempDir
    Path dataDir;
    Vertx vertx;
    TestHub hub;

    @BeforeEach
    void start() throws Exception {
        redis.flushAll();
        vertx = Vertx.vertx();
        hub = TestHub.start(vertx, dataDir, Map.of("HEARTH_LIVE_REDIS_URL", redis.url()));
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void anAcceptOfAChatTheAdvocateTookInAnotherConsoleIsNotAnsweredAsTakenBySomeoneElse() throws Exception {
        WsClient laptop = hub.advocateOnShift("maria");
        WsClient phone = hub.advocate("maria", List.of("en", "es"), 3);
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");

        laptop.send("accept", "conversation", id);
        phone.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.await("assigned");
        // The phone's queue was a moment behind: its accept of the same chat is not "another advocate took it".
        phone.send("accept", "conversation", id);
        phone.send("message", "conversation", id, "clientId", "p1", "text", "I'm here");
        assertEquals("p1", phone.await("ack").getString("clientId"));
        phone.expectNone("error", 0);
        assertEquals("I'm here", survivor.await("message").getString("text"));
        survivor.expectNone("assigned", 0); // told once, by the first accept
    }

    @Test
    void aTransferToOneselfIsRefusedForWhatItIsAndTheChatStays() throws Exception {
        WsClient maria = hub.advocateOnShift("maria");
        String id = hub.chatTakenBy(maria, "127.0.0.1").conversation();

        maria.send("transfer", "conversation", id, "to", "maria");
        JsonObject refusal = maria.await("error");
        assertEquals("bad_request", refusal.getString("code"));
        assertEquals("That chat is already yours.", refusal.getString("message"), "not \"That advocate is not on shift.\"");
        maria.send("message", "conversation", id, "clientId", "m1", "text", "still here");
        assertEquals("m1", maria.await("ack").getString("clientId"));
        maria.expectNone("transferred", 0);
    }
}
