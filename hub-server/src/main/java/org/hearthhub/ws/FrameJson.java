package org.hearthhub.ws;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

/**
 * JSON for socket frames through Jackson's streaming parser and generator. Vert.x's default codec goes
 * through the data-binding mapper when it is on the class path, which builds a serializer provider per
 * frame; frames are only maps, lists, strings and numbers, so the streaming codec writes the same text
 * with a fraction of the garbage, and every chat message passes here several times.
 */
final class FrameJson {
    private static final JacksonCodec CODEC = new JacksonCodec();

    private FrameJson() {
    }

    static String encode(JsonObject frame) {
        return CODEC.toString(frame, false);
    }

    /**
     * The parsed value of a frame's UTF-8 bytes: a {@link JsonObject} for an object, else whatever the
     * text holds. Parsed from the bytes as they came, never made into a {@code String} first.
     */
    static Object decode(Buffer utf8) throws DecodeException {
        return CODEC.fromBuffer(utf8);
    }
}
