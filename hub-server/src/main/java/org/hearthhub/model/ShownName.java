package org.hearthhub.model;

import java.util.OptionalInt;

/**
 * What a name people are shown may hold: a staff member's display name ("Maria is here to help") or a program's
 * name, seen by survivors, in consoles and in the access log. Control characters (ESC, BEL, NUL, line breaks) garble
 * a console or a log line, and text-direction controls (U+202E...) make a name read as another; both are refused.
 * Every other character is kept, so names in any script work, Persian's zero-width non-joiner included.
 */
public final class ShownName {
    private ShownName() {
    }

    /** Whether {@code name} holds none of the refused characters. */
    public static boolean isPlain(String name) {
        return firstRefused(name).isEmpty();
    }

    /** The first refused character's code point, to name in a message; empty when there is none. */
    public static OptionalInt firstRefused(String name) {
        return name == null ? OptionalInt.empty() : name.codePoints().filter(ShownName::refused).findFirst();
    }

    private static boolean refused(int c) {
        return Character.getType(c) == Character.CONTROL
                || c == 0x200E || c == 0x200F               // left-to-right and right-to-left marks
                || (c >= 0x202A && c <= 0x202E)             // embeddings, pop, overrides
                || (c >= 0x2066 && c <= 0x2069);            // isolates and their pop
    }
}
