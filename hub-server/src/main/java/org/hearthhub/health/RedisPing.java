package org.hearthhub.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.redis.RedisEndpoint;

import java.util.concurrent.TimeUnit;

/**
 * One Redis the hub depends on, asked PING over a connection of its own (the stores' connections stay
 * theirs). The connection is opened at once but not awaited, so it never delays the hub's start; when
 * Redis could not be reached then, the next ping tries again. Lettuce reconnects an open connection by
 * itself, so a ping answers again within about a second of Redis coming back.
 */
public final class RedisPing {
    /** Shorter than a load balancer's probe timeout: a hung Redis answers "down", never a hung /health. */
    static final long TIMEOUT_MILLIS = 1_000;

    private final Vertx vertx;
    private final String dependency;
    private final String url;
    private final String role;
    private Future<RedisEndpoint> endpoint;
    private boolean closed;

    /**
     * @param dependency the name /health reports it under, e.g. {@code settingsRedis}
     * @param role       "live" or "settings", for Redis error messages
     */
    public RedisPing(Vertx vertx, String dependency, String url, String role) {
        this.vertx = vertx;
        this.dependency = dependency;
        this.url = url;
        this.role = role;
        this.endpoint = RedisEndpoint.connect(vertx, url, role);
    }

    public String dependency() {
        return dependency;
    }

    /** True when Redis answered PONG within the timeout; never fails. */
    public Future<Boolean> answers() {
        return connection()
                .compose(redis -> redis.call(c -> c.ping()))
                .timeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .map("PONG"::equals)
                .otherwise(false);
    }

    private synchronized Future<RedisEndpoint> connection() {
        if (endpoint.failed() && !closed) endpoint = RedisEndpoint.connect(vertx, url, role);
        return endpoint;
    }

    public synchronized Future<Void> close() {
        closed = true;
        return endpoint.transform(opened -> opened.succeeded() ? opened.result().close() : Future.succeededFuture());
    }
}
