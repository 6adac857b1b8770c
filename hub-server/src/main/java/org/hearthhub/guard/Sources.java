package org.hearthhub.guard;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.SocketAddress;

import java.time.Clock;
import java.util.List;

/** The one way the hub names where a request came from: a {@link Source}, never an address. */
public final class Sources {
    private final ClientAddress addresses;
    private final SourceKeys keys;

    public Sources(List<String> trustedProxies, Clock clock) {
        this.addresses = new ClientAddress(trustedProxies);
        this.keys = new SourceKeys(clock);
    }

    /** Through a request's context: the {@link Source} a route's handler set up. */
    public static final String CONTEXT_KEY = "hearth.source";

    public Source of(HttpServerRequest request) {
        return of(request.remoteAddress(), request.getHeader("X-Forwarded-For"));
    }

    public Source of(ServerWebSocketHandshake handshake) {
        return of(handshake.remoteAddress(), handshake.headers().get("X-Forwarded-For"));
    }

    public Source of(SocketAddress peer, String forwardedFor) {
        return keys.of(addresses.of(peer, forwardedFor));
    }
}
