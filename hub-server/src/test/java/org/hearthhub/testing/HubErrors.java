package org.hearthhub.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks of the hub's one error answer over HTTP (web.Failures): a code's status and {@code {"code", "message", …}}. */
public final class HubErrors {
    private HubErrors() {
    }

    /**
     * @param unsaid texts the answer must not repeat (a number, a message the request carried)
     * @return the body, for further checks
     */
    public static JsonObject assertAnswer(HttpResponse<Buffer> r, int status, String code, String... unsaid) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        String type = r.getHeader("Content-Type");
        assertNotNull(type, "an error body says what it is");
        assertTrue(type.startsWith("application/json"), type);
        assertEquals("no-store", r.getHeader("Cache-Control"));
        JsonObject body = r.bodyAsJsonObject();
        assertEquals(code, body.getString("code"), body.encode());
        assertFalse(body.getString("message", "").isBlank(), "a message in words: " + body.encode());
        for (String text : unsaid) assertFalse(r.bodyAsString().contains(text), "the answer repeats " + text + ": " + body.encode());
        return body;
    }
}
