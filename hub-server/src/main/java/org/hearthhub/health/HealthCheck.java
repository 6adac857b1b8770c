package org.hearthhub.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.config.HubConfig;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /health}: 200 {@code {"status":"up"}} while every Redis this node was configured with
 * answers PING, else 503 naming the ones that do not. The embedded default has no Redis and is always
 * up. One result serves every request for {@link #CACHE_MILLIS}, and requests that arrive while a check
 * is running share it, so load balancers polling often cost Redis at most one PING per store a second.
 * The second is read on the hub's clock (tests move it by hand); should that clock step back, the cached
 * result counts as old and the next request checks again.
 */
public final class HealthCheck {
    static final long CACHE_MILLIS = 1_000;
    private static final HealthReport UP = new HealthReport(List.of());

    private final List<RedisPing> pings;
    private final Clock clock;
    private Future<HealthReport> latest;
    private long latestStartedMillis;

    HealthCheck(List<RedisPing> pings, Clock clock) {
        this.pings = List.copyOf(pings);
        this.clock = clock;
    }

    /** Probes the live and the settings Redis when the configuration names them; {@code clock} times the cache. */
    public static HealthCheck of(Vertx vertx, HubConfig config, Clock clock) {
        List<RedisPing> pings = new ArrayList<>();
        if (config.live().redisUrl() != null) pings.add(new RedisPing(vertx, "liveRedis", config.live().redisUrl(), "live"));
        if (config.settings().redisUrl() != null) {
            pings.add(new RedisPing(vertx, "settingsRedis", config.settings().redisUrl(), "settings"));
        }
        return new HealthCheck(pings, clock);
    }

    public void mount(Router router) {
        router.get("/health").handler(this::answer);
    }

    private void answer(RoutingContext ctx) {
        // A check never fails (a ping that fails counts as "down"); should one anyway, the answer is
        // 503 rather than a request left hanging.
        report().onComplete(done -> {
            int status = done.succeeded() ? done.result().httpStatus() : 503;
            JsonObject body = done.succeeded() ? done.result().json() : new JsonObject().put("status", "down");
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
        });
    }

    /** The current report: a recent or running check if there is one, else a new one. */
    public synchronized Future<HealthReport> report() {
        if (pings.isEmpty()) return Future.succeededFuture(UP);
        long now = clock.millis();
        long age = now - latestStartedMillis;
        boolean fresh = latest != null && (!latest.isComplete() || (age >= 0 && age < CACHE_MILLIS));
        if (!fresh) {
            latestStartedMillis = now;
            latest = check();
        }
        return latest;
    }

    private Future<HealthReport> check() {
        List<Future<Boolean>> answers = pings.stream().map(RedisPing::answers).toList();
        return Future.join(answers).transform(all -> {
            List<String> down = new ArrayList<>();
            for (int i = 0; i < pings.size(); i++) {
                if (!Boolean.TRUE.equals(answers.get(i).result())) down.add(pings.get(i).dependency());
            }
            return Future.succeededFuture(new HealthReport(down));
        });
    }

    public Future<Void> close() {
        return Future.join(pings.stream().map(RedisPing::close).toList()).mapEmpty();
    }
}
