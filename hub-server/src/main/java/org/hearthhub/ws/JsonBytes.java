package org.hearthhub.ws;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A frame's JSON written straight into UTF-8 bytes, for the frames every chat message becomes: going
 * through a {@code StringBuilder}, a {@code String} and then its bytes made four arrays per frame where
 * this makes one. Each thread writes into its own scratch array, so a frame costs only its final copy.
 *
 * <p>Strings are escaped as Jackson escapes them (quote, backslash, control characters) and encoded as
 * {@link String#getBytes} encodes them, a lone surrogate included (as {@code ?}): the text a client
 * reads is the same either way ({@code EncodedFramesTest}).
 *
 * <p>{@link Frames} hands the writer itself on to a socket's {@link FrameOut}, which copies it into the
 * frame's buffer: what it holds is valid only until this thread starts the next frame.
 */
final class JsonBytes {
    private static final FastThreadLocal<JsonBytes> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected JsonBytes initialValue() {
            return new JsonBytes();
        }
    };
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** A scratch array grown past this by one huge frame is let go afterwards rather than kept. */
    private static final int KEPT_CAPACITY = 16 * 1024;

    private byte[] buf = new byte[512];
    private int len;

    private JsonBytes() {
    }

    /** This thread's writer, emptied. Not re-entrant: finish one frame with {@link #bytes()} or {@link #copyTo} before the next. */
    static JsonBytes start() {
        JsonBytes out = SCRATCH.get();
        out.len = 0;
        return out;
    }

    /** Text known to need no escaping and to be ASCII: field names, punctuation, wire names. */
    JsonBytes raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) buf[len++] = (byte) ascii.charAt(i);
        return this;
    }

    /** Text that is JSON already, as its UTF-8 bytes. */
    JsonBytes json(String text) {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, len, utf8.length);
        len += utf8.length;
        return this;
    }

    JsonBytes raw(char ascii) {
        ensure(1);
        buf[len++] = (byte) ascii;
        return this;
    }

    JsonBytes number(long value) {
        // Long.toString's digits, without its String.
        if (value == Long.MIN_VALUE) return raw(Long.toString(value));
        ensure(20);
        if (value < 0) {
            buf[len++] = '-';
            value = -value;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        reverse(start, len - 1);
        return this;
    }

    /** The value in quotes, escaped. */
    JsonBytes string(String value) {
        int n = value.length();
        ensure(n * 6 + 2); // the worst case: every char a \\u00XX escape
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') buf[len++] = '\\';
                buf[len++] = (byte) c;
            } else if (c < 0x20) {
                escapeControl(c);
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xc0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                buf[len++] = (byte) (0xf0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                buf[len++] = '?'; // a lone half of a pair, as String.getBytes writes it
            } else {
                buf[len++] = (byte) (0xe0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        buf[len++] = '"';
        return this;
    }

    /** The instant in quotes, as {@link Instant#toString()} spells it (years 0–9999; others through it). */
    JsonBytes instant(Instant at) {
        long seconds = at.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = days >= -719_528 && days <= 2_932_896 ? LocalDate.ofEpochDay(days) : null; // 0000-01-01 … 9999-12-31
        if (date == null) return raw('"').raw(at.toString()).raw('"');
        ensure(32);
        buf[len++] = '"';
        digits(date.getYear(), 4).raw('-').digits(date.getMonthValue(), 2).raw('-').digits(date.getDayOfMonth(), 2).raw('T')
                .digits(secondOfDay / 3600, 2).raw(':').digits(secondOfDay / 60 % 60, 2).raw(':').digits(secondOfDay % 60, 2);
        int nanos = at.getNano();
        if (nanos > 0) {
            // As ISO_INSTANT: milli-, micro- or nanoseconds, whichever shows every digit.
            buf[len++] = '.';
            if (nanos % 1_000_000 == 0) digits(nanos / 1_000_000, 3);
            else if (nanos % 1_000 == 0) digits(nanos / 1_000, 6);
            else digits(nanos, 9);
        }
        buf[len++] = 'Z';
        buf[len++] = '"';
        return this;
    }

    int length() {
        return len;
    }

    /** What was written, into {@code out} ({@link FrameOut}: no array of its own). */
    void copyTo(ByteBuf out) {
        out.writeBytes(buf, 0, len);
        if (buf.length > KEPT_CAPACITY) buf = new byte[512];
    }

    /** What was written, in an array of its own. */
    byte[] bytes() {
        byte[] out = Arrays.copyOf(buf, len);
        if (buf.length > KEPT_CAPACITY) buf = new byte[512];
        return out;
    }

    private JsonBytes digits(int value, int width) {
        for (int i = len + width - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len += width;
        return this;
    }

    private void escapeControl(char c) {
        buf[len++] = '\\';
        switch (c) {
            case '\n' -> buf[len++] = 'n';
            case '\t' -> buf[len++] = 't';
            case '\r' -> buf[len++] = 'r';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[c >> 4];
                buf[len++] = HEX[c & 0xf];
            }
        }
    }

    private void reverse(int from, int to) {
        while (from < to) {
            byte t = buf[from];
            buf[from++] = buf[to];
            buf[to--] = t;
        }
    }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
}
