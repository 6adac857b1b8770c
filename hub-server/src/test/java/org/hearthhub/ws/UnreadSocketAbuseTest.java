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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sockets that do not read what they are sent: a hostile survivor fills a chat, then resumes it on several
 * sockets it never reads, so that each would hold a whole transcript in the hub's memory. Each is cut off
 * ({@code limits.unsentBytesPerSocket}, its default), while a genuine survivor and advocate chat on, and a genuine resume of
 * the same chat is served. One that sends just enough to never look idle, and never reads, is cut off after
 * the idle timeout. Real sockets against a real hub; the ping timers run on real time.
 */
class UnreadSocketAbuseTest {
    private static final int IDLE_SECONDS = 5; // the shortest allowed
    /**
     * 11.2 MB of catch-up (two UTF-8 bytes a character): past the default bound (4 MiB) and what the kernel takes
     * for a socket on loopback (~2.8 MB on the machine this was written on) together.
     */
    private static final int LONG_MESSAGES = 1_400;
    private static final String LONGEST = "é".repeat(ConversationService.MAX_TEXT_CHARS);

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded()
            .env("HEARTH_METRICS_TOKEN", TestHub.METRICS_TOKEN)
            .env("HEARTH_IDLE_TIMEOUT_SECONDS", String.valueOf(IDLE_SECONDS))
            .env("HEARTH_LIMITS_TRANSCRIPT_CHARS", String.valueOf(LONG_MESSAGES * ConversationService.MAX_TEXT_CHARS))
            .env("HEARTH_LIMITS_SURVIVOR_MESSAGES_PER_MINUTE", "10000")
            .env("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "100");
    TestHub hub;
    private int framesThisSecond;

    /** A chat of {@link #LONG_MESSAGES} messages of the largest size; answers its resume token. */
    private String longChat() throws Exception {
        WsClient filler = hub.survivorFrom("127.0.0.9");
        filler.send("start", "lang", "en");
        String token = filler.await("started").getString("token");
        for (int i = 1; i <= LONG_MESSAGES; i++) {
            // The hub's clock stands still: it is moved on before the socket's frame budget runs out.
            if (++framesThisSecond == 15) {
                hub.clock.advance(Duration.ofSeconds(1));
                framesThisSecond = 0;
            }
            filler.send("message", "clientId", "f" + i, "text", LONGEST);
            assertEquals(i, filler.await("ack").getLong("seq"));
        }
        filler.close();
        return token;
    }

    /** A survivor socket whose client reads nothing after the handshake (a raw one: a client library would). */
    private RawWebSocket unreading(String localAddress) throws Exception {
        return RawWebSocket.connectWithoutReading(hub.port(), "/ws/survivor", localAddress);
    }

    private static String resume(String token, long lastSeq) {
        return new JsonObject().put("type", "resume").put("token", token).put("lastSeq", lastSeq).encode();
    }

    @Test
    void resumesNeverReadAreCutOffWhileGenuineChatsAndResumesAreServed() throws Exception {
        String token = longChat();
        WsClient advocate = hub.advocateOnShift("maria");
        TestHub.TakenChat taken = hub.chatTakenBy(advocate, "127.0.0.2");
        WsClient genuine = taken.survivor();
        String chat = taken.conversation();

        List<RawWebSocket> hostile = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RawWebSocket h = unreading("127.0.0.66");
            h.sendText(resume(token, 0)); // 11.2 MB of catch-up each, never read
            hostile.add(h);
        }
        awaitCuts(3);

        // Meanwhile, and after: the genuine chat goes both ways.
        genuine.send("message", "clientId", "g1", "text", "are you still there?");
        assertEquals(1L, genuine.await("ack").getLong("seq"));
        assertEquals("are you still there?", advocate.awaitMatching("message", m -> chat.equals(m.getString("conversation"))).getString("text"));
        advocate.send("message", "conversation", chat, "clientId", "a1", "text", "Yes, I'm here.");
        assertEquals(2L, advocate.await("ack").getLong("seq"));
        assertEquals("Yes, I'm here.", genuine.await("message").getString("text"));

        // A genuine resume of the long chat, which reads, gets what it missed.
        WsClient back = hub.survivorFrom("127.0.0.3");
        back.send("resume", "token", token, "lastSeq", LONG_MESSAGES - 5);
        back.await("resumed");
        for (long seq = LONG_MESSAGES - 4; seq <= LONG_MESSAGES; seq++) assertEquals(seq, back.await("message").getLong("seq"));
        assertFalse(back.isClosed());
        assertFalse(genuine.isClosed());
        assertFalse(advocate.isClosed());

        // A cut socket, once its client reads again, finds its connection gone (without a closing frame: none would have been read).
        for (RawWebSocket h : hostile) assertEquals(-1, h.awaitClose(5_000));
    }

    @Test
    void aSocketThatSendsButNeverReadsIsCutOffAfterTheIdleTimeout() throws Exception {
        String token = longChat();
        // Resumed with 5.2 MB to catch up: more than the kernel takes, and what is left under the bound. Then it only
        // ever sends, as if alive.
        RawWebSocket stalled = unreading("127.0.0.66");
        stalled.sendText(resume(token, LONG_MESSAGES - 650));
        WsClient quiet = hub.survivorFrom("127.0.0.4");
        quiet.send("start", "lang", "en");
        quiet.await("started");

        long since = System.nanoTime();
        while (metricCuts() < 1 && System.nanoTime() - since < (IDLE_SECONDS * 3L) * 1_000_000_000L) {
            try {
                stalled.sendText("{\"type\":\"typing\"}");
            } catch (java.net.SocketException cutMeanwhile) {
                break; // cut between the look at the metric and this send: the metric below says so
            }
            Thread.sleep(250);
        }
        long tookMillis = (System.nanoTime() - since) / 1_000_000;
        assertEquals(1.0, metricCuts(), "cut off within three idle timeouts");
        assertTrue(tookMillis >= IDLE_SECONDS * 1000L - 1000, "not before the idle timeout: " + tookMillis + " ms");
        // The quiet survivor reads (its client answers the pings) and sent nothing all along: it stays.
        assertFalse(quiet.isClosed());
        quiet.send("message", "clientId", "q1", "text", "still waiting");
        assertEquals("q1", quiet.await("ack").getString("clientId"));
    }

    private double metricCuts() throws Exception {
        return TestHub.metric(hub.metrics(), "hearth_sockets_cut_unread_total{side=\"survivor\"}");
    }

    private void awaitCuts(int cuts) throws Exception {
        double seen = -1;
        for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline; Thread.sleep(20)) {
            seen = metricCuts();
            if (seen >= cuts) break;
        }
        assertEquals(cuts, seen, "sockets cut off for not reading");
    }
}
