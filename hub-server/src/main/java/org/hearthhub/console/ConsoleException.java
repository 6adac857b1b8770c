package org.hearthhub.console;

/**
 * A console request refused with an HTTP status, a protocol error code and a text key from the
 * console bundles (shown to the person in their language). {@code detail} carries an English
 * sentence from a validator, when there is one.
 */
final class ConsoleException extends RuntimeException {
    private final int status;
    private final String code;
    private final String textKey;
    private final String detail;

    ConsoleException(int status, String code, String textKey) {
        this(status, code, textKey, null);
    }

    ConsoleException(int status, String code, String textKey, String detail) {
        super(code + ": " + textKey + (detail == null ? "" : " (" + detail + ")"), null, false, false);
        this.status = status;
        this.code = code;
        this.textKey = textKey;
        this.detail = detail;
    }

    static ConsoleException badRequest(String textKey) {
        return new ConsoleException(400, "bad_request", textKey);
    }

    static ConsoleException badRequest(String textKey, String detail) {
        return new ConsoleException(400, "bad_request", textKey, detail);
    }

    static ConsoleException notFound(String textKey) {
        return new ConsoleException(404, "not_found", textKey);
    }

    static ConsoleException forbidden(String textKey) {
        return new ConsoleException(403, "forbidden", textKey);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String textKey() {
        return textKey;
    }

    String detail() {
        return detail;
    }
}
