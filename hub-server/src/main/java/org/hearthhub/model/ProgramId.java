package org.hearthhub.model;

import java.util.regex.Pattern;

/** How a program is named on a hub (its data directory, its Redis keys, its widget's {@code data-program}). */
public final class ProgramId {
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private ProgramId() {
    }

    /** Lower-case letters, digits and dashes, at most 40, not starting with a dash. */
    public static boolean isValid(String id) {
        return id != null && FORM.matcher(id).matches();
    }
}
