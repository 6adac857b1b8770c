package org.hearthhub.ws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LoopConfined;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile survivor who keeps a chat open and floods it cannot grow the live store past the transcript
 * budget (limits.transcriptMessages, limits.transcriptChars), while other chats are served; whoever takes or
 * resumes a long chat gets its kept tail, in order; and a trimmed message's words leave the live store
 * although the chat is still live. Real sockets against a real hub.
 */
class TranscriptBudgetAbuseTest {
    private static final int KEPT_MESSAGES = 50;
    private static final int KEPT_CHARS = 100_000;

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().liveRedis(this::liveRedis)
            .env("HEARTH_LIMITS_TRANSCRIPT_MESSAGES", String.valueOf(KEPT_MESSAGES))
            .env("HEARTH_LIMITS_TRANSCRIPT_CHARS", String.valueOf(KEPT_CHARS))
            .env("HEARTH_LIMITS_SURVIVOR_MESSAGES_PER_MINUTE", "10000");
    TestHub hub;
    private int framesThisSecond;

    /** Where the live state is kept: in memory here; {@link RedisTranscriptBudgetAbuseTest} runs every test on Redis. */
    RedisServer liveRedis() {
        return null;
    }

    private static JsonObject start(WsClient survivor) {
        survivor.send("start", "lang", "en");
        return survivor.await("started");
    }

    /** Sends a message and waits for its ack; the hub's clock stands still, so it is moved on before the socket's frame budget runs out. */
    private long say(WsClient survivor, String clientId, String text) {
        if (++framesThisSecond == 15) {
            hub.clock.advance(Duration.ofSeconds(1));
            framesThisSecond = 0;
        }
        survivor.send("message", "clientId", clientId, "text", text);
        JsonObject ack = survivor.await("ack");
        assertEquals(clientId, ack.getString("clientId"));
        return ack.getLong("seq");
    }

    private List<ChatMessage> kept(String conversation) throws Exception {
        return TestHub.await(hub.hub.liveStore().messagesAfter(conversation, 0));
    }

    private static List<Long> seqs(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::seq).toList();
    }

    private static List<Long> seqsOf(JsonArray messages) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) out.add(messages.getJsonObject(i).getLong("seq"));
        return out;
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    /** Whether any value in the live store holds the text: its own search in memory, every key's value on Redis. */
    private boolean liveStoreHolds(String needle) {
        if (liveRedis() == null) return ((InMemoryLiveStore) LoopConfined.target(hub.hub.liveStore())).containsText(needle);
        return liveRedis().holdsText(needle);
    }

    /** On Redis, the transcript list and its resend index hold no more than the store answers. */
    private void assertRedisHoldsOnly(String conversation, int messages) {
        if (liveRedis() == null) return;
        String conv = "hearth:{main}:conv:" + conversation;
        liveRedis().inspect(r -> {
            assertEquals(messages, r.llen(conv + ":msgs"));
            assertTrue(r.hlen(conv + ":clients") <= messages, "the resend index shrinks with the transcript");
        });
    }

    @Test
    void aHostileSurvivorsFloodKeepsOnlyTheBudgetWhileOtherChatsAreServed() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient hostile = hub.survivor();
        String flood = start(hostile).getString("conversation");

        String canary = "canary-" + UUID.randomUUID();
        assertEquals(1, say(hostile, "h0", "I live at " + canary));
        assertTrue(liveStoreHolds(canary), "the canary is there to be found at first");
        for (int i = 1; i <= 60; i++) assertEquals(i + 1, say(hostile, "h" + i, "short " + i));
        assertEquals(range(12, 61), seqs(kept(flood)), "the count budget keeps the newest 50, seqs unchanged");
        assertNotNull(TestHub.await(hub.hub.liveStore().conversation(flood)), "the chat is still live, and queued");
        assertFalse(liveStoreHolds(canary), "the trimmed message's words left the live store while the chat is live");

        String longest = "x".repeat(ConversationService.MAX_TEXT_CHARS);
        for (int i = 61; i <= 100; i++) assertEquals(i + 1, say(hostile, "h" + i, longest));
        List<ChatMessage> kept = kept(flood);
        assertEquals(range(77, 101), seqs(kept), "the chars budget keeps the newest 25 of the largest size");
        assertTrue(kept.stream().mapToInt(m -> m.text().length()).sum() <= KEPT_CHARS);
        assertRedisHoldsOnly(flood, kept.size());

        // Meanwhile a genuine survivor elsewhere is served, both ways.
        WsClient genuine = hub.survivorFrom("127.0.0.2");
        String chat = start(genuine).getString("conversation");
        advocate.send("accept", "conversation", chat);
        advocate.awaitMatching("conversation", c -> chat.equals(c.getString("conversation")));
        genuine.await("assigned");
        genuine.send("message", "clientId", "g1", "text", "is anyone there?");
        assertEquals(1L, genuine.await("ack").getLong("seq"));
        JsonObject heard = advocate.awaitMatching("message", m -> chat.equals(m.getString("conversation")));
        assertEquals("is anyone there?", heard.getString("text"));
        advocate.send("message", "conversation", chat, "clientId", "a1", "text", "Yes, I'm here.");
        assertEquals(2L, advocate.await("ack").getLong("seq"));
        assertEquals("Yes, I'm here.", genuine.await("message").getString("text"));

        // And the hostile chat still takes messages, within the same bound.
        assertEquals(102, say(hostile, "h101", "still here"));
        assertEquals(range(78, 102), seqs(kept(flood)));
    }

    @Test
    void whoeverTakesOrResumesALongChatGetsItsKeptTailInOrder() throws Exception {
        WsClient survivor = hub.survivor();
        JsonObject started = start(survivor);
        String id = started.getString("conversation");
        for (int i = 1; i <= 70; i++) say(survivor, "s" + i, "m" + i);

        WsClient advocate = hub.advocateOnShift("maria");
        advocate.send("accept", "conversation", id);
        JsonArray shown = advocate.await("conversation").getJsonArray("messages");
        assertEquals(range(21, 70), seqsOf(shown), "the advocate who takes it gets the kept tail, in order");
        assertEquals("m21", shown.getJsonObject(0).getString("text"));
        survivor.await("assigned");
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "I'm here.");
        assertEquals(71L, advocate.await("ack").getLong("seq"));
        assertEquals(71L, survivor.await("message").getLong("seq"));

        // The console reconnects: the chat it holds is shown again from the kept tail.
        advocate.close();
        WsClient console = hub.advocate("maria", List.of("en", "es"), 3);
        JsonObject again = console.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        assertEquals(range(22, 71), seqsOf(again.getJsonArray("messages")));

        // The survivor resumes from a seq trimmed long ago: every kept message once, in order, and the chat goes on.
        WsClient back = hub.survivor();
        back.send("resume", "token", started.getString("token"), "lastSeq", 5);
        back.await("resumed");
        List<Long> replayed = new ArrayList<>();
        for (int i = 0; i < 50; i++) replayed.add(back.await("message").getLong("seq"));
        assertEquals(range(22, 71), replayed);
        back.expectNone("message", 300);
        assertEquals(72, say(back, "s71", "back again"));
        assertEquals("back again", console.awaitMatching("message", m -> m.getLong("seq") == 72).getString("text"));
    }
}
