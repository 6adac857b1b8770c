package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.FlakyNetwork;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TwoNodes;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A console hears what happens to its chats through events; those published while its node was not subscribed to
 * the live Redis never reach it. Two nodes on one live Redis: the console's node reaches Redis over a link the test
 * cuts, things happen on the other node meanwhile, and once the link is back (the node subscribes again) the console
 * is shown what it missed.
 */
class ConsoleCatchUpTest {
    private static final long BACK_WITHIN_MILLIS = 15_000;

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @TempDir
    Path dataDir;
    TwoNodes nodes;
    FlakyNetwork link;
    TestHub otherNode;
    TestHub consolesNode;

    @BeforeEach
    void twoNodes() throws Exception {
        nodes = TwoNodes.start(redis, dataDir, 0);
        link = nodes.link;
        otherNode = nodes.direct;
        consolesNode = nodes.linked;
    }

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    @Test
    void aChatEndedWhileTheConsolesNodeWasNotSubscribedIsLetGoWhenItSubscribesAgain() throws Exception {
        WsClient maria = consolesNode.advocateOnShift("maria");
        WsClient survivor = otherNode.survivor();
        String id = taken(survivor, maria);

        nodes.cutLinkedOffRedis("the console's");
        survivor.send("exit");
        assertEquals("quick_exit", survivor.await("ended").getString("reason"));
        // Her other console (on the other node) ends her shift meanwhile: that too is shown.
        TestHub.await(otherNode.hub.conversations().endShift("maria"));
        link.restore();

        JsonObject ended = maria.await("ended", BACK_WITHIN_MILLIS);
        assertEquals(id, ended.getString("conversation"));
        assertEquals("quick_exit", ended.getString("reason"), "told why, as the event would have");
        assertFalse(maria.awaitMatching("shift", s -> !s.getBoolean("onShift")).getBoolean("onShift"));
        maria.expectNone("ended", 500);
    }

    @Test
    void aChatTransferredToTheAdvocateMeanwhileIsShownAndOneTransferredAwayIsLetGo() throws Exception {
        WsClient maria = consolesNode.advocateOnShift("maria");
        WsClient ana = otherNode.advocateOnShift("ana");
        WsClient first = otherNode.survivor();
        String anas = taken(first, ana);
        WsClient second = otherNode.survivor();
        String marias = taken(second, maria);

        nodes.cutLinkedOffRedis("the console's");
        ana.send("transfer", "conversation", anas, "to", "maria");
        ana.awaitMatching("transferred", t -> anas.equals(t.getString("conversation")));
        // Maria's other console (on the other node) passes her chat to Ana.
        TestHub.await(otherNode.hub.conversations().transfer("maria", marias, "ana"));
        link.restore();

        JsonObject shown = maria.awaitFrame(f -> "conversation".equals(f.getString("type")), BACK_WITHIN_MILLIS);
        assertEquals(anas, shown.getString("conversation"), "the chat passed to her is shown");
        JsonObject away = maria.await("transferred", BACK_WITHIN_MILLIS);
        assertEquals(marias, away.getString("conversation"));
        assertEquals("ana", away.getString("to"));
        maria.expectNone("transferred", 500);
        maria.expectNone("conversation", 0);

        // And both go on: her message reaches the survivor she now holds.
        maria.send("message", "conversation", anas, "clientId", "m1", "text", "hello, I'm taking over");
        assertEquals("hello, I'm taking over", first.await("message").getString("text"));
    }

    /** {@code survivor} starts a chat that {@code advocate} takes; its id. */
    private static String taken(WsClient survivor, WsClient advocate) {
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.await("assigned");
        return id;
    }
}
