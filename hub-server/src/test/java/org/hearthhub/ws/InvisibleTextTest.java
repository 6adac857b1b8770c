package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.HeldChat;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A message that would show as an empty bubble (nothing in it but characters that draw nothing) is refused as an
 * empty one is, from either side, and the chat goes on: each class of such characters on its own.
 */
class InvisibleTextTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;

    /** Each a whole message: every class of character that shows nothing, alone and mixed with ordinary whitespace. */
    @ParameterizedTest
    @ValueSource(strings = {
            "\u200B", "\u200B\u200B\u200B",              // zero-width space
            "\u200C\u200D", "\u2060",                    // zero-width non-joiner and joiner, word joiner
            "\uFEFF",                                    // byte order mark (zero-width no-break space)
            "\u200E\u200F\u061C",                        // left-to-right, right-to-left and Arabic letter marks
            "\u202E\u2067\u2069",                        // an override, an isolate and its pop
            "\u00AD\u2062\u180E",                        // soft hyphen, invisible times, Mongolian vowel separator (format)
            "\u00A0", "\u2007\u202F", "\u3000",          // no-break, figure and ideographic spaces (not all isBlank's)
            "\u3164\u115F\uFFA0", "\u2800",              // Hangul fillers, the blank braille pattern
            "\u034F\uFE0F",                              // combining grapheme joiner, a variation selector
            " \u200B\n\u00A0\t\uFEFF "                   // all of them with plain whitespace
    })
    void aSurvivorsMessageOfNothingVisibleIsRefusedAsEmpty(String text) throws Exception {
        HeldChat h = HeldChat.maria(hub);
        h.survivor().send("message", "clientId", "invisible", "text", text);
        assertEmptyRefused(h.survivor());
        h.survivor().send("message", "clientId", "after", "text", "still here");
        assertEquals("after", h.survivor().await("ack").getString("clientId"));
        assertEquals("still here", h.advocate().await("message").getString("text"), "the invisible one never reached her");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200B", "\u200C\u200D\u2060", "\uFEFF", "\u200E\u200F", "\u00AD\u2062", "\u00A0\u202F",
            "\u3164", " \u200B\n\u00A0\t\uFEFF "})
    void anAdvocatesMessageOfNothingVisibleIsRefusedAsEmpty(String text) throws Exception {
        HeldChat h = HeldChat.maria(hub);
        h.advocate().send("message", "conversation", h.conversation(), "clientId", "invisible", "text", text);
        JsonObject error = assertEmptyRefused(h.advocate());
        assertEquals(h.conversation(), error.getString("conversation"));
        h.advocate().send("message", "conversation", h.conversation(), "clientId", "after", "text", "I'm here");
        assertEquals("I'm here", h.survivor().await("message").getString("text"), "the invisible one never reached them");
    }

    /** Text with something to see keeps its invisible characters: a joined emoji, Persian's non-joiner, a marked word. */
    @Test
    void visibleTextWithInvisibleCharactersInItIsSentAsWritten() throws Exception {
        HeldChat h = HeldChat.maria(hub);
        for (String text : new String[]{"\u200Bhi\u200D", "👩\u200D👩\u200D👧", "می\u200Cخواهم", "\u200Fשלום\u200F", "\u00A0.\u00A0"}) {
            h.survivor().send("message", "clientId", "v" + text.hashCode(), "text", text);
            assertEquals(text, h.advocate().await("message").getString("text"));
        }
    }

    private static JsonObject assertEmptyRefused(WsClient ws) {
        JsonObject error = ws.await("error");
        assertEquals("bad_request", error.getString("code"), "as an empty message: " + error);
        assertEquals("Please type a message first.", error.getString("message"), "the empty message's own words");
        return error;
    }
}
