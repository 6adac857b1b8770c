package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.TwoNodes;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A survivor's socket hears its chat's events only once it is bound, after its resume has read the chat. What
 * happens in between (an advocate's safety exit, an accept) is shown all the same: the socket reads the chat once
 * more when bound. Two nodes on one live Redis: the survivor's node reaches Redis over a slow link, so its resume
 * takes a while; the advocate's node ends or accepts the chat the moment the resume has read it.
 */
class ResumeGapTest {
    private static final long LINK_MILLIS = 150;

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @TempDir
    Path dataDir;
    TwoNodes nodes;
    TestHub survivorsNode;
    TestHub advocatesNode;

    @BeforeEach
    void twoNodes() throws Exception {
        nodes = TwoNodes.start(redis, dataDir, LINK_MILLIS);
        survivorsNode = nodes.linked;
        advocatesNode = nodes.direct;
    }

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    @Test
    void aSafetyExitWhileTheSurvivorResumesReachesTheirWidget() throws Exception {
        WsClient maria = advocatesNode.advocateOnShift("maria");
        JsonObject started = chatLeftBehind(maria, true);
        String id = started.getString("conversation");

        // The resume's own rate count comes after it read the chat: the safety exit lands right there.
        nodes.link.whenSent("rl:resume:", () -> nodes.onDirect(() ->
                advocatesNode.hub.conversations().endByAdvocate("maria", id, true)));
        WsClient back = survivorsNode.survivor();
        back.send("resume", "token", started.getString("token"), "lastSeq", 0);
        assertEquals("active", back.await("resumed", 10_000).getString("state"), "the resume read the chat before the exit");
        assertEquals("safety_exit", back.await("ended", 10_000).getString("reason"), "and the widget is told to leave");
    }

    @Test
    void anAcceptWhileTheSurvivorResumesIsShownToThem() throws Exception {
        WsClient maria = advocatesNode.advocateOnShift("maria");
        JsonObject started = chatLeftBehind(maria, false);
        String id = started.getString("conversation");

        nodes.link.whenSent("rl:resume:", () -> nodes.onDirect(() -> advocatesNode.hub.conversations().accept("maria", id)));
        WsClient back = survivorsNode.survivor();
        back.send("resume", "token", started.getString("token"), "lastSeq", 0);
        assertEquals("queued", back.await("resumed", 10_000).getString("state"), "the resume read the chat still queued");
        assertEquals("Advocate maria", back.await("assigned", 10_000).getString("advocate"), "and is told who took it");
        maria.awaitMatching("conversation", c -> c.getString("conversation").equals(id));
    }

    /** A chat started on the survivors' node (accepted by Maria, or still queued) whose socket then closed: its {@code started}. */
    private JsonObject chatLeftBehind(WsClient maria, boolean accepted) throws Exception {
        WsClient survivor = survivorsNode.survivor();
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started", 10_000);
        if (accepted) {
            maria.send("accept", "conversation", started.getString("conversation"));
            survivor.await("assigned", 10_000);
        }
        survivor.close();
        return started;
    }
}
