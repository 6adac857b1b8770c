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
 * A console's catch-up read of a chat's messages that is still under way when the chat is passed to a colleague
 * delivers nothing to that console after its {@code transferred}: the words are the colleague's now. Two nodes on one
 * live Redis: the console's node missed a message while cut off, reads it once back (its message cursor's catch-up),
 * and the chat is transferred on the other node the moment that read is sent; its answer is held until the console
 * has been told of the transfer.
 */
class TransferDuringCatchUpTest {
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
    void aMessageReadWhileTheChatIsTransferredNeverReachesTheConsoleThatPassedIt() throws Exception {
        WsClient maria = consolesNode.advocateOnShift("maria");
        WsClient ana = otherNode.advocateOnShift("ana");
        WsClient survivor = otherNode.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        maria.send("accept", "conversation", id);
        maria.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.await("assigned");

        nodes.cutLinkedOffRedis("the console's");
        survivor.send("message", "clientId", "s1", "text", "written while her node was away");
        survivor.await("ack");
        Promise<Void> answerTheRead = Promise.promise();
        link.holdRepliesWhenSent(LuaScript.load("live/messages_after.lua").sha(),
                () -> nodes.onDirect(() -> otherNode.hub.conversations().transfer("maria", id, "ana")), answerTheRead.future());
        link.restore();

        assertEquals(id, maria.await("transferred", BACK_WITHIN_MILLIS).getString("conversation"));
        answerTheRead.complete();
        ana.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        maria.expectNone("message", 1_000);
    }
}
