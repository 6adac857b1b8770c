package org.hearthhub.testing;

import java.util.List;

/**
 * Names as a lead or coalition admin might type them where people are shown a name (a display name, a program's name):
 * ones that garble a console or log line, or read as another name, and ordinary ones in several scripts.
 */
public final class ShownNameSamples {
    /** Each holds one control (Cc) or text-direction control character. */
    public static final List<String> SPOOFING = List.of(
            "Maria\u001b[31m",            // ESC: a terminal colour sequence in the access log
            "Maria\u0007",                // BEL
            "Ma\u0000ria",                // NUL
            "Maria\nAdvocate ana",        // a line break: a second line in a log
            "Maria\u0085",                // NEL, a C1 control
            "\u202Eairam",                // RIGHT-TO-LEFT OVERRIDE: reads as "maria"
            "Maria\u200F",                // RIGHT-TO-LEFT MARK
            "Ma\u202Aria",                // LEFT-TO-RIGHT EMBEDDING
            "Maria \u2066Lead\u2069");    // LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE

    /** Ordinary names: accents, CJK, Arabic, Vietnamese, and Persian with its zero-width non-joiner (a format character it needs). */
    public static final List<String> IN_ANY_SCRIPT = List.of(
            "José Ñúñez", "王小明", "مريم أحمد", "Nguyễn Thị Hoa", "Zoë O'Brien-Łukasz", "می\u200Cنا");

    /** Refused even in a text shown over several lines (a canned response, a description): ESC and the reordering controls. */
    public static final List<String> SPOOFING_IN_LINES = List.of(
            "Call us.\u001b[2J",          // ESC: clears a terminal
            "Ma\u0000ria",                 // NUL
            "\u202Eairam",                 // RIGHT-TO-LEFT OVERRIDE
            "Ma\u202Aria",                 // LEFT-TO-RIGHT EMBEDDING
            "Maria \u2066Lead\u2069");     // an isolate

    /** Texts over several lines, kept as typed: line breaks, a tab, and Arabic with a right-to-left mark before its punctuation. */
    public static final List<String> IN_LINES = List.of(
            "Hola:\nle escribimos desde el programa.\n\tGracias.", "نحن هنا للمساعدة\u200F.\nاتصلي بنا", "می\u200Cنا\n王小明");

    private ShownNameSamples() {
    }
}
