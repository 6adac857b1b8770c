package org.hearthhub.model;

import java.util.Locale;

/**
 * Why the hub closed a survivor's socket to guard a chat against a token used over and over: the close status
 * and reason the client gets (docs/protocol.md), and the word the metrics count it by.
 */
public enum SurvivorSocketClosing {
    /** The chat was resumed on more sockets than {@code limits.socketsPerChat}: the oldest gives way. */
    CONTINUED_ELSEWHERE((short) 4409, "chat continued in a newer connection"),
    /** The chat was resumed more than {@code limits.resumesPerMinute} times this minute: try again later. */
    RESUMES_OVER_LIMIT((short) 1013, "too many resumes of this chat, try again later");

    private final short status;
    private final String reason;

    SurvivorSocketClosing(short status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public short status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The metric label. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
