package org.hearthhub.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One Redis server, or the master Redis Sentinel names ({@link RedisUrl}), as the hub uses it: a Lettuce
 * client with the hub's failure rules and a shared connection for plain commands.
 * <ul>
 *   <li>Commands fail after {@link #COMMAND_TIMEOUT} and are refused at once while disconnected, so a
 *       client gets an {@code unavailable} error instead of a hang.</li>
 *   <li>Lettuce reconnects by itself (and re-subscribes pub/sub channels), retrying at least once a
 *       second, so the hub serves again as soon as Redis is back. With Sentinel each attempt asks the
 *       sentinels for the master, so every connection follows a failover to the promoted replica.</li>
 *   <li>Results come back on the caller's Vert.x context, so socket state stays single-threaded.</li>
 * </ul>
 */
public final class RedisEndpoint {
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final String role;
    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisEndpoint(Vertx vertx, String role, RedisURI uri, ClientResources resources, RedisClient client,
                          StatefulRedisConnection<String, String> connection) {
        this.vertx = vertx;
        this.role = role;
        this.uri = uri;
        this.resources = resources;
        this.client = client;
        this.connection = connection;
    }

    /**
     * Connects, or fails when Redis cannot be reached now (the hub then refuses to start).
     *
     * @param role "live" or "settings", for error messages
     */
    public static Future<RedisEndpoint> connect(Vertx vertx, String url, String role) {
        RedisURI uri;
        try {
            uri = RedisUrl.parse(url);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new IllegalArgumentException("the " + role + " Redis URL " + e.getMessage()));
        }
        uri.setTimeout(COMMAND_TIMEOUT);
        String where = RedisUrl.describe(uri);
        Context context = vertx.getOrCreateContext();
        // Building a client starts thread pools and loads much of Netty and Lettuce: not on an event loop.
        return vertx.executeBlocking(() -> newClient(uri), false).compose(client -> Future
                .fromCompletionStage(client.connectAsync(StringCodec.UTF8, uri), context)
                .map(connection -> new RedisEndpoint(vertx, role, uri, client.getResources(), client, connection))
                .recover(e -> shutdown(vertx, client, client.getResources()).transform(v -> Future.failedFuture(
                        new RedisUnavailableException("cannot reach the " + role + " Redis at " + where + ": " + describe(e), e)))));
    }

    private static RedisClient newClient(RedisURI uri) {
        RedisClient client = RedisClient.create(LettuceResources.acquire(), uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).keepAlive(true).build())
                .build());
        return client;
    }

    /** The Lettuce threads this endpoint runs on (shared by every endpoint of the process). */
    ClientResources resources() {
        return resources;
    }

    /** host:port, or the master's name and its sentinels; never the password. */
    public String address() {
        return RedisUrl.describe(uri);
    }

    public String role() {
        return role;
    }

    /** Whether Sentinel may promote a replica to master: the URL names sentinels. */
    public boolean failsOver() {
        return !uri.getSentinels().isEmpty();
    }

    public RedisAsyncCommands<String, String> commands() {
        return connection.async();
    }

    /** Runs one command on the shared connection. */
    public <T> Future<T> call(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command) {
        CompletionStage<T> stage;
        try {
            stage = command.apply(connection.async());
        } catch (RuntimeException e) {
            return Future.failedFuture(unavailable(e));
        }
        return on(stage);
    }

    /** A Lettuce result as a Vert.x future on the caller's context, with Redis failures made clear. */
    public <T> Future<T> on(CompletionStage<T> stage) {
        Context context = vertx.getOrCreateContext();
        return Future.fromCompletionStage(stage, context).recover(e -> Future.failedFuture(unavailable(e)));
    }

    /** A connection of its own, for WATCH/MULTI transactions that must not interleave with other commands. */
    public Future<StatefulRedisConnection<String, String>> openConnection() {
        return on(client.connectAsync(StringCodec.UTF8, uri));
    }

    /**
     * Runs one command on each replica the master lists now (ROLE), over a short-lived connection with
     * this URL's credentials and TLS; replicas that cannot be reached are left out. Keyed by host:port.
     */
    public <T> Future<Map<String, T>> onEachReplica(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command) {
        return call(c -> c.role()).compose(role -> {
            Map<String, Future<T>> answers = new LinkedHashMap<>();
            for (RedisURI replica : replicasIn(role)) {
                answers.put(replica.getHost() + ":" + replica.getPort(), on(client.connectAsync(StringCodec.UTF8, replica))
                        .compose(connection -> on(command.apply(connection.async()))
                                .eventually(() -> on(connection.closeAsync()))));
            }
            return Future.join(List.copyOf(answers.values())).otherwiseEmpty().map(done -> {
                Map<String, T> out = new LinkedHashMap<>();
                answers.forEach((where, answer) -> {
                    if (answer.succeeded()) out.put(where, answer.result());
                });
                return out;
            });
        });
    }

    /** ROLE on a master: {@code ["master", offset, [[host, port, offset], ...]]}. */
    private List<RedisURI> replicasIn(List<Object> role) {
        List<RedisURI> out = new ArrayList<>();
        if (role.size() < 3 || !"master".equals(role.get(0)) || !(role.get(2) instanceof List<?> replicas)) return out;
        for (Object r : replicas) {
            if (!(r instanceof List<?> fields) || fields.size() < 2) continue;
            out.add(RedisURI.builder().withHost(String.valueOf(fields.get(0))).withPort(Integer.parseInt(String.valueOf(fields.get(1))))
                    .withSsl(uri.isSsl()).withVerifyPeer(uri.getVerifyMode()).withAuthentication(uri.getCredentialsProvider())
                    .withTimeout(COMMAND_TIMEOUT).build());
        }
        return out;
    }

    public Future<StatefulRedisPubSubConnection<String, String>> openPubSub() {
        return on(client.connectPubSubAsync(StringCodec.UTF8, uri));
    }

    public RuntimeException unavailable(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause instanceof RedisUnavailableException r) return r;
        return new RedisUnavailableException("the " + role + " Redis at " + address() + " is unavailable: " + describe(cause), cause);
    }

    /** Closes every connection of this endpoint and stops Lettuce's threads. */
    public Future<Void> close() {
        return shutdown(vertx, client, resources);
    }

    private static Future<Void> shutdown(Vertx vertx, RedisClient client, ClientResources resources) {
        return vertx.executeBlocking(() -> {
            // No quiet period: nothing is in flight once the hub stops.
            client.shutdown(0, 2, TimeUnit.SECONDS);
            LettuceResources.release(resources);
            return null;
        }, false);
    }

    public static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) e = e.getCause();
        return e;
    }

    /** The exception's class and message; Lettuce's messages name commands and states, not arguments. */
    private static String describe(Throwable e) {
        Throwable cause = unwrap(e);
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
