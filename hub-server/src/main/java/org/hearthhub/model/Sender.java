package org.hearthhub.model;

import java.util.Locale;

/** Who wrote a message. */
public enum Sender {
    SURVIVOR, ADVOCATE, SYSTEM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Sender fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
