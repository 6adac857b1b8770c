package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An advocate's plain message is settled on the console that sent it by its ack alone, and reaches the
 * advocate's other tabs as a message; a referral, whose words are the hub's, still comes back to the sender.
 */
class AdvocateOwnEchoTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;

    @Test
    void sendingConsoleGetsTheAckAndOtherTabsGetTheMessage() throws Exception {
        WsClient sender = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        sender.send("accept", "conversation", id);
        sender.await("conversation");
        WsClient otherTab = hub.advocate("maria", List.of("en", "es"), 3);
        otherTab.await("conversation");

        sender.send("message", "conversation", id, "clientId", "plain-1", "text", "hello from tab one");
        JsonObject ack = sender.await("ack");
        assertEquals("plain-1", ack.getString("clientId"));
        JsonObject inOtherTab = otherTab.await("message");
        assertEquals("hello from tab one", inOtherTab.getString("text"));
        assertEquals("plain-1", inOtherTab.getString("clientId"));
        assertEquals(ack.getLong("seq"), inOtherTab.getLong("seq"));
        assertEquals("hello from tab one", survivor.await("message").getString("text"));

        // A referral's text is written by the hub: the sender needs the echo to show it.
        sender.send(new JsonObject().put("type", "message").put("conversation", id).put("clientId", "ref-1")
                .put("referrals", new io.vertx.core.json.JsonArray().add(new JsonObject().put("name", "Legal Aid").put("phone", "555 0100"))));
        sender.await("ack");
        JsonObject referralEcho = sender.await("message");
        assertEquals("ref-1", referralEcho.getString("clientId"));
        otherTab.await("message");

        // The plain message's echo never came to its sender: the only message it got is the referral's.
        sender.send("message", "conversation", id, "clientId", "plain-2", "text", "second");
        sender.await("ack");
        otherTab.await("message");
        sender.expectNone("message", 300);
    }
}
