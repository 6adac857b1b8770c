package org.hearthhub.util;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where a key was given twice in JSON a client sent. The hub refuses such JSON rather than keep the last value:
 * two readers of one body that disagree on it (a proxy or an audit view seeing the first, the hub applying the
 * last) are a classic way past a check, and a client that writes a key twice has a bug worth hearing about.
 */
public final class DuplicateKeys {
    /** Jackson's {@code STRICT_DUPLICATE_DETECTION} reports a key given twice with this, and no type of its own. */
    private static final String JACKSONS_MESSAGE = "Duplicate field '";

    private DuplicateKeys() {
    }

    /** The path of the key given twice that {@code failure} or one of its causes reports, or null when it reports none. */
    public static String path(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException e && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith(JACKSONS_MESSAGE)) {
                if (e.getProcessor() != null) return path(e.getProcessor().getParsingContext());
                String name = e.getOriginalMessage().substring(JACKSONS_MESSAGE.length());
                return name.endsWith("'") ? name.substring(0, name.length() - 1) : name;
            }
        }
        return null;
    }

    /** The dotted path of the current name in {@code context}, as the forms name their inputs: {@code weeklyHours.0.day}. */
    public static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.addFirst(c.inArray() ? Integer.toString(c.getCurrentIndex()) : String.valueOf(c.getCurrentName()));
        }
        return String.join(".", parts);
    }
}
