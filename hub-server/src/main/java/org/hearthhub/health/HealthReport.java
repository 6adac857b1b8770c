package org.hearthhub.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What /health answers: up, or down with the names of the dependencies that did not answer. Names only
 * ({@code liveRedis}, {@code settingsRedis}): no address, URL or error text reaches whoever polls it.
 */
public record HealthReport(List<String> down) {
    public HealthReport {
        down = List.copyOf(down);
    }

    public boolean up() {
        return down.isEmpty();
    }

    /** 503 lets a load balancer take the node out of rotation while a dependency is away. */
    public int httpStatus() {
        return up() ? 200 : 503;
    }

    public JsonObject json() {
        JsonObject out = new JsonObject().put("status", up() ? "up" : "down");
        if (!up()) out.put("down", new JsonArray(down));
        return out;
    }
}
