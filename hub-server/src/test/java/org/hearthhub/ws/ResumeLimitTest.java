package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each resume writes a chat's kept messages again, so one token resumed over and over asks the hub for them
 * without end (ops/abuse's {@code resume} scenario). A chat is resumed at most {@code limits.resumesPerMinute}
 * times a minute (20 by default): past it the socket is closed with 1013, with no frame the client would answer,
 * and the next minute it is served again. Real sockets against a real hub; the hub's clock is moved on.
 */
class ResumeLimitTest {
    private static final int PER_MINUTE = 20;

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded()
            .env("HEARTH_METRICS_TOKEN", TestHub.METRICS_TOKEN)
            .env("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "100");
    TestHub hub;

    private String startedChat(String from) throws Exception {
        WsClient survivor = hub.survivorFrom(from);
        survivor.send("start", "lang", "en");
        String token = survivor.await("started").getString("token");
        survivor.send("message", "clientId", "c1", "text", "hello");
        survivor.await("ack");
        survivor.close();
        return token;
    }

    /** Opens a socket and resumes {@code token} from the first message: the socket, its first frame read. */
    private WsClient resume(String token, String from) throws Exception {
        WsClient socket = hub.survivorFrom(from);
        socket.send("resume", "token", token, "lastSeq", 0);
        return socket;
    }

    @Test
    void aChatResumedPastItsLimitIsClosedWith1013UntilTheMinuteIsOver() throws Exception {
        String hostile = startedChat("127.0.0.66");
        String genuine = startedChat("127.0.0.2");
        for (int i = 0; i < PER_MINUTE; i++) {
            WsClient socket = resume(hostile, "127.0.0.66");
            assertEquals("hello", socket.await("message").getString("text"), "resume " + (i + 1) + " is answered");
            socket.close();
        }
        WsClient refused = resume(hostile, "127.0.0.66");
        assertEquals((short) 1013, refused.awaitClose(5_000));
        assertEquals("too many resumes of this chat, try again later", refused.closeReason());
        assertTrue(refused.pending().isEmpty(), "no frame before the close: " + refused.pending());
        assertEquals(1.0, TestHub.metric(hub.metrics(), "hearth_survivor_sockets_closed_total{reason=\"resumes_over_limit\"}"));

        // The limit is the chat's: another chat resumes meanwhile.
        WsClient other = resume(genuine, "127.0.0.2");
        assertEquals("queued", other.await("resumed").getString("state"));
        assertEquals("hello", other.await("message").getString("text"));

        hub.clock.advance(Duration.ofSeconds(61));
        WsClient later = resume(hostile, "127.0.0.66");
        JsonObject resumed = later.await("resumed");
        assertEquals("queued", resumed.getString("state"), "the next minute the chat resumes again");
        assertEquals("hello", later.await("message").getString("text"));
    }
}
