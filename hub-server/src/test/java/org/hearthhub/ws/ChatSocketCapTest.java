package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A resume token is all a survivor socket needs, so one token could hold any number of sockets, each fed the
 * whole chat. A chat keeps at most {@code limits.socketsPerChat} (3 by default) on a node: a newer resume closes
 * the oldest with 4409, which hears nothing of the chat after. Real sockets against a real hub.
 */
class ChatSocketCapTest {
    private static final short CONTINUED_ELSEWHERE = 4409;
    private static final String DISPLACED = "hearth_survivor_sockets_closed_total{reason=\"continued_elsewhere\"}";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded()
            .env("HEARTH_METRICS_TOKEN", TestHub.METRICS_TOKEN)
            .env("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "100")
            // Forty resumes of one chat within the minute: the resume limit is ResumeLimitTest's.
            .env("HEARTH_LIMITS_RESUMES_PER_MINUTE", "1000");
    TestHub hub;

    /** A survivor's chat that {@code advocate} has taken: its first socket and its resume token. */
    private record Chat(WsClient first, String id, String token) {
    }

    private Chat takenChat(WsClient advocate, String from) throws Exception {
        WsClient survivor = hub.survivorFrom(from);
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started");
        String id = started.getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.await("assigned");
        return new Chat(survivor, id, started.getString("token"));
    }

    private WsClient resumed(String token, String from) throws Exception {
        WsClient socket = hub.survivorFrom(from);
        socket.send("resume", "token", token, "lastSeq", 0);
        socket.await("resumed");
        return socket;
    }

    @Test
    void aFourthSocketOfAChatClosesTheOldestWhichHearsNothingMore() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        Chat chat = takenChat(advocate, "127.0.0.2");
        List<WsClient> newer = new ArrayList<>();
        for (int i = 0; i < 2; i++) newer.add(resumed(chat.token(), "127.0.0.3"));
        assertFalse(chat.first().isClosed(), "three sockets of one chat are within the cap");

        newer.add(resumed(chat.token(), "127.0.0.4"));
        assertEquals(CONTINUED_ELSEWHERE, chat.first().awaitClose(5_000), "the oldest gives way to the fourth");
        assertEquals("chat continued in a newer connection", chat.first().closeReason());

        advocate.send("message", "conversation", chat.id(), "clientId", "a1", "text", "Are you there?");
        advocate.await("ack");
        for (WsClient socket : newer) assertEquals("Are you there?", socket.await("message").getString("text"));
        newer.get(2).send("message", "clientId", "s1", "text", "yes, on my phone now");
        assertEquals("yes, on my phone now", advocate.awaitMatching("message", m -> "survivor".equals(m.getString("from"))).getString("text"));
        // Three sockets stay: the survivor is not away, and the advocate is not told so.
        advocate.expectNone("presence", 300);
        assertEquals(1.0, TestHub.metric(hub.metrics(), DISPLACED));
    }

    @Test
    void oneTokenResumedOverAndOverHoldsThreeSocketsWhileOtherChatsGoOn() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        Chat hostile = takenChat(advocate, "127.0.0.66");
        Chat genuine = takenChat(advocate, "127.0.0.2");

        List<WsClient> resumes = new ArrayList<>();
        for (int i = 0; i < 40; i++) resumes.add(resumed(hostile.token(), "127.0.0.66"));
        assertEquals(CONTINUED_ELSEWHERE, hostile.first().awaitClose(5_000));
        for (WsClient socket : resumes.subList(0, 37)) assertEquals(CONTINUED_ELSEWHERE, socket.awaitClose(5_000));

        // The hostile chat is fed to its three newest sockets only; the genuine chat goes both ways meanwhile.
        advocate.send("message", "conversation", hostile.id(), "clientId", "a1", "text", "Who is this?");
        for (WsClient socket : resumes.subList(37, 40)) assertEquals("Who is this?", socket.await("message").getString("text"));
        genuine.first().send("message", "clientId", "g1", "text", "I need help");
        assertEquals("I need help", advocate.awaitMatching("message", m -> genuine.id().equals(m.getString("conversation"))).getString("text"));
        advocate.send("message", "conversation", genuine.id(), "clientId", "a2", "text", "I'm here.");
        assertEquals("I'm here.", genuine.first().await("message").getString("text"));
        assertFalse(genuine.first().isClosed());
        assertEquals(38.0, TestHub.metric(hub.metrics(), DISPLACED));
        assertEquals(4.0, TestHub.metric(hub.metrics(), "hearth_sockets{side=\"survivor\"}"), "3 of the hostile chat, 1 genuine");
    }

    @Test
    void aCapOfOneHandsTheChatToEachReconnect() throws Exception {
        hubs.start(java.util.Map.of("HEARTH_LIMITS_SOCKETS_PER_CHAT", "1"));
        WsClient advocate = hub.advocateOnShift("maria");
        Chat chat = takenChat(advocate, "127.0.0.2");
        WsClient again = resumed(chat.token(), "127.0.0.2");
        assertEquals(CONTINUED_ELSEWHERE, chat.first().awaitClose(5_000));
        advocate.send("message", "conversation", chat.id(), "clientId", "a1", "text", "Still here.");
        assertEquals("Still here.", again.await("message").getString("text"));
    }
}
