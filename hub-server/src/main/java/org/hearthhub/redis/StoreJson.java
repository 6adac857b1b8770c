package org.hearthhub.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import org.hearthhub.util.HubJson;

/**
 * The JSON form of records kept in Redis ({@link HubJson}: ISO-8601 times, unknown fields ignored, as
 * newer nodes may add some). One per store, so that an unreadable value names the store it came from.
 */
public final class StoreJson {
    private final ObjectMapper mapper = HubJson.mapper();
    private final String storeName;

    /** @param storeName as errors name it, e.g. "live Redis" */
    public StoreJson(String storeName) {
        this.storeName = storeName;
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
