package org.hearthhub.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.error.Refusal;
import org.hearthhub.util.DuplicateKeys;
import org.hearthhub.util.HubJson;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Request bodies that are read as plain JSON (not bound to a form's type), through the hub's client-input mapper
 * rather than Vert.x's shared codec: a key given twice, at any depth, is refused by name instead of the last one
 * winning. Vert.x's codec is left as it is, for the store's and the sockets' own JSON.
 */
public final class ClientJson {
    private static final ObjectReader VALUES = HubJson.clientInput().readerFor(Object.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ClientJson() {
    }

    /**
     * The body's value as Vert.x's codec gives it: a {@link JsonObject} for an object, a {@link JsonArray} for a list,
     * else the string, number, boolean or null.
     *
     * @throws Refusal         naming the key, for a key given twice
     * @throws DecodeException for anything else that is not one JSON value
     */
    public static Object decode(Buffer body) {
        Object value;
        try {
            value = VALUES.readValue(body.getBytes());
        } catch (IOException e) {
            String twice = DuplicateKeys.path(e);
            if (twice != null) throw Refusal.duplicateKey(twice);
            // Not the parser's message: it may quote the body.
            throw new DecodeException("the body is not one JSON value");
        }
        if (value instanceof Map<?, ?> map) return new JsonObject(cast(map));
        if (value instanceof List<?> list) return new JsonArray(list);
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
