package org.hearthhub.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.hearthhub.error.Refusal;
import org.hearthhub.util.DuplicateKeys;
import org.hearthhub.util.HubJson;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Settings sections to and from the JSON the lead's forms use, with the hub's one mapper. Reading is
 * strict where storage is lenient: an unknown field (a typo, or a field of another section) or a value of
 * the wrong type ({@code "true"} or {@code 1} for a boolean, {@code "5"} for a number included) is refused with its
 * path, not dropped or coerced, and so is a key given twice; the refusal never repeats the value sent.
 */
final class SectionJson {
    private static final ObjectReader STRICT = HubJson.clientInput().reader()
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private SectionJson() {
    }

    static JsonObject write(Object section) {
        try {
            return new JsonObject(HubJson.mapper().writeValueAsString(section));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a settings section could not be written as JSON", e);
        }
    }

    /** The section in a request body; a body that is not one is a 400 {@link Refusal}. */
    static <T extends SettingsSection> T read(Buffer body, SectionForm<T> form) {
        return read(body, form.type(), form.textKey());
    }

    /** A body bound to {@code type} as strictly; {@code textKey} is the message of a body that does not fit it. */
    static <T> T read(Buffer body, Class<T> type, String textKey) {
        if (body == null || body.length() == 0) throw Refusal.badRequest("error.bad_request", "a JSON object body is required");
        T section;
        try {
            section = STRICT.forType(type).readValue(body.getBytes());
        } catch (IOException e) {
            throw refusal(e, textKey);
        }
        if (section == null) throw Refusal.badRequest("error.bad_request", "a JSON object body is required");
        return section;
    }

    private static Refusal refusal(IOException e, String textKey) {
        // A key given twice may come wrapped in a mapping exception with a path, or bare from the parser.
        String twice = DuplicateKeys.path(e);
        if (twice != null) return Refusal.duplicateKey(twice);
        if (e instanceof UnrecognizedPropertyException u) return Refusal.badRequest(textKey, "unknown field \"" + path(u) + "\"");
        if (e instanceof MismatchedInputException m) {
            if (m.getPath().isEmpty()) return Refusal.badRequest("error.bad_request", "a JSON object body is required");
            return Refusal.badRequest(textKey, "\"" + path(m) + "\" must be " + kind(m.getTargetType()));
        }
        if (e instanceof JsonMappingException j) return Refusal.badRequest(textKey, "\"" + path(j) + "\" cannot be read");
        return Refusal.badRequest("error.bad_request", "the body is not a JSON object");
    }

    /** e.g. {@code weeklyHours.1.day}, as the form names its inputs. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String kind(Class<?> type) {
        if (type == null) return "of another type";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "a whole number";
        if (Number.class.isAssignableFrom(type)) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "text";
        if (Collection.class.isAssignableFrom(type)) return "a list";
        if (Map.class.isAssignableFrom(type)) return "an object keyed by language";
        return "an object";
    }
}
