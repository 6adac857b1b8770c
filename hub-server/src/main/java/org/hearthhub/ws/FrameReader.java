package org.hearthhub.ws;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.model.Referral;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an incoming text frame into a JSON object with a string {@code type}, or says why it cannot; and
 * hands each socket its flood budget, on the hub's clock.
 */
final class FrameReader {
    private final int maxFrameBytes;
    private final Clock clock;

    FrameReader(int maxFrameBytes, Clock clock) {
        this.maxFrameBytes = maxFrameBytes;
        this.clock = clock;
    }

    /**
     * Frames and messages larger than this are not read at all (the socket is closed with 1009): four
     * times the limit and at least 64 KiB, so that a frame a little over the limit still gets its
     * {@code too_large} answer on a socket that stays usable.
     */
    static int hardLimit(int maxFrameBytes) {
        return Math.max(65536, 4 * maxFrameBytes);
    }

    int hardLimit() {
        return hardLimit(maxFrameBytes);
    }

    /** A fresh budget of {@code perSecond} frames for one socket. */
    /** The hub's clock, which the sockets' own rate rules read too. */
    Clock clock() {
        return clock;
    }

    FrameBudget budget(int perSecond) {
        return new FrameBudget(perSecond, clock);
    }

    /** The frame's UTF-8 bytes as a JSON object with a string {@code type}. */
    JsonObject read(Buffer text) {
        if (text.length() > maxFrameBytes) throw new Refusal(ErrorCode.TOO_LARGE);
        JsonObject frame;
        try {
            Object parsed = FrameJson.decode(text);
            if (!(parsed instanceof JsonObject o)) throw new Refusal(ErrorCode.BAD_REQUEST);
            frame = o;
        } catch (DecodeException e) {
            throw new Refusal(ErrorCode.BAD_REQUEST);
        }
        if (!(frame.getValue("type") instanceof String)) throw new Refusal(ErrorCode.BAD_REQUEST);
        return frame;
    }

    /** A string field, or null; a field of the wrong type is a bad request rather than a silent null. */
    static String string(JsonObject frame, String field) {
        Object v = frame.getValue(field);
        if (v == null) return null;
        if (v instanceof String s) return s;
        throw new Refusal(ErrorCode.BAD_REQUEST);
    }

    /**
     * The {@code referrals} of an advocate's message, or null for a text message. Both at once, an item
     * that is not an object, or one with a field of the wrong type, is a bad request.
     */
    static List<Referral> referrals(JsonObject frame) {
        Object v = frame.getValue("referrals");
        if (v == null) return null;
        if (!(v instanceof JsonArray items) || frame.getValue("text") != null) throw new Refusal(ErrorCode.BAD_REQUEST);
        List<Referral> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof JsonObject r)) throw new Refusal(ErrorCode.BAD_REQUEST);
            out.add(new Referral(string(r, "name"), string(r, "phone"), string(r, "sms"), string(r, "text"), string(r, "url")));
        }
        return out;
    }

    /**
     * The directory id of a partner whose card an advocate sends, or null; with text or referral items
     * beside it, a bad request.
     */
    static String partner(JsonObject frame) {
        String id = string(frame, "partner");
        if (id != null && (frame.getValue("text") != null || frame.getValue("referrals") != null)) throw new Refusal(ErrorCode.BAD_REQUEST);
        return id;
    }

    static Long number(JsonObject frame, String field) {
        Object v = frame.getValue(field);
        if (v == null) return null;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
        throw new Refusal(ErrorCode.BAD_REQUEST);
    }

    static boolean flag(JsonObject frame, String field) {
        Object v = frame.getValue(field);
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        throw new Refusal(ErrorCode.BAD_REQUEST);
    }
}
