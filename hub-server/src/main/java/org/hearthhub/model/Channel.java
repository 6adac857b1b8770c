package org.hearthhub.model;

import java.util.Locale;

/** How a survivor reaches the program. A {@code PHONE} conversation is a hotline call: it has no transcript. */
public enum Channel {
    WEB, SMS, PHONE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
