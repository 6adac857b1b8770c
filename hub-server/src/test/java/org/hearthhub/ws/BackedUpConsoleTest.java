package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.testing.RawWebSocket;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A console whose connection is backed up (a slow link, here a client that has not read its catch-up yet) is not
 * sent every queue view that comes meanwhile: a view replaces the one before, so it gets the newest once it has
 * caught up. Without that, a slow console in a surge falls further behind with every change, until it is cut off
 * for not reading. Real sockets against a real hub.
 */
class BackedUpConsoleTest {
    /**
     * 5.2 MB of catch-up, in one {@code conversation} frame: more than the kernel takes for a socket on loopback (~2.8 MB
     * here), so the rest waits in the hub; and more than the bound on what waits (4 MiB), which counts what waits before a
     * frame, not the frame: the console is not cut off for it.
     */
    private static final int LONG_MESSAGES = 650;
    private static final String LONGEST = "é".repeat(ConversationService.MAX_TEXT_CHARS);
    private static final int NEW_CHATS = 5;

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded()
            .env("HEARTH_LIMITS_TRANSCRIPT_CHARS", String.valueOf(LONG_MESSAGES * ConversationService.MAX_TEXT_CHARS))
            .env("HEARTH_LIMITS_SURVIVOR_MESSAGES_PER_MINUTE", "10000");
    TestHub hub;

    @Test
    void aBackedUpConsoleGetsTheNewestQueueOnceItCatchesUpNotEveryViewInBetween() throws Exception {
        WsClient maria = hub.advocateOnShift("maria");
        WsClient survivor = hub.chatTakenBy(maria, "127.0.0.9").survivor();
        for (int i = 1; i <= LONG_MESSAGES; i++) {
            // The hub's clock stands still: it is moved on before the socket's frame budget runs out.
            if (i % 15 == 0) hub.clock.advance(Duration.ofSeconds(1));
            survivor.send("message", "clientId", "s" + i, "text", LONGEST);
            assertEquals(i, survivor.await("ack").getLong("seq"));
        }

        // Maria opens a second console that reads nothing yet: its greeting holds the whole chat, most of which waits.
        RawWebSocket slow = RawWebSocket.connectWithoutReading(hub.port(), "/ws/advocate", "127.0.0.1",
                Map.of("Cookie", hub.login("maria"), "Origin", hub.publicUrl()));
        Thread.sleep(1_000);

        // The queue changes five times meanwhile; the console that reads sees each change.
        for (int i = 1; i <= NEW_CHATS; i++) {
            WsClient waiting = hub.survivorFrom("127.0.0.1" + i);
            waiting.send("start", "lang", "en");
            waiting.await("started");
            int total = i;
            maria.awaitMatching("queue", q -> q.getInteger("total") == total);
        }

        // Now the slow console reads: its chat whole, and of the queue views only what was not replaced.
        List<JsonObject> queues = new ArrayList<>();
        JsonObject conversation = null;
        for (String text = slow.nextText(3_000); text != null; text = slow.nextText(1_500)) {
            JsonObject frame = new JsonObject(text);
            if ("queue".equals(frame.getString("type"))) queues.add(frame);
            if ("conversation".equals(frame.getString("type"))) conversation = frame;
        }
        assertEquals(LONG_MESSAGES, conversation.getJsonArray("messages").size(), "the catch-up came whole");
        assertEquals(NEW_CHATS, queues.get(queues.size() - 1).getInteger("total"), "the last view is the newest queue");
        assertTrue(queues.size() <= 3, "views while backed up were replaced, not queued: " + queues.size() + " views (one per change is "
                + (NEW_CHATS + 1) + ")");
        slow.close();
    }
}
