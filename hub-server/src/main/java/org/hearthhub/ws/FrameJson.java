package org.hearthhub.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import org.hearthhub.error.Refusal;
import org.hearthhub.util.DuplicateKeys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for socket frames through Jackson's streaming parser and generator. Vert.x's default codec goes
 * through the data-binding mapper when it is on the class path, which builds a serializer provider per
 * frame; frames are only maps, lists, strings and numbers, so the streaming codec writes the same text
 * with a fraction of the garbage, and every chat message passes here several times.
 */
final class FrameJson {
    private static final JacksonCodec CODEC = new JacksonCodec();
    /** Jackson's defaults, as Vert.x's codec has them unless system properties say otherwise. */
    private static final JsonFactory PARSERS = new JsonFactory();
    private static final ThreadLocal<FrameParser> PARSER = ThreadLocal.withInitial(FrameParser::new);

    private FrameJson() {
    }

    static String encode(JsonObject frame) {
        return CODEC.toString(frame, false);
    }

    /**
     * The parsed value of a frame's UTF-8 bytes: a {@link JsonObject} for an object, else whatever the
     * text holds, as Vert.x's codec gives it. Parsed from the bytes where they lie, never made into a
     * {@code String} first, by a parser this thread keeps ({@link FrameParser}).
     *
     * @throws Refusal naming the key, for a key given twice
     */
    static Object decode(Buffer utf8) throws DecodeException {
        ByteBuf bytes = ((BufferInternal) utf8).getByteBuf();
        Object value;
        if (bytes.hasArray()) {
            value = PARSER.get().parse(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        } else {
            // Rare (Vert.x hands frames over on the heap); copied rather than read by Vert.x's codec, which keeps a key given twice.
            byte[] copy = ByteBufUtil.getBytes(bytes);
            value = PARSER.get().parse(copy, 0, copy.length);
        }
        return value instanceof Map<?, ?> map ? new JsonObject(cast(map)) : value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /**
     * One thread's parser, fed one frame after another. Making a parser per frame (its context, symbol
     * table, buffers and the parser itself) was a third of the garbage a chat message made on the hub
     * (docs/benchmark-history.md, History 19).
     * Jackson's non-blocking parser takes its input in pieces and reads a stream of values, so one parser
     * reads every frame: each frame must hold exactly one whole value, and any frame it fails on (broken,
     * cut short, trailing text) costs the parser, which is made anew. So does a parser that has read
     * {@link #NAMES_PER_PARSER} field names or {@link #NAME_CHARS_PER_PARSER} characters of them: its symbol
     * table keeps every name it reads, and clients choose the names: a parser made per frame kept one
     * frame's, this one keeps no more than that bound.
     * Values are built as Vert.x's codec builds them: maps, lists, strings, numbers, booleans and nulls. A key given
     * twice in an object, at any depth, is a {@link Refusal} naming it (as over HTTP), where Vert.x's codec keeps the last.
     */
    static final class FrameParser {
        static final int NAMES_PER_PARSER = 4096;
        static final int NAME_CHARS_PER_PARSER = 65_536;
        private static final byte[] SPACE = {' '};
        private JsonParser parser;
        private int names;
        private long nameChars;
        /** Parsers made so far, for the tests. */
        private int made;

        Object parse(byte[] bytes, int offset, int length) throws DecodeException {
            boolean done = false;
            try {
                JsonParser p = parser();
                ByteArrayFeeder feeder = (ByteArrayFeeder) p.getNonBlockingInputFeeder();
                feeder.feedInput(bytes, offset, offset + length);
                Object value = value(p, next(p));
                // The parser waits for a delimiter to end a token, so a space fed after the frame makes it finish
                // (or refuse) whatever the frame's last bytes began, here rather than with the next frame; and it
                // lets go of the frame's bytes. The feeder takes it only once the frame's own bytes are all read.
                nothingAfter(p);
                feeder.feedInput(SPACE, 0, 1);
                nothingAfter(p);
                done = true;
                return value;
            } catch (IOException e) {
                throw new DecodeException("Failed to decode: " + e.getMessage(), e);
            } finally {
                if (!done || names > NAMES_PER_PARSER || nameChars > NAME_CHARS_PER_PARSER) discard();
            }
        }

        int made() {
            return made;
        }

        private JsonParser parser() throws IOException {
            if (parser == null) {
                parser = PARSERS.createNonBlockingByteArrayParser();
                names = 0;
                nameChars = 0;
                made++;
            }
            return parser;
        }

        private void discard() {
            JsonParser p = parser;
            parser = null;
            if (p == null) return;
            try {
                p.close();
            } catch (IOException ignored) {
                // it is dropped either way
            }
        }

        private Object value(JsonParser p, JsonToken token) throws IOException {
            return switch (token) {
                case START_OBJECT -> object(p);
                case START_ARRAY -> array(p);
                case VALUE_STRING -> p.getText();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> throw new DecodeException("Unexpected token " + token);
            };
        }

        /** A few fields side by side ({@link FrameFields}); more in a hash map, which finds a name in one step. */
        private Map<String, Object> object(JsonParser p) throws IOException {
            Map<String, Object> map = new FrameFields();
            for (JsonToken t = next(p); t != JsonToken.END_OBJECT; t = next(p)) {
                String name = p.currentName();
                names++;
                nameChars += name.length();
                if (map.size() == FrameFields.FEW && map instanceof FrameFields few && !few.containsKey(name)) {
                    map = new LinkedHashMap<>(few);
                }
                int before = map.size();
                map.put(name, value(p, next(p)));
                // A map that did not grow had the key already: refused, not the last one kept (no extra look-up per field).
                if (map.size() == before) throw Refusal.duplicateKey(DuplicateKeys.path(p.getParsingContext()));
            }
            return map;
        }

        private List<Object> array(JsonParser p) throws IOException {
            List<Object> list = new ArrayList<>();
            for (JsonToken t = next(p); t != JsonToken.END_ARRAY; t = next(p)) list.add(value(p, t));
            return list;
        }

        /** Only whitespace may follow a frame's one value. */
        private static void nothingAfter(JsonParser p) throws IOException {
            if (p.nextToken() != JsonToken.NOT_AVAILABLE) throw new DecodeException("Unexpected trailing token");
        }

        /** The next token of this frame; the frame ending before its value does is a broken frame. */
        private static JsonToken next(JsonParser p) throws IOException {
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.NOT_AVAILABLE) throw new DecodeException("Unexpected end of the frame");
            return t;
        }
    }
}
