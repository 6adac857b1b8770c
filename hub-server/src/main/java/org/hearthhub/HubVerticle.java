package org.hearthhub;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.Router;

import java.util.function.Consumer;

/**
 * One event loop's share of the hub: its own router and HTTP/WebSocket server, on a port every instance
 * shares (Vert.x hands each new connection to the next instance in turn). The hub deploys one instance
 * per event loop, so a socket and everything done for it stays on the loop that accepted it; the
 * services behind the routes are shared and safe to call from any loop.
 */
final class HubVerticle extends VerticleBase {
    private final HttpServerOptions options;
    private final Consumer<Router> routes;
    private final Handler<ServerWebSocketHandshake> sockets;
    private HttpServer server;

    /** @param routes mounts every route on a fresh router (each instance builds its own: routers are not shared) */
    HubVerticle(HttpServerOptions options, Consumer<Router> routes, Handler<ServerWebSocketHandshake> sockets) {
        this.options = options;
        this.routes = routes;
        this.sockets = sockets;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        routes.accept(router);
        server = vertx.createHttpServer(options).webSocketHandshakeHandler(sockets).requestHandler(router);
        return server.listen();
    }

    int actualPort() {
        return server.actualPort();
    }
}
