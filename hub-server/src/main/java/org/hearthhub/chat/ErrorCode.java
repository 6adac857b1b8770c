package org.hearthhub.chat;

import java.util.Locale;

/** The error codes of docs/protocol.md; each has a human text in the i18n bundles under {@code error.<code>}. */
public enum ErrorCode {
    BAD_REQUEST, TOO_LARGE, RATE_LIMITED, UNKNOWN_TYPE, UNKNOWN_TOKEN, NOT_FOUND, FORBIDDEN, CLOSED, QUEUE_FULL,
    UNAVAILABLE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
