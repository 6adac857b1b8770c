package org.hearthhub.sms;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextPartsTest {

    private static String joined(List<String> parts) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) out.append(p.substring(p.indexOf(") ") + 2));
        return out.toString();
    }

    @Test
    void shortTextIsOnePartWithoutMarker() {
        assertEquals(List.of("hello"), TextParts.split("hello"));
        String exactly = "x".repeat(1600);
        assertEquals(List.of(exactly), TextParts.split(exactly));
    }

    @Test
    void longTextBreaksAtSpacesAndRejoinsExactly() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 3999; i++) sb.append("word").append(i).append(i % 7 == 0 ? "\n" : " ");
        String text = sb.substring(0, 3999);
        List<String> parts = TextParts.split(text);
        assertEquals(3, parts.size());
        for (int i = 0; i < parts.size(); i++) {
            assertTrue(parts.get(i).startsWith("(" + (i + 1) + "/3) "));
            assertTrue(parts.get(i).length() <= TextParts.MAX_BODY);
        }
        assertEquals(text, joined(parts));
        assertTrue(parts.get(0).endsWith(" ") || parts.get(0).endsWith("\n"), "breaks after whitespace");
    }

    @Test
    void textWithoutSpacesIsCutHardButNeverInsideASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String text = emoji.repeat(1000); // 2,000 chars, no spaces
        List<String> parts = TextParts.split(text);
        assertEquals(2, parts.size());
        for (String p : parts) {
            String body = p.substring(p.indexOf(") ") + 2);
            assertTrue(!Character.isLowSurrogate(body.charAt(0)) && !Character.isHighSurrogate(body.charAt(body.length() - 1)));
        }
        assertEquals(text, joined(parts));
    }
}
