package org.hearthhub.model;

import java.util.Locale;

/** Who wrote a message. */
public enum Sender {
    SURVIVOR, ADVOCATE, SYSTEM;

    /** Computed once: every chat message frame names its sender. */
    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    public static Sender fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
