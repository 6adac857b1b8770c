package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The chat message and ack frames written straight out say exactly what the general frame builder says. */
class EncodedFramesTest {
    private static final Instant AT = Instant.parse("2026-12-03T14:02:00.120Z");

    @ParameterizedTest
    @ValueSource(strings = {"hello", "quote \" backslash \\ slash /", "line\nbreak\ttab\r\u0000\u001f",
            "</script><script>alert(1)</script>", "¿Estás a salvo? ñ é", "emoji 🙂 and \u2028 \u2029", "{\"type\":\"ack\"}"})
    void messageFramesMatchTheGeneralBuilderWhateverTheText(String text) {
        for (Sender from : Sender.values()) {
            ChatMessage m = new ChatMessage(42, from, text, AT, "c-" + text, List.of());
            assertEquals(Frames.message(m), parsed(Frames.encodedMessage(m, null, null)), "to the survivor");
            assertEquals(Frames.ownMessage(m), parsed(Frames.encodedMessage(m, Sender.SURVIVOR, null)), "the survivor's own");
            assertEquals(Frames.advocateMessage("conv\"1", m), parsed(Frames.encodedMessage(m, Sender.ADVOCATE, "conv\"1")),
                    "to the consoles");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c7", "quote \" and \\ and \n", "🙂"})
    void acksMatchTheGeneralBuilder(String clientId) {
        assertEquals(Frames.of("ack").put("clientId", clientId).put("seq", 9L), parsed(Frames.encodedAck(clientId, 9, null)));
        assertEquals(Frames.of("ack").put("clientId", clientId).put("seq", 9L).put("conversation", "x"),
                parsed(Frames.encodedAck(clientId, 9, "x")));
    }

    @org.junit.jupiter.api.Test
    void referralMessagesKeepTheirItems() {
        ChatMessage m = new ChatMessage(3, Sender.ADVOCATE, "Hotline 555", AT, "c1",
                List.of(new Referral("Hotline", "+15550100", null, null, null)));
        JsonObject frame = parsed(Frames.encodedMessage(m, Sender.ADVOCATE, "conv1"));
        assertEquals(Frames.advocateMessage("conv1", m), frame);
        assertEquals(1, frame.getJsonArray("referrals").size());
    }

    private static JsonObject parsed(String text) {
        return new JsonObject(text);
    }
}
