package org.hearthhub.abuse;

import io.vertx.core.json.JsonObject;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client written out by hand, because it must send a frame that is already compressed:
 * it offers permessage-deflate (RFC 7692) on {@code /ws/survivor}, then sends one text frame with RSV1
 * set whose raw-deflate payload inflates to far more than the hub's frame limit, and reads what the
 * hub answers until it closes the connection or time runs out.
 */
final class DeflateSocket {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The tail every SYNC_FLUSH leaves, which permessage-deflate drops from the wire and the reader puts back. */
    private static final byte[] FLUSH_TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private DeflateSocket() {
    }

    /** A survivor {@code message} frame of {@code inflatedBytes}, deflated as permessage-deflate sends it (~1,030:1). */
    static byte[] bomb(int inflatedBytes) {
        byte[] head = "{\"type\":\"message\",\"clientId\":\"b\",\"text\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] run = new byte[64 * 1024];
        Arrays.fill(run, (byte) 'a');
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        feed(deflater, head, head.length, out);
        for (long left = inflatedBytes - head.length - tail.length; left > 0; left -= run.length) {
            feed(deflater, run, (int) Math.min(run.length, left), out);
        }
        feed(deflater, tail, tail.length, out);
        byte[] buf = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
        deflater.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - FLUSH_TAIL.length);
    }

    private static void feed(Deflater deflater, byte[] bytes, int length, ByteArrayOutputStream out) {
        deflater.setInput(bytes, 0, length);
        byte[] buf = new byte[64 * 1024];
        while (!deflater.needsInput()) out.write(buf, 0, deflater.deflate(buf));
    }

    /**
     * Sends {@code compressed} as one frame from {@code localAddress} and returns the hub's answer:
     * {@code error too_large} (a text frame), {@code close 1009} (a close frame), {@code no answer in N s},
     * {@code dropped} (connection closed without a close frame), or {@code refused 429} (upgrade refused).
     */
    static String send(String localAddress, String hubUrl, byte[] compressed, int waitMillis) {
        URI hub = URI.create(hubUrl);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(localAddress, 0));
            s.connect(new InetSocketAddress(hub.getHost(), hub.getPort()), waitMillis);
            s.setSoTimeout(waitMillis);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            byte[] key = new byte[16];
            RANDOM.nextBytes(key);
            out.write(("GET /ws/survivor HTTP/1.1\r\nHost: " + hub.getHost() + ":" + hub.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = readHead(in);
            if (!head.startsWith("HTTP/1.1 101")) return "refused " + head.split(" ", 3)[1];
            if (!head.toLowerCase().contains("permessage-deflate")) return "deflate not offered back";
            out.write(frame(compressed));
            out.flush();
            return readAnswer(in);
        } catch (SocketTimeoutException e) {
            return "no answer in " + waitMillis / 1000 + " s";
        } catch (EOFException e) {
            return "dropped";
        } catch (IOException e) {
            return "dropped (" + e.getMessage() + ")";
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new EOFException();
            head.append((char) b);
        }
        return head.toString();
    }

    /** FIN + RSV1 (compressed) + text, masked as every client frame must be. */
    private static byte[] frame(byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x80 | 0x40 | 0x1);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) f.write((int) ((long) payload.length >>> shift) & 0xff);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        f.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) f.write(payload[i] ^ mask[i & 3]);
        return f.toByteArray();
    }

    /** The first close frame or text frame the hub sends; pings and the like are skipped. */
    private static String readAnswer(DataInputStream in) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7f;
                if (length == 126) length = in.readUnsignedShort();
                else if (length == 127) length = in.readLong();
                if (length > (1 << 20)) return "frame of " + length + " bytes from the hub";
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = b0 & 0xf;
                if (opcode == 0x8) return payload.length >= 2 ? "close " + (((payload[0] & 0xff) << 8) | (payload[1] & 0xff)) : "close";
                if (opcode == 0x1) {
                    String text = (b0 & 0x40) != 0 ? inflate(inflater, payload) : new String(payload, StandardCharsets.UTF_8);
                    JsonObject frame = new JsonObject(text);
                    return frame.getString("type") + (frame.containsKey("code") ? " " + frame.getString("code") : "");
                }
            }
        } finally {
            inflater.end();
        }
    }

    private static String inflate(Inflater inflater, byte[] payload) throws IOException {
        byte[] input = Arrays.copyOf(payload, payload.length + FLUSH_TAIL.length);
        System.arraycopy(FLUSH_TAIL, 0, input, payload.length, FLUSH_TAIL.length);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = inflater.inflate(buf)) > 0) out.write(buf, 0, n);
        } catch (DataFormatException e) {
            throw new IOException("hub frame does not inflate", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
