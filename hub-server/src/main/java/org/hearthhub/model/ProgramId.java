package org.hearthhub.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A program's id: 1 to 40 lower-case letters, digits and dashes, starting with a letter or digit. It names
 * the program's files ({@code programs/<id>/}), its Redis keys ({@code hearth:{<id>}:}) and its widget
 * snippet ({@code data-program="<id>"}), so nothing else is ever accepted as one.
 */
public record ProgramId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** What an operator is told when an id has another shape. */
    public static final String RULE = "1 to 40 lower-case letters, digits and dashes, starting with a letter or digit";

    public ProgramId {
        if (!isValid(value)) throw new IllegalArgumentException("a program id must be " + RULE + " (got '" + value + "')");
    }

    @JsonCreator
    public static ProgramId of(String value) {
        return new ProgramId(value);
    }

    /** Empty for anything that is not a program id (null, too long, upper case, markup…). */
    public static Optional<ProgramId> parse(String value) {
        return isValid(value) ? Optional.of(new ProgramId(value)) : Optional.empty();
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= 40 && SHAPE.matcher(value).matches();
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
