package org.hearthhub.ws;

import io.vertx.core.Promise;
import org.hearthhub.redis.LuaScript;
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

/**
 * A survivor's catch-up read of their chat's messages that is still under way when the chat ends delivers nothing to
 * the widget after its {@code ended}: the widget has left the chat, and a message after it would reopen what the
 * survivor (or someone watching her screen) was told is over. Two nodes on one live Redis: the survivor's node missed
 * the advocate's message while cut off, reads it once back (its message cursor's catch-up), and the advocate ends the
 * chat on the other node the moment that read is sent; its answer is held until the widget has been told of the end.
 * The same stop covers the other ways a survivor's socket lets its chat go (a newer socket takes over, a referral moves it).
 */
class EndDuringSurvivorCatchUpTest {
    private static final long BACK_WITHIN_MILLIS = 15_000;

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @TempDir
    Path dataDir;
    TwoNodes nodes;
    FlakyNetwork link;
    TestHub advocatesNode;
    TestHub survivorsNode;

    @BeforeEach
    void twoNodes() throws Exception {
        nodes = TwoNodes.start(redis, dataDir, 0);
        link = nodes.link;
        advocatesNode = nodes.direct;
        survivorsNode = nodes.linked;
    }

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    @Test
    void aMessageReadWhileTheChatEndsNeverReachesTheWidgetAfterItsEnd() throws Exception {
        WsClient maria = advocatesNode.advocateOnShift("maria");
        WsClient survivor = survivorsNode.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        maria.send("accept", "conversation", id);
        maria.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.await("assigned");

        nodes.cutLinkedOffRedis("the survivor's");
        maria.send("message", "conversation", id, "clientId", "m1", "text", "written while her node was away");
        maria.await("ack");
        Promise<Void> answerTheRead = Promise.promise();
        link.holdRepliesWhenSent(LuaScript.load("live/messages_after.lua").sha(),
                () -> nodes.onDirect(() -> advocatesNode.hub.conversations().endByAdvocate("maria", id, false)),
                answerTheRead.future());
        link.restore();

        assertEquals("advocate", survivor.await("ended", BACK_WITHIN_MILLIS).getString("reason"));
        answerTheRead.complete();
        survivor.expectNone("message", 1_000);
    }
}
