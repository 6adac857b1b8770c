package org.hearthhub.model;

import java.util.Locale;

/** Which side's WebSocket: a survivor's chat, or a staff member's console. The metrics label sockets by it. */
public enum SocketSide {
    SURVIVOR, ADVOCATE;

    /** The metric label: {@code survivor} or {@code advocate}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
