package org.hearthhub.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limit of the stack: a bare Vert.x WebSocket server with no queue, no JSON and no state beyond
 * pairing. Two sockets that open {@code /pair/KEY} with the same key are joined; each text frame from
 * one is written unchanged to the other. Both get {@code {"type":"paired"}} when joined, so a client
 * knows when to send. {@code GET /health} answers 200; {@code GET /gc} tells its GC time and count.
 *
 * <p>{@code java -cp hearth-loadtest.jar org.hearthhub.loadtest.RelayServer PORT} runs it alone.
 */
public final class RelayServer {
    static final String PAIRED = "{\"type\":\"paired\"}";
    private static final String PREFIX = "/pair/";

    private final Map<String, ServerWebSocket> waiting = new ConcurrentHashMap<>();
    private final HttpServer server;

    private RelayServer(HttpServer server) {
        this.server = server;
    }

    public static Future<RelayServer> start(Vertx vertx, String host, int port) {
        RelayServer[] relay = new RelayServer[1];
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .webSocketHandler(ws -> relay[0].onSocket(ws))
                .requestHandler(req -> {
                    switch (req.path()) {
                        case "/health" -> req.response().end();
                        // Its own GC totals ("ms count"), for the report; not part of the relaying.
                        case "/gc" -> {
                            long[] gc = GcTotals.own();
                            req.response().end(gc[0] + " " + gc[1]);
                        }
                        default -> req.response().setStatusCode(404).end();
                    }
                });
        relay[0] = new RelayServer(server);
        return server.listen().map(s -> relay[0]);
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close();
    }

    private void onSocket(ServerWebSocket ws) {
        if (!ws.path().startsWith(PREFIX)) {
            ws.close((short) 4404, "unknown path");
            return;
        }
        String key = ws.path().substring(PREFIX.length());
        ServerWebSocket peer = waiting.remove(key);
        if (peer == null) {
            waiting.put(key, ws);
            ws.closeHandler(v -> waiting.remove(key, ws));
            return;
        }
        ws.textMessageHandler(peer::writeTextMessage);
        peer.textMessageHandler(ws::writeTextMessage);
        ws.writeTextMessage(PAIRED);
        peer.writeTextMessage(PAIRED);
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Vertx vertx = Vertx.vertx();
        start(vertx, "127.0.0.1", port).onSuccess(r -> System.out.println("relay ready on port " + r.port()))
                .onFailure(e -> {
                    System.err.println("relay could not start: " + e.getMessage());
                    System.exit(1);
                });
    }
}
