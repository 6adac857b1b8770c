package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The chat message and ack frames written straight out as UTF-8 bytes are, byte for byte, what the general
 * frame builder's text encodes to.
 */
class EncodedFramesTest {
    private static final Instant AT = Instant.parse("2026-12-03T14:02:00.120Z");

    @ParameterizedTest
    @ValueSource(strings = {"hello", "quote \" backslash \\ slash /", "line\nbreak\ttab\r\u0000\u001f",
            "</script><script>alert(1)</script>", "¿Estás a salvo? ñ é", "emoji 🙂 and \u2028 \u2029", "{\"type\":\"ack\"}",
            "lone halves \ud83d and \ude42, reversed \ude42\ud83d", "\u007f\u0080\u07ff\u0800\uffff", "Tiếng Việt, العربية"})
    void messageFramesMatchTheGeneralBuilderWhateverTheText(String text) {
        for (Sender from : Sender.values()) {
            ChatMessage m = new ChatMessage(42, from, text, AT, "c-" + text, List.of());
            assertSameBytes(Frames.message(m), Frames.encodedMessage(m, null, null), "to the survivor");
            assertSameBytes(Frames.ownMessage(m), Frames.encodedMessage(m, Sender.SURVIVOR, null), "the survivor's own");
            assertSameBytes(Frames.advocateMessage("conv\"1", m), Frames.encodedMessage(m, Sender.ADVOCATE, "conv\"1"),
                    "to the consoles");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c7", "quote \" and \\ and \n", "🙂"})
    void acksMatchTheGeneralBuilder(String clientId) {
        for (long seq : new long[]{0, 9, 10, 1_234_567_890_123L, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
            assertSameBytes(Frames.of("ack").put("clientId", clientId).put("seq", seq), Frames.encodedAck(clientId, seq, null), "seq " + seq);
            assertSameBytes(Frames.of("ack").put("clientId", clientId).put("seq", seq).put("conversation", "x"),
                    Frames.encodedAck(clientId, seq, "x"), "seq " + seq);
        }
    }

    /** {@code at} as {@link Instant#toString()} spells it: no fraction, or milli-, micro- or nanoseconds, any year. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03T14:02:00Z", "2026-12-03T14:02:00.100Z", "2026-12-03T23:59:59.000001Z",
            "2026-12-03T00:00:00.000000001Z", "2024-02-29T12:00:00.123456789Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59.5Z"})
    void timesAreSpelledAsInstantSpellsThem(String at) {
        ChatMessage m = new ChatMessage(1, Sender.SURVIVOR, "hi", Instant.parse(at), null, List.of());
        assertSameBytes(Frames.message(m), Frames.encodedMessage(m, null, null), at);
        assertEquals(Instant.parse(at).toString(), parsed(Frames.encodedMessage(m, null, null)).getString("at"));
    }

    /** One writer per thread, reused: a long frame after a short one, and a short one after it, are each whole. */
    @org.junit.jupiter.api.Test
    void aLongFrameBetweenShortOnesLeavesNoTrace() {
        String longText = "ñ\"".repeat(ConversationService.MAX_TEXT_CHARS / 2) + "\u0001".repeat(4000);
        for (String text : List.of("short", longText, "short again")) {
            ChatMessage m = new ChatMessage(7, Sender.ADVOCATE, text, AT, "c1", List.of());
            assertSameBytes(Frames.advocateMessage("conv1", m), Frames.encodedMessage(m, Sender.ADVOCATE, "conv1"), text.length() + " chars");
        }
    }

    @org.junit.jupiter.api.Test
    void referralMessagesKeepTheirItems() {
        ChatMessage m = new ChatMessage(3, Sender.ADVOCATE, "Hotline 555", AT, "c1",
                List.of(new Referral("Hotline", "+15550100", null, null, null)));
        JsonObject frame = parsed(Frames.encodedMessage(m, Sender.ADVOCATE, "conv1"));
        assertEquals(Frames.advocateMessage("conv1", m), frame);
        assertEquals(1, frame.getJsonArray("referrals").size());
    }

    private static void assertSameBytes(JsonObject expected, JsonBytes written, String what) {
        byte[] actual = written.bytes();
        byte[] general = FrameJson.encode(expected).getBytes(StandardCharsets.UTF_8);
        assertEquals(new String(general, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8), what);
        assertArrayEquals(general, actual, what);
    }

    private static JsonObject parsed(JsonBytes written) {
        return new JsonObject(new String(written.bytes(), StandardCharsets.UTF_8));
    }
}
