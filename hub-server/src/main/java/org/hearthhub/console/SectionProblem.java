package org.hearthhub.console;

import org.hearthhub.error.Refusal;
import java.util.List;

/**
 * One thing wrong with a settings section a lead sent. About one input ({@code field}, a path into the
 * body such as {@code weeklyHours.2.close}) it is a message in the form's language, shown beside that
 * input; about the section as a whole it is the section's message with an English {@code detail}.
 */
record SectionProblem(String field, String textKey, String detail, List<Object> args) {
    /** {@code textKey} formatted with {@code args} ({@link Refusal.Label}s are looked up). */
    static SectionProblem at(String field, String textKey, Object... args) {
        return new SectionProblem(field, textKey, null, List.of(args));
    }

    static SectionProblem inSection(String textKey, String detail) {
        return new SectionProblem(null, textKey, detail, List.of());
    }

    /** The 400 the lead API answers with. */
    Refusal refusal() {
        return field == null ? Refusal.badRequest(textKey, detail) : Refusal.badField(field, textKey, args.toArray());
    }
}
