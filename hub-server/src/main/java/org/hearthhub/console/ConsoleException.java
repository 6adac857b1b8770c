package org.hearthhub.console;

/**
 * A console request refused with an HTTP status, a protocol error code and a text key from the
 * console bundles (shown to the person in their language). {@code detail} carries an English
 * sentence from a validator, when there is one. A refusal about one field of a form names it
 * ({@code field}, a path into the request body such as {@code weeklyHours.2.close}) so the form can
 * attach the message to that input; its message is then the whole story, in the person's language,
 * with the field's label (a {@link Label}) rather than its JSON name.
 */
final class ConsoleException extends RuntimeException {
    private final int status;
    private final String code;
    private final String textKey;
    private final String detail;
    private final String field;
    private final Object[] args;

    /** A console text key given as a message argument: shown as that text, in the reply's language. */
    record Label(String key) {
    }

    ConsoleException(int status, String code, String textKey) {
        this(status, code, textKey, null);
    }

    ConsoleException(int status, String code, String textKey, String detail) {
        this(status, code, textKey, detail, null, new Object[0]);
    }

    private ConsoleException(int status, String code, String textKey, String detail, String field, Object[] args) {
        super(code + ": " + textKey + (detail == null ? "" : " (" + detail + ")") + (field == null ? "" : " at " + field),
                null, false, false);
        this.status = status;
        this.code = code;
        this.textKey = textKey;
        this.detail = detail;
        this.field = field;
        this.args = args;
    }

    /** 400 about one field: {@code textKey} formatted with {@code args} ({@link Label}s are looked up). */
    static ConsoleException badField(String field, String textKey, Object... args) {
        return new ConsoleException(400, "bad_request", textKey, null, field, args);
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

    /** Null unless the refusal is about one field. */
    String field() {
        return field;
    }

    Object[] args() {
        return args.clone();
    }
}
