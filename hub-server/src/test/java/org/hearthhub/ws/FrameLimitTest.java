package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.RawWebSocket;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hard limit on what a socket may send (protocol.md: frames over four times {@code limits.maxFrameBytes},
 * at least 64 KiB, close the socket with 1009), and the compression bomb: the hub agrees to no compression,
 * so nothing a client sends is ever inflated.
 */
class FrameLimitTest {
    private static final int HARD_LIMIT = 65536;
    private static final int BOMB_BYTES = 60 << 20;

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    Vertx vertx;
    TestHub hub;

    @BeforeEach
    void defaultLimit() {
        assertEquals(HARD_LIMIT, FrameReader.hardLimit(hub.hub.config().limits().maxFrameBytes()), "the default limit");
    }

    private WsClient chattingSurvivor() throws Exception {
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        return survivor;
    }

    /** Proof that the hub still serves others: a new survivor gets a chat. */
    private void anotherSurvivorIsServed() throws Exception {
        try (WsClient other = chattingSurvivor()) {
            other.send("message", "clientId", "c1", "text", "hello");
            assertEquals("c1", other.await("ack").getString("clientId"));
        }
    }

    private static String messageOfBytes(int bytes) {
        String head = "{\"type\":\"message\",\"clientId\":\"big\",\"text\":\"hi\",\"pad\":\"";
        return head + "x".repeat(bytes - head.length() - 2) + "\"}";
    }

    @Test
    void aFrameOverTheHardLimitClosesTheSurvivorSocketWith1009() throws Exception {
        WsClient survivor = chattingSurvivor();
        survivor.sendRaw(messageOfBytes(HARD_LIMIT + 1));
        assertEquals((short) 1009, survivor.awaitClose(5000));
        anotherSurvivorIsServed();
    }

    @Test
    void aFrameOverTheHardLimitClosesTheConsoleWith1009() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        advocate.sendRaw(messageOfBytes(HARD_LIMIT + 1));
        assertEquals((short) 1009, advocate.awaitClose(5000));
    }

    @Test
    void aFrameJustUnderTheHardLimitIsAnsweredTooLargeOnASocketThatStays() throws Exception {
        WsClient survivor = chattingSurvivor();
        survivor.sendRaw(messageOfBytes(HARD_LIMIT));
        assertEquals("too_large", survivor.await("error").getString("code"));
        survivor.send("message", "clientId", "after", "text", "still here");
        assertEquals("after", survivor.await("ack").getString("clientId"));
    }

    @Test
    void aMessageFragmentedPastTheHardLimitClosesWith1009() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(hub.port(), "/ws/survivor", null)) {
            byte[] part = new byte[HARD_LIMIT / 2 + 1];
            Arrays.fill(part, (byte) 'x');
            raw.sendFrame(false, false, RawWebSocket.TEXT, part);
            raw.sendFrame(false, false, RawWebSocket.CONTINUATION, part);
            assertEquals(1009, raw.awaitClose(5000), "no frame is too large, the message is");
        }
        anotherSurvivorIsServed();
    }

    /** Frames are parsed from their bytes as they came: bytes that are not UTF-8 are refused, never turned into other text. */
    @Test
    void textThatIsNotUtf8IsABadRequestAndTheSocketStaysUsable() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(hub.port(), "/ws/survivor", null)) {
            raw.sendFrame(true, false, RawWebSocket.TEXT, "{\"type\":\"start\",\"lang\":\"en\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals("started", new JsonObject(raw.awaitText(5000)).getString("type"));
            byte[] broken = "{\"type\":\"message\",\"clientId\":\"c1\",\"text\":\"caf\u00e9 XX\"}".getBytes(StandardCharsets.UTF_8);
            broken[broken.length - 4] = (byte) 0xC3; // a lead byte followed by ASCII: not UTF-8
            broken[broken.length - 3] = (byte) 0x28;
            raw.sendFrame(true, false, RawWebSocket.TEXT, broken);
            JsonObject answer = new JsonObject(raw.awaitText(5000));
            assertEquals("error", answer.getString("type"), answer.encode());
            assertEquals("bad_request", answer.getString("code"));
            raw.sendFrame(true, false, RawWebSocket.TEXT,
                    "{\"type\":\"message\",\"clientId\":\"c2\",\"text\":\"still here\"}".getBytes(StandardCharsets.UTF_8));
            JsonObject ack = new JsonObject(raw.awaitText(5000));
            assertEquals("ack", ack.getString("type"), ack.encode());
            assertEquals("c2", ack.getString("clientId"));
        }
    }

    @Test
    void aClientOfferingCompressionGetsNoneAndIsServed() throws Exception {
        // As every browser does: offer permessage-deflate.
        WebSocketClientOptions offering = WsClient.clientOptions().setTryUsePerMessageCompression(true);
        try (WsClient survivor = WsClient.connect(vertx, offering, WsClient.target(hub.port(), "/ws/survivor", null, null))) {
            assertNull(survivor.handshakeHeaders().get("Sec-WebSocket-Extensions"), "no compression agreed");
            survivor.send("start", "lang", "en");
            survivor.await("started");
            survivor.send("message", "clientId", "c1", "text", "hello");
            assertEquals("c1", survivor.await("ack").getString("clientId"));
        }
    }

    @Test
    void aBombSentAsCompressionWasRefusedIsCutOffAtItsHeaderWith1009() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(hub.port(), "/ws/survivor", "permessage-deflate; client_max_window_bits")) {
            assertNull(raw.handshakeHeader("Sec-WebSocket-Extensions"), "the hub agrees to no compression");
            // A client that honours that sends its 60 MiB uncompressed: the header alone says too much.
            raw.sendHeader(true, false, RawWebSocket.TEXT, BOMB_BYTES);
            assertEquals(1009, raw.awaitClose(5000));
        }
        anotherSurvivorIsServed();
    }

    @Test
    void compressedBombsAreNeverInflatedAndTheHubStaysResponsive() throws Exception {
        byte[] bomb = deflated(BOMB_BYTES);
        assertTrue(bomb.length < HARD_LIMIT, "it passes any check on the bytes on the wire: " + bomb.length);
        long allocatedBefore = eventLoopAllocatedBytes();
        for (int i = 0; i < 20; i++) {
            try (RawWebSocket raw = RawWebSocket.connect(hub.port(), "/ws/survivor", "permessage-deflate")) {
                // Compressed (RSV1) regardless: the hub agreed to no compression, so this is a protocol error.
                raw.sendFrame(true, true, RawWebSocket.TEXT, bomb);
                assertEquals(1002, raw.awaitClose(5000));
            }
        }
        long allocated = eventLoopAllocatedBytes() - allocatedBefore;
        assertTrue(allocated < 32L << 20, "20 bombs of 60 MiB cost the hub " + (allocated >> 20) + " MiB");

        long t0 = System.nanoTime();
        assertEquals(200, TestHub.await(hub.http().get(hub.port(), "localhost", "/api/v1/status").send()).statusCode());
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "status answers within a second");
        anotherSurvivorIsServed();
    }

    /** What the hub's event loops have allocated so far (the raw clients run on the test thread). */
    private static long eventLoopAllocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("vert.x-eventloop")) sum += Math.max(0, threads.getThreadAllocatedBytes(t.getId()));
        }
        return sum;
    }

    /** {@code bytes} of one repeated letter, deflated as permessage-deflate frames carry it (RFC 7692 §7.2.1). */
    private static byte[] deflated(int bytes) {
        byte[] text = new byte[bytes];
        Arrays.fill(text, (byte) 'a');
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) out.write(buffer, 0, n);
        deflater.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4); // without the 00 00 ff ff tail
    }
}
