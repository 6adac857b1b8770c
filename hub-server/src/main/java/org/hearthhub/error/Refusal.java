package org.hearthhub.error;

import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception for a request the hub refuses, on a socket or over HTTP: a protocol {@link ErrorCode}
 * (which knows its HTTP status), the key of a human text in the bundles with its arguments, and what
 * else the refusal tells. Thrown, or put into failed futures, anywhere; turned into an {@code error}
 * frame by the sockets and into a JSON body by {@code web.Failures}, both through {@link #toJson}.
 * <p>
 * {@code detail} is an English sentence from a validator, when there is one. A refusal about one field
 * of a form names it ({@code field}, a path into the request body such as {@code weeklyHours.2.close})
 * so the form can attach the message to that input; its message is then the whole story, in the
 * person's language, with the field's label (a {@link Label}) rather than its JSON name. Extras are
 * further fields of the answer (a refused start's {@code referrals}, a login's {@code retryAfter}).
 */
public final class Refusal extends RuntimeException {
    private static final int MAX_KEY_SHOWN = 100;
    private final ErrorCode code;
    private final String messageKey;
    private final Object[] messageArgs;
    private final String detail;
    private final String field;
    private final Map<String, Object> extras;

    /** Where the human texts come from: a bundle, looked up by language and key (the key itself when missing). */
    @FunctionalInterface
    public interface Texts {
        String text(String lang, String key, Object... args);
    }

    /** A text key given as a message argument: shown as that text, in the answer's language. */
    public record Label(String key) {
    }

    public Refusal(ErrorCode code) {
        this(code, code.textKey());
    }

    /** @param messageArgs values for the message's {0}, {1}… placeholders (never survivor content) */
    public Refusal(ErrorCode code, String messageKey, Object... messageArgs) {
        this(code, messageKey, messageArgs.clone(), null, null, Map.of());
    }

    private Refusal(ErrorCode code, String messageKey, Object[] messageArgs, String detail, String field, Map<String, Object> extras) {
        // No stack trace: refusals are expected, and the message holds keys only (never content or names).
        super(code.wire() + ": " + messageKey + (detail == null ? "" : " (" + detail + ")") + (field == null ? "" : " at " + field),
                null, false, false);
        this.code = code;
        this.messageKey = messageKey;
        this.messageArgs = messageArgs;
        this.detail = detail;
        this.field = field;
        this.extras = extras;
    }

    public static Refusal badRequest(String messageKey) {
        return new Refusal(ErrorCode.BAD_REQUEST, messageKey);
    }

    /** @param detail an English sentence saying what would be accepted */
    public static Refusal badRequest(String messageKey, String detail) {
        return new Refusal(ErrorCode.BAD_REQUEST, messageKey, new Object[0], detail, null, Map.of());
    }

    /** A bad request about one field: {@code messageKey} formatted with {@code args} ({@link Label}s are looked up). */
    public static Refusal badField(String field, String messageKey, Object... args) {
        return new Refusal(ErrorCode.BAD_REQUEST, messageKey, args.clone(), null, field, Map.of());
    }

    /** A body or frame that gives the key at {@code path} (e.g. {@code weeklyHours.0.day}) twice; the message names it. */
    public static Refusal duplicateKey(String path) {
        // The client's own text, echoed to it only; cut so a key of kilobytes does not make a message of kilobytes.
        String shown = path.length() <= MAX_KEY_SHOWN ? path : path.substring(0, MAX_KEY_SHOWN) + "…";
        return new Refusal(ErrorCode.BAD_REQUEST, "error.duplicate_key", shown);
    }

    public static Refusal notFound(String messageKey) {
        return new Refusal(ErrorCode.NOT_FOUND, messageKey);
    }

    public static Refusal forbidden(String messageKey) {
        return new Refusal(ErrorCode.FORBIDDEN, messageKey);
    }

    /** The same refusal with one more field in its answer. */
    public Refusal with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extras);
        more.put(name, value);
        return new Refusal(code, messageKey, messageArgs, detail, field, Collections.unmodifiableMap(more));
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

    /** Null unless a validator said more. */
    public String detail() {
        return detail;
    }

    /** Null unless the refusal is about one field. */
    public String field() {
        return field;
    }

    public Map<String, Object> extras() {
        return extras;
    }

    /** {@code {"code","message","detail"?,"field"?, extras…}}, the message in {@code lang} from {@code texts}. */
    public JsonObject toJson(Texts texts, String lang) {
        Object[] args = messageArgs.clone();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Label label) args[i] = texts.text(lang, label.key());
        }
        JsonObject body = new JsonObject().put("code", code.wire()).put("message", texts.text(lang, messageKey, args));
        if (detail != null) body.put("detail", detail);
        if (field != null) body.put("field", field);
        extras.forEach(body::put);
        return body;
    }
}
