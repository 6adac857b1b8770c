package org.hearthhub.model;

import java.time.Instant;

/**
 * One program the hub hosts, as its registry keeps it.
 *
 * @param name    how staff see it named in the console (the widget's title is the program's own setting)
 * @param created when a coalition admin created it; null for the default program, which predates the registry
 */
public record Program(ProgramId id, String name, Instant created) {
    public static final int MAX_NAME_CHARS = 80;

    public Program {
        if (id == null) throw new IllegalArgumentException("a program needs an id");
        if (name == null || name.isBlank()) name = id.value();
    }
}
