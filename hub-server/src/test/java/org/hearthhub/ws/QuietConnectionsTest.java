package org.hearthhub.ws;

import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Connections that say nothing: a bare TCP connection is closed after {@code server.idleTimeoutSeconds};
 * a queued survivor's socket outlives it, because the hub pings it and the client's answer is traffic; a
 * survivor socket that never asks for a chat is closed after {@code limits.socketStartSeconds} with 4408.
 * These wait on the hub's network timers, which run on real time.
 */
class QuietConnectionsTest {
    private static final int IDLE_SECONDS = 5; // the shortest allowed

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().env("HEARTH_IDLE_TIMEOUT_SECONDS", String.valueOf(IDLE_SECONDS))
            .env("HEARTH_LIMITS_SOCKET_START_SECONDS", "2");
    TestHub hub;

    @Test
    void aSilentTcpConnectionIsClosedWhileAQueuedSurvivorStays() throws Exception {
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        long opened = System.nanoTime();
        try (Socket silent = new Socket("127.0.0.1", hub.port())) {
            silent.setSoTimeout((IDLE_SECONDS + 5) * 1000);
            InputStream in = silent.getInputStream();
            try {
                assertEquals(-1, in.read(), "the hub closes the connection without a word");
            } catch (SocketTimeoutException e) {
                fail("a connection that sent nothing for " + (IDLE_SECONDS + 5) + " s is still open");
            }
        }
        long heldMillis = (System.nanoTime() - opened) / 1_000_000;
        assertTrue(heldMillis >= IDLE_SECONDS * 1000 - 500, "closed after the idle timeout, not before: " + heldMillis + " ms");

        // The survivor has said nothing for as long, and the hub's pings kept the socket.
        assertFalse(survivor.isClosed(), "the queued survivor's socket was closed");
        survivor.send("message", "clientId", "still", "text", "still waiting");
        assertEquals("still", survivor.await("ack").getString("clientId"));
    }

    @Test
    void aSurvivorSocketThatNeverAsksForAChatIsClosedWith4408() throws Exception {
        WsClient idle = hub.survivor();
        WsClient started = hub.survivor();
        started.send("start", "lang", "en");
        started.await("started");
        WsClient resumed = hub.survivor();
        resumed.send("resume", "token", "no-such-token", "lastSeq", 0);
        assertEquals("unknown_token", resumed.await("error").getString("code"));

        assertEquals((short) 4408, idle.awaitClose(5000));
        assertFalse(started.isClosed(), "a socket that started a chat stays");
        assertFalse(resumed.isClosed(), "so does one that tried to resume (it may start next)");
        started.send("message", "clientId", "c1", "text", "hello");
        assertEquals("c1", started.await("ack").getString("clientId"));
    }
}
