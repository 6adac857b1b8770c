package org.hearthhub.loadtest;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limit of the stack: a bare Vert.x WebSocket server with no queue, no JSON and no state beyond
 * pairing. Two sockets that open {@code /pair/KEY} with the same key are joined; each text frame from
 * one is written unchanged to the other. Both get {@code {"type":"paired"}} when joined, so a client
 * knows when to send. {@code GET /health} answers 200; {@code GET /gc} tells its GC time and count.
 *
 * <p>{@code java -cp hearth-loadtest.jar org.hearthhub.loadtest.RelayServer PORT [LOOPS [PORT_FILE]]} runs it alone.
 */
public final class RelayServer {
    static final String PAIRED = "{\"type\":\"paired\"}";
    private static final String PREFIX = "/pair/";

    private final Map<String, ServerWebSocket> waiting;
    private final HttpServer server;

    private RelayServer(HttpServer server, Map<String, ServerWebSocket> waiting) {
        this.server = server;
        this.waiting = waiting;
    }

    /** One relay on the calling context's event loop. */
    public static Future<RelayServer> start(Vertx vertx, String host, int port) {
        return start(vertx, host, port, new ConcurrentHashMap<>());
    }

    /**
     * One relay per event loop, all on one port, sharing the pairing map: the bare stack's best on every
     * core, as the hub deploys one verticle per loop ({@code server.eventLoops}). Answers the port.
     */
    public static Future<Integer> startOnLoops(Vertx vertx, String host, int port, int loops) {
        Map<String, ServerWebSocket> waiting = new ConcurrentHashMap<>();
        int[] bound = new int[1];
        return vertx.deployVerticle(() -> new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        return RelayServer.start(vertx, host, port, waiting).onSuccess(r -> bound[0] = r.port());
                    }
                }, new DeploymentOptions().setInstances(loops))
                .map(id -> bound[0]);
    }

    private static Future<RelayServer> start(Vertx vertx, String host, int port, Map<String, ServerWebSocket> waiting) {
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
        relay[0] = new RelayServer(server, waiting);
        return server.listen().map(s -> relay[0]);
    }

    /** Beside the file, then renamed over it: a reader finds no file or the whole line, never part of it. */
    static Path writePort(Path file, int port) throws IOException {
        Path target = file.toAbsolutePath();
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        Files.writeString(partial, port + "\n");
        return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
        // Atomic take-or-wait: the two sockets of a pair may arrive on two loops at once.
        ServerWebSocket[] taken = new ServerWebSocket[1];
        waiting.compute(key, (k, waiter) -> {
            taken[0] = waiter;
            return waiter == null ? ws : null;
        });
        ServerWebSocket peer = taken[0];
        if (peer == null) {
            ws.closeHandler(v -> waiting.remove(key, ws));
            return;
        }
        ws.textMessageHandler(peer::writeTextMessage);
        peer.textMessageHandler(ws::writeTextMessage);
        ws.writeTextMessage(PAIRED);
        peer.writeTextMessage(PAIRED);
    }

    /**
     * {@code RelayServer PORT [LOOPS [PORT_FILE]]}: LOOPS defaults to the number of cores, as the hub's event loops
     * do. PORT 0 takes any free port, which the ready line names and, once the relay listens, PORT_FILE holds
     * (written as the hub writes its {@code server.portFile}).
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        Path portFile = args.length > 2 ? Path.of(args[2]) : null;
        // The transport the hub uses (epoll on Linux), so the comparison stays like for like.
        Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setPreferNativeTransport(true));
        startOnLoops(vertx, "127.0.0.1", port, loops)
                .onSuccess(p -> System.out.println("relay ready on port " + p + " with " + loops + " event loops"))
                .compose(p -> portFile == null ? Future.succeededFuture() : vertx.executeBlocking(() -> writePort(portFile, p)))
                .onFailure(e -> {
                    System.err.println("relay could not start: " + e.getMessage());
                    System.exit(1);
                });
    }
}
