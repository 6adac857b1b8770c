package org.hearthhub.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into parts Twilio accepts (a message body is at most 1,600 characters), preferring
 * to break after a space or line break, never inside a surrogate pair. Parts of a split text carry
 * "(1/2) " markers, because phones do not always show separately delivered texts in order.
 */
public final class TextParts {
    public static final int MAX_BODY = 1600;
    /** Room for "(NN/NN) ". */
    private static final int MARKER_ROOM = 8;

    private TextParts() {
    }

    public static List<String> split(String text) {
        return split(text, MAX_BODY);
    }

    static List<String> split(String text, int maxBody) {
        if (text.length() <= maxBody) return List.of(text);
        List<String> chunks = chunks(text, maxBody - MARKER_ROOM);
        List<String> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) parts.add("(" + (i + 1) + "/" + chunks.size() + ") " + chunks.get(i));
        return parts;
    }

    private static List<String> chunks(String text, int max) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (text.length() - start > max) {
            int end = start + max;
            if (Character.isLowSurrogate(text.charAt(end))) end--;
            int space = lastBreak(text, start + max / 2, end);
            if (space > start) end = space + 1;
            out.add(text.substring(start, end));
            start = end;
        }
        out.add(text.substring(start));
        return out;
    }

    /** Index of the last whitespace in [from, to), or -1. */
    private static int lastBreak(String text, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (Character.isWhitespace(text.charAt(i))) return i;
        }
        return -1;
    }
}
