package org.hearthhub.error;

import java.util.Locale;

/**
 * The error codes of docs/protocol.md, each with the HTTP status it is answered with over HTTP (a socket
 * sends only the code). Each has a human text in the i18n bundles under {@code error.<code>}.
 * <p>
 * {@link #SIGN_IN_REQUIRED} is {@code forbidden} on the wire, as the protocol has always said, but
 * answered with {@code 401}: a client tells "sign in (again)" from "not allowed" by the status.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    TOO_LARGE(413),
    RATE_LIMITED(429),
    UNKNOWN_TYPE(400),
    UNKNOWN_TOKEN(404),
    NOT_FOUND(404),
    /** A survivor-side request names a program this hub does not host. */
    UNKNOWN_PROGRAM(404),
    FORBIDDEN(403),
    /** No live session, or credentials that did not sign in. */
    SIGN_IN_REQUIRED(401, "forbidden"),
    PASSWORD_CHANGE_REQUIRED(403),
    /** A username that is taken. */
    CONFLICT(409),
    CLOSED(503),
    QUEUE_FULL(503),
    UNAVAILABLE(503);

    private final int httpStatus;
    private final String wire;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
        this.wire = name().toLowerCase(Locale.ROOT);
    }

    ErrorCode(int httpStatus, String wire) {
        this.httpStatus = httpStatus;
        this.wire = wire;
    }

    /** The code as clients see it. */
    public String wire() {
        return wire;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The key of its human text when the refusal names no other: {@code error.} and the constant's name. */
    public String textKey() {
        return "error." + name().toLowerCase(Locale.ROOT);
    }

    /** The code with this wire name (the first, for {@code forbidden}), or null. */
    public static ErrorCode fromWire(String wire) {
        for (ErrorCode c : values()) {
            if (c.wire.equals(wire)) return c;
        }
        return null;
    }
}
