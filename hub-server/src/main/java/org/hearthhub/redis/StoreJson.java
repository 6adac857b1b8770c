package org.hearthhub.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.Future;

/**
 * The JSON form of records kept in Redis: ISO-8601 times, unknown fields ignored (newer nodes may add
 * some). One per store, so that an unreadable value names the store it came from.
 */
public final class StoreJson {
    private final ObjectMapper mapper = mapper();
    private final String storeName;

    /** @param storeName as errors name it, e.g. "live Redis" */
    public StoreJson(String storeName) {
        this.storeName = storeName;
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public Future<String> encode(Object value) {
        try {
            return Future.succeededFuture(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            return Future.failedFuture(e);
        }
    }

    /** Fails loudly: a value this node cannot read is a deployment fault, not bad input. */
    public <T> T decode(String value, Class<T> type) {
        try {
            return mapper.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " in the " + storeName, e);
        }
    }
}
