package org.hearthhub.model;

/**
 * Whether a message would show nothing: an empty bubble on the other side. Java's {@link String#isBlank} sees only
 * whitespace, so a message of zero-width spaces or joiners, a byte order mark, direction marks or no-break spaces
 * passed as text. Such characters inside visible text (an emoji's joiner, Persian's zero-width non-joiner, a mark
 * placing punctuation in right-to-left writing) are kept; only a message of nothing else is blank.
 */
public final class BlankText {
    private BlankText() {
    }

    /**
     * Null, empty, or only characters that draw nothing. On every message's path: a plain loop that stops at the first
     * character drawn (usually the first), nothing allocated.
     */
    public static boolean showsNothing(String text) {
        if (text == null) return true;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!drawsNothing(c)) return false;
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean drawsNothing(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)                         // no-break, figure, narrow spaces (isWhitespace leaves them)
                || type == Character.CONTROL
                || type == Character.FORMAT                         // zero-width space and joiners, BOM, direction marks, soft hyphen
                || isFiller(c);
    }

    /** Letters and marks fonts draw as nothing, used to pass blank-looking text through blank checks. */
    private static boolean isFiller(int c) {
        return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0   // Hangul fillers
                || c == 0x2800                                              // the blank braille pattern
                || c == 0x034F                                              // combining grapheme joiner
                || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF); // variation selectors
    }
}
