package org.hearthhub.chat;

/**
 * A request the hub refuses, with the protocol error code and an i18n key for the human message
 * (defaults to {@code error.<code>}). Thrown into failed futures and turned into {@code error} frames.
 */
public class ChatException extends RuntimeException {
    private final ErrorCode code;
    private final String messageKey;
    private final Object[] messageArgs;

    public ChatException(ErrorCode code) {
        this(code, "error." + code.wire());
    }

    /** @param messageArgs values for the message's {0}, {1}… placeholders (never survivor content) */
    public ChatException(ErrorCode code, String messageKey, Object... messageArgs) {
        super(code.wire() + ": " + messageKey, null, false, false);
        this.code = code;
        this.messageKey = messageKey;
        this.messageArgs = messageArgs.clone();
    }

    public ErrorCode code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] messageArgs() {
        return messageArgs.clone();
    }
}
