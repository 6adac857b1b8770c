package org.hearthhub.model;

import java.util.Locale;

/** How a survivor reaches the program. */
public enum Channel {
    WEB, SMS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
