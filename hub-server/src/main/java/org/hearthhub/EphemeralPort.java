package org.hearthhub;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A free port taken for {@code server.port: 0}, one for all the hub's server verticles, and taken before the hub
 * wires the parts that name its public URL (whose default names the port).
 *
 * <p>Vert.x gives every server that listens on port 0 a port of its own; servers that listen on the same
 * <em>negative</em> port and host share one free port instead (NetServerImpl keys them by it). So a stand-in server
 * listens on a negative key of this hub's own, the server verticles listen on the same key and join its port, and
 * the stand-in leaves once they do: the port stays open while any server on it is.
 */
final class EphemeralPort {
    /** One key per port taken in this process: two hubs on one Vert.x instance must not share a port. */
    private static final AtomicInteger KEYS = new AtomicInteger();

    private final HttpServer standIn;
    private final int key;

    private EphemeralPort(HttpServer standIn, int key) {
        this.standIn = standIn;
        this.key = key;
    }

    /** @param options the server verticles' options (the first server on a port sets its socket options for all) */
    static Future<EphemeralPort> take(Vertx vertx, HttpServerOptions options) {
        int key = KEYS.decrementAndGet();
        // A request that comes before the hub is ready is told to come back; a health check sees 503 until then.
        HttpServer standIn = vertx.createHttpServer(new HttpServerOptions(options).setPort(key))
                .requestHandler(request -> request.response().setStatusCode(503)
                        .putHeader(HttpHeaders.CONNECTION, "close").end());
        return standIn.listen().map(listening -> new EphemeralPort(standIn, key));
    }

    /** What the server verticles listen on to share this port. */
    int key() {
        return key;
    }

    /** The port the system gave. */
    int actualPort() {
        return standIn.actualPort();
    }

    /** Closes the stand-in; the port stays open as long as a server verticle listens on it. */
    Future<Void> release() {
        return standIn.close();
    }
}
