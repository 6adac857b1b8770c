package org.hearthhub.util;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The hub's Jackson mappers: {@link #mapper()} for everything it keeps (files, Redis): ISO-8601 times,
 * unknown fields ignored (a newer node or release may add some); and {@link #clientInput()} for what clients
 * send, the same but with no scalar coerced and no key given twice. Each is built once because a mapper caches what it learns
 * about each type; callers that need another behaviour derive a reader or writer
 * ({@code mapper().readerFor(T).with(…)}), never reconfigure or copy one.
 */
public final class HubJson {
    private static final ObjectMapper MAPPER = common().build();
    /**
     * Jackson would read {@code "true"} or {@code 1} as true and {@code "5"} as 5; a form that sends those has
     * a bug, or is not the form, and the field is refused by name rather than guessed. Only a mapper-wide setting
     * does this (a reader cannot), hence the second mapper. A key given twice, at any depth, fails the read
     * ({@link DuplicateKeys}) instead of the last one winning.
     */
    private static final ObjectMapper CLIENT_INPUT = common().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private HubJson() {
    }

    /** What both mappers share: ISO-8601 times, unknown fields ignored. */
    private static JsonMapper.Builder common() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** For bodies clients send: strict on scalars and on keys given twice (see {@link #CLIENT_INPUT}). */
    public static ObjectMapper clientInput() {
        return CLIENT_INPUT;
    }
}
