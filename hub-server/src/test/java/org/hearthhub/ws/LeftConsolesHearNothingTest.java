package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing of a survivor reaches a console the chat left, or one whose advocate is off shift: not on the console that
 * acted, and not on the same account's second tab, on one node's memory and on the live Redis.
 */
class LeftConsolesHearNothingTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @TempDir
    Path dataDir;
    Vertx vertx;
    TestHub hub;

    private void start(String store) throws Exception {
        vertx = Vertx.vertx();
        if (store.equals("redis")) redis.flushAll();
        hub = TestHub.start(vertx, dataDir, store.equals("redis") ? Map.of("HEARTH_LIVE_REDIS_URL", redis.url()) : Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) hub.close();
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Waits out a moment in which a frame could still come, then asserts none about {@code conversation} did. */
    private static void nothingAbout(String conversation, WsClient... consoles) {
        for (WsClient console : consoles) {
            console.expectNone("__none__", 500);
            for (JsonObject f : console.pending()) {
                assertTrue(!conversation.equals(f.getString("conversation")), "a console the chat left heard " + f);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void bothTabsOfTheAdvocateWhoPassedAChatOnHearNothingMoreOfIt(String store) throws Exception {
        start(store);
        WsClient tab = hub.advocateOnShift("maria", List.of("en"), 2);
        WsClient otherTab = hub.advocate("maria", List.of("en"), 2);
        WsClient ana = hub.advocateOnShift("ana", List.of("en"), 2);
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        tab.send("accept", "conversation", id);
        tab.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        otherTab.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));

        tab.send("transfer", "conversation", id, "to", "ana");
        assertEquals("ana", tab.await("transferred").getString("to"));
        assertEquals("ana", otherTab.await("transferred").getString("to"));
        ana.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));

        survivor.send("message", "clientId", "s1", "text", "after the transfer");
        assertEquals("after the transfer", ana.await("message").getString("text"));
        survivor.send("typing");
        ana.await("typing");
        survivor.kill();
        ana.awaitMatching("presence", p -> p.getBoolean("away"));
        ana.send("end", "conversation", id);
        ana.await("ended");
        nothingAbout(id, tab, otherTab);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void afterTheShiftEndsNeitherTabIsSentTheQueue(String store) throws Exception {
        start(store);
        WsClient tab = hub.advocateOnShift("maria", List.of("en"), 2);
        WsClient otherTab = hub.advocate("maria", List.of("en"), 2);
        tab.send("shift.end");
        tab.awaitMatching("shift", s -> !s.getBoolean("onShift"));
        otherTab.awaitMatching("shift", s -> !s.getBoolean("onShift"));
        tab.drain("queue"); // the queues of while they were on shift
        otherTab.drain("queue");

        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        survivor.send("message", "clientId", "s1", "text", "is anyone there?");
        survivor.await("ack");
        for (WsClient console : List.of(tab, otherTab)) console.expectNone("queue", 500);
        nothingAbout(id, tab, otherTab);
    }
}
