package org.hearthhub.model;

import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * What a name people are shown may hold: a staff member's display name ("Maria is here to help"), a program's
 * name, a referral's or a partner's name and contacts, a widget title, a canned response's title, a holiday's name;
 * seen by survivors, in consoles and in the access log. Control characters (ESC, BEL, NUL, line breaks) garble
 * a console or a log line, and text-direction controls (U+202E...) make a name read as another; both are refused.
 * Every other character is kept, so names in any script work, Persian's zero-width non-joiner included.
 * <p>
 * A text shown over several lines (a canned response, a referral's description, the widget's notice) may also hold
 * line feeds and tabs, and the left-to-right and right-to-left marks, which right-to-left writing needs to place
 * its punctuation and which cannot reorder words; overrides, embeddings, isolates and other controls are refused.
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
        return first(name, ShownName::refusedInLine);
    }

    /** Whether {@code text}, shown over several lines, holds none of the characters refused there. */
    public static boolean isPlainLines(String text) {
        return first(text, ShownName::refusedInLines).isEmpty();
    }

    private static OptionalInt first(String text, IntPredicate refused) {
        return text == null ? OptionalInt.empty() : text.codePoints().filter(refused).findFirst();
    }

    private static boolean refusedInLine(int c) {
        return Character.getType(c) == Character.CONTROL
                || c == 0x200E || c == 0x200F               // left-to-right and right-to-left marks
                || reorders(c);
    }

    private static boolean refusedInLines(int c) {
        return (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t') || reorders(c);
    }

    /** The controls that make text read in another order than it was typed. */
    private static boolean reorders(int c) {
        return (c >= 0x202A && c <= 0x202E)                 // embeddings, pop, overrides
                || (c >= 0x2066 && c <= 0x2069);            // isolates and their pop
    }
}
