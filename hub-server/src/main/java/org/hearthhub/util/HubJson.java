package org.hearthhub.util;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The hub's one Jackson mapper, for everything it keeps (files, Redis) and reads from leads: ISO-8601
 * times, unknown fields ignored (a newer node or release may add some). Built once because a mapper
 * caches what it learns about each type; callers that need another behaviour derive a reader or writer
 * ({@code mapper().readerFor(T).with(…)}), never reconfigure or copy it.
 */
public final class HubJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private HubJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
