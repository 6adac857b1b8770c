package org.hearthhub.ws;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import org.hearthhub.error.Refusal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One parser reads frame after frame: each as Vert.x's own codec reads it (but for a key given twice), and a bad one spoils none after it. */
class FrameJsonTest {
    private static final List<String> FRAMES = List.of(
            "{\"type\":\"message\",\"clientId\":\"c7\",\"text\":\"hola, ¿estás ahí? \\\"quoted\\\" \\u00e9 \\ud83d\\ude00\"}",
            "{}",
            "  {\"type\":\"resume\",\"token\":\"abc\",\"lastSeq\":12}  ",
            "{\"n\":[1,-2,3000000000,123456789012345678901234567890,1.5,-2e-3,0],\"b\":[true,false,null],\"e\":[]}",
            "{\"type\":\"message\",\"clientId\":\"r1\",\"referrals\":[{\"name\":\"Shelter\",\"phone\":\"+15550100\"},{\"name\":\"Legal\",\"url\":\"https://x.example\"}]}",
            "{\"nested\":{\"deeper\":{\"deepest\":[{\"k\":\"v\"}]}},\"one\":1,\"two\":2}",
            "{\"text\":\"<script>alert(1)</script>\"}",
            "\"a string frame\"");

    @Test
    void framesReadOneAfterAnotherAreReadAsVertxReadsEachAlone() {
        FrameJson.FrameParser parser = new FrameJson.FrameParser();
        for (int round = 0; round < 3; round++) {
            for (String frame : FRAMES) assertEquals(alone(frame), read(parser, frame), frame);
        }
        assertEquals(1, parser.made(), "one parser for every frame");
    }

    @Test
    void decodeGivesAnObjectForAnObjectFrame() {
        Object value = FrameJson.decode(io.vertx.core.buffer.Buffer.buffer(FRAMES.get(0)));
        JsonObject frame = assertInstanceOf(JsonObject.class, value);
        assertEquals("message", frame.getString("type"));
        assertEquals("c7", frame.getString("clientId"));
        assertEquals(2, FrameReader.referrals(assertInstanceOf(JsonObject.class, FrameJson.decode(io.vertx.core.buffer.Buffer.buffer(FRAMES.get(4))))).size());
    }

    @Test
    void aBadFrameIsRefusedAndTheNextIsReadWhole() {
        FrameJson.FrameParser parser = new FrameJson.FrameParser();
        String good = FRAMES.get(0);
        List<byte[]> bad = List.of(
                bytes("{\"type\":\"mess"),                       // cut short inside a string
                bytes("{\"type\":\"message\",\"n\":12"),         // cut short after a number
                bytes("{\"type\":\"message\"} trailing"),        // text after the value
                bytes("{\"a\":1}{\"b\":2}"),                     // two values
                bytes("{\"a\":1} 12"),                           // a number after it, ended by nothing
                bytes("{\"a\":1}tru"),                           // the start of a word after it
                bytes("{\"a\":1,}"),                              // not JSON
                bytes(""),                                        // nothing
                bytes("123"),                                     // a number that might go on
                notUtf8());
        for (byte[] frame : bad) {
            assertThrows(DecodeException.class, () -> parser.parse(frame, 0, frame.length), new String(frame, StandardCharsets.UTF_8));
            assertEquals(alone(good), read(parser, good), "the frame after a bad one");
        }
        assertEquals(1 + bad.size(), parser.made(), "each bad frame cost its parser");
    }

    @Test
    void onlyTheFramesBytesAreRead() {
        FrameJson.FrameParser parser = new FrameJson.FrameParser();
        byte[] padded = bytes("xx{\"type\":\"typing\"}yy");
        assertEquals(Map.of("type", "typing"), parser.parse(padded, 2, padded.length - 4));
    }

    @Test
    void aParserIsReplacedOnceItHasReadItsShareOfNames() {
        FrameJson.FrameParser parser = new FrameJson.FrameParser();
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 1000; i++) many.append(i == 0 ? "" : ",").append("\"name").append(i).append("\":").append(i);
        String frame = many.append('}').toString();
        int frames = FrameJson.FrameParser.NAMES_PER_PARSER / 1000 + 1;
        for (int i = 0; i < 2 * frames; i++) assertEquals(alone(frame), read(parser, frame));
        assertEquals(2, parser.made(), "a new parser after " + FrameJson.FrameParser.NAMES_PER_PARSER + " names");
    }

    @Test
    void aParserIsReplacedOnceItHasReadItsShareOfNameCharacters() {
        // One long name a frame: few names, but the parser's symbol table would keep every one of them.
        FrameJson.FrameParser parser = new FrameJson.FrameParser();
        int frames = FrameJson.FrameParser.NAME_CHARS_PER_PARSER / 16_000 + 1;
        for (int i = 0; i < 2 * frames; i++) {
            String frame = "{\"" + Integer.toString(i, 36) + "n".repeat(16_000) + "\":" + i + "}";
            assertEquals(alone(frame), read(parser, frame));
        }
        assertEquals(2, parser.made(), "a new parser after " + FrameJson.FrameParser.NAME_CHARS_PER_PARSER + " characters of names");
    }

    @Test
    void aParserReadsAsManyBytesAsItsFramesHold() {
        // Jackson counts a non-blocking parser's input over all it was fed; a document length limit in its
        // defaults (none in 2.18) would refuse a healthy frame after enough others. 4,000 frames of 16 KiB.
        FrameJson.FrameParser parser = new FrameJson.FrameParser();
        String frame = "{\"text\":\"" + "x".repeat(16_384) + "\"}";
        byte[] utf8 = bytes(frame);
        for (int i = 0; i < 4_000; i++) assertEquals(16_384, ((String) ((Map<?, ?>) parser.parse(utf8, 0, utf8.length)).get("text")).length());
        assertEquals(1, parser.made());
    }

    @Test
    void fieldsKeepTheirOrderAndARepeatedNameIsRefusedByItsPath() {
        // Around the point where an object moves from side-by-side arrays to a hash map (FrameFields.FEW).
        FrameJson.FrameParser parser = new FrameJson.FrameParser();
        for (int fields = 0; fields <= 2 * FrameFields.FEW + 2; fields++) {
            for (int repeatAt = -1; repeatAt < fields; repeatAt++) {
                StringBuilder frame = new StringBuilder("{");
                for (int i = 0; i < fields; i++) {
                    if (i > 0) frame.append(',');
                    frame.append("\"f").append(i).append("\":").append(i);
                    if (i == repeatAt) frame.append(",\"f0\":{\"again\":[1]}");
                }
                String text = frame.append('}').toString();
                if (repeatAt < 0) {
                    assertEquals(List.copyOf(((Map<?, ?>) alone(text)).entrySet()), List.copyOf(((Map<?, ?>) read(parser, text)).entrySet()), text);
                } else {
                    Refusal r = assertThrows(Refusal.class, () -> read(parser, text), text);
                    assertEquals(List.of("f0"), List.of(r.messageArgs()), text);
                    assertEquals(alone(FRAMES.get(0)), read(parser, FRAMES.get(0)), "the frame after it");
                }
            }
        }
    }

    @Test
    void aNameRepeatedDeepInsideAFrameIsRefusedByItsPath() {
        FrameJson.FrameParser parser = new FrameJson.FrameParser();
        Refusal r = assertThrows(Refusal.class, () -> read(parser, "{\"type\":\"typing\",\"x\":[{\"y\":{\"a\":1,\"b\":[],\"a\":null}}]}"));
        assertEquals("error.duplicate_key", r.messageKey());
        assertEquals(List.of("x.0.y.a"), List.of(r.messageArgs()));
        assertThrows(Refusal.class, () -> FrameJson.decode(io.vertx.core.buffer.Buffer.buffer("{\"a\":1,\"a\":1}")), "the same value twice too");
        io.netty.buffer.ByteBuf direct = io.netty.buffer.Unpooled.directBuffer().writeBytes(bytes("{\"type\":\"typing\",\"type\":\"end\"}"));
        try {
            assertThrows(Refusal.class, () -> FrameJson.decode(io.vertx.core.internal.buffer.BufferInternal.buffer(direct)), "off the heap too");
        } finally {
            direct.release();
        }
    }

    @Test
    void anObjectOfManyFieldsIsReadIntoAHashMapAndAFewIntoArrays() {
        FrameJson.FrameParser parser = new FrameJson.FrameParser();
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 2_000; i++) many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        Object read = read(parser, many.append('}').toString());
        assertInstanceOf(java.util.LinkedHashMap.class, read, "2,000 fields: a lookup is one step, not a walk of every name");
        assertEquals(2_000, ((Map<?, ?>) read).size());
        assertInstanceOf(FrameFields.class, read(parser, FRAMES.get(0)));
    }

    /** What the parser reads of the whole frame. */
    private static Object read(FrameJson.FrameParser parser, String frame) {
        byte[] utf8 = bytes(frame);
        return parser.parse(utf8, 0, utf8.length);
    }

    private static Object alone(String frame) {
        Object value = new JacksonCodec().fromString(frame);
        return value instanceof JsonObject o ? o.getMap() : value;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] notUtf8() {
        byte[] b = bytes("{\"type\":\"message\",\"text\":\"abcd\"}");
        b[b.length - 4] = (byte) 0xC3; // a lead byte followed by ASCII
        return b;
    }
}
