package org.hearthhub.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written by hand on a plain TCP socket, for what no well-behaved client library
 * sends: a frame compressed although no compression was agreed, a header that announces more than it
 * will ever deliver, fragments that together exceed any limit. Blocking; for tests only.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 0x1;
    public static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final byte[] MASK = {0x12, 0x34, 0x56, 0x78};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Map<String, String> handshakeHeaders;

    private RawWebSocket(Socket socket, Map<String, String> handshakeHeaders) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.handshakeHeaders = handshakeHeaders;
    }

    /** Opens {@code path} on 127.0.0.1, offering {@code extensions} (e.g. {@code permessage-deflate}) unless null. */
    public static RawWebSocket connect(int port, String path, String extensions) throws IOException {
        return handshake(new Socket("127.0.0.1", port), port, path, extensions, Map.of());
    }

    /**
     * Opens {@code path} from {@code localAddress} with a receive buffer of a few KB, for a client that will read
     * nothing after the handshake: what the hub sends it backs up in the hub at once.
     */
    public static RawWebSocket connectWithoutReading(int port, String path, String localAddress) throws IOException {
        return connectWithoutReading(port, path, localAddress, Map.of());
    }

    /** The same with request headers (a console's {@code Cookie} and {@code Origin}). */
    public static RawWebSocket connectWithoutReading(int port, String path, String localAddress, Map<String, String> headers)
            throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connecting, so the window the hub is offered stays small
        socket.bind(new java.net.InetSocketAddress(localAddress, 0));
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
        return handshake(socket, port, path, null, headers);
    }

    private static RawWebSocket handshake(Socket socket, int port, String path, String extensions, Map<String, String> requestHeaders)
            throws IOException {
        socket.setSoTimeout(10_000);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n")
                + requestHeaders.entrySet().stream().map(h -> h.getKey() + ": " + h.getValue() + "\r\n").collect(java.util.stream.Collectors.joining())
                + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + status);
        }
        Map<String, String> headers = new HashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new RawWebSocket(socket, headers);
    }

    /** A header of the hub's 101 answer, by lower-case name, or null. */
    public String handshakeHeader(String name) {
        return handshakeHeaders.get(name.toLowerCase(Locale.ROOT));
    }

    /** Sends one masked frame; {@code rsv1} is the bit that says "compressed". */
    public void sendFrame(boolean fin, boolean rsv1, int opcode, byte[] payload) throws IOException {
        sendHeader(fin, rsv1, opcode, payload.length);
        out.write(masked(payload));
        out.flush();
    }

    /** Sends one whole text frame. */
    public void sendText(String text) throws IOException {
        sendFrame(true, false, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends whole text frames in one write, so the hub reads them together: the second is handled while what the
     * first asked for is still under way.
     */
    public void sendTexts(String... texts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String text : texts) all.write(frame(text.getBytes(StandardCharsets.UTF_8)));
        out.write(all.toByteArray());
        out.flush();
    }

    /** {@link #sendTexts} ending with a close frame (status 1000), then the connection: gone before the hub answers. */
    public void sendTextsAndLeave(String... texts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String text : texts) all.write(frame(text.getBytes(StandardCharsets.UTF_8)));
        all.write(frame(CLOSE, new byte[]{0x03, (byte) 0xE8}));
        out.write(all.toByteArray());
        out.flush();
        socket.close();
    }

    private static byte[] frame(byte[] text) throws IOException {
        return frame(TEXT, text);
    }

    /** One final, masked frame of {@code opcode}, header and payload together (payloads under 64 KiB). */
    private static byte[] frame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length);
        }
        f.write(MASK);
        f.write(masked(payload));
        return f.toByteArray();
    }

    /** Sends only the header of a frame announcing {@code length} bytes, and none of them. */
    public void sendHeader(boolean fin, boolean rsv1, int opcode, long length) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        if (length < 126) {
            header.write(0x80 | (int) length);
        } else if (length <= 0xFFFF) {
            header.write(0x80 | 126);
            header.write((int) (length >> 8));
            header.write((int) length);
        } else {
            header.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) header.write((int) (length >> shift));
        }
        header.write(MASK);
        out.write(header.toByteArray());
        out.flush();
    }

    private static byte[] masked(byte[] payload) {
        byte[] out = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) out[i] = (byte) (payload[i] ^ MASK[i & 3]);
        return out;
    }

    /**
     * Reads (and drops) frames until the hub's close frame and returns its status code; -1 when the
     * connection ended without one. Fails the test if neither happens within {@code timeoutMs}.
     */
    public int awaitClose(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        try {
            while (true) {
                Frame f = next();
                if (f.opcode() == CLOSE) return f.closeStatus();
            }
        } catch (EOFException | java.net.SocketException e) {
            return -1;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the hub neither closed the socket nor the connection within " + timeoutMs + " ms");
        }
    }

    /**
     * The payload of the hub's next text frame, as UTF-8; other frames (pings) are skipped over.
     * Fails the test when the hub closes first or sends nothing within {@code timeoutMs}.
     */
    public String awaitText(int timeoutMs) throws IOException {
        String text = nextText(timeoutMs);
        if (text == null) throw new AssertionError("the hub sent no text frame within " + timeoutMs + " ms");
        return text;
    }

    /** The payload of the hub's next text frame, or null when none comes within {@code quietMs}; pings are skipped over. */
    public String nextText(int quietMs) throws IOException {
        socket.setSoTimeout(quietMs);
        try {
            while (true) {
                Frame f = next();
                if (f.opcode() == CLOSE) throw new AssertionError("the hub closed the socket (" + f.closeStatus() + ") instead of answering");
                if (f.opcode() != TEXT) continue;
                // A long text comes in fragments: continuation frames up to the one marked final.
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                text.write(f.payload());
                socket.setSoTimeout(10_000); // the rest of a message that has begun follows at once
                for (boolean whole = f.fin(); !whole; ) {
                    Frame part = next();
                    if (part.opcode() == CLOSE) throw new AssertionError("the hub closed the socket in the middle of a message");
                    if (part.opcode() != CONTINUATION) continue; // a ping between the fragments
                    text.write(part.payload());
                    whole = part.fin();
                }
                return text.toString(StandardCharsets.UTF_8);
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private record Frame(boolean fin, int opcode, byte[] payload) {
        int closeStatus() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    /** One whole frame from the hub (unmasked, as a server sends). */
    private Frame next() throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = data.readUnsignedByte();
        int second = data.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) length = data.readUnsignedShort();
        else if (length == 127) length = data.readLong();
        byte[] payload = new byte[(int) length];
        data.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) throw new EOFException("connection closed during the handshake");
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
