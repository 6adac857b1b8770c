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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The limit of the stack: a bare Vert.x WebSocket server with no queue, no JSON and no state beyond
 * pairing. Two sockets that open {@code /pair/KEY} with the same key are joined; each text frame from
 * one is written unchanged to the other. Both get {@code {"type":"paired","oneLoop":…}} when joined, so a client
 * knows when to send. {@code GET /health} answers 200; {@code GET /gc} tells its GC time and count.
 *
 * <p>{@code java -cp hearth-loadtest.jar org.hearthhub.loadtest.RelayServer PORT [LOOPS [PORT_FILE]]} runs it alone.
 */
public final class RelayServer {
    /** Told to both sockets of a pair once joined, with whether the two live on one event loop. */
    static String paired(boolean oneLoop) {
        return "{\"type\":\"paired\",\"oneLoop\":" + oneLoop + "}";
    }

    private static final String PREFIX = "/pair/";

    /** One negative key per relay started with port 0 in this process, so two relays never share a port. */
    private static final AtomicInteger SHARED_FREE_PORTS = new AtomicInteger();

    private final Map<String, Waiting> waiting;
    private final HttpServer server;

    private RelayServer(HttpServer server, Map<String, Waiting> waiting) {
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
     *
     * <p>Vert.x gives every server on port 0 a port of its own: started so, the relays listened on {@code loops}
     * ports, of which one was answered, and every socket landed on that one server's loop (from 2026-12-04
     * 21:07, {@code 84c6b03}, to 2026-12-05; docs/benchmark-history.md, History 16). Servers on one negative
     * port share a free one instead, as the hub's do ({@code EphemeralPort}).
     */
    public static Future<Integer> startOnLoops(Vertx vertx, String host, int port, int loops) {
        Map<String, Waiting> waiting = new ConcurrentHashMap<>();
        int listenOn = port == 0 ? SHARED_FREE_PORTS.decrementAndGet() : port;
        int[] bound = new int[1];
        return vertx.deployVerticle(() -> new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        return RelayServer.start(vertx, host, listenOn, waiting).onSuccess(r -> bound[0] = r.port());
                    }
                }, new DeploymentOptions().setInstances(loops))
                .map(id -> bound[0]);
    }

    private static Future<RelayServer> start(Vertx vertx, String host, int port, Map<String, Waiting> waiting) {
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
        // Atomic take-or-wait: the two sockets of a pair may arrive on two loops at once. A socket's handlers
        // run on its own event loop's thread, so the thread names the loop.
        Waiting self = new Waiting(ws, Thread.currentThread());
        Waiting[] taken = new Waiting[1];
        waiting.compute(key, (k, waiter) -> {
            taken[0] = waiter;
            return waiter == null ? self : null;
        });
        Waiting peer = taken[0];
        if (peer == null) {
            ws.closeHandler(v -> waiting.remove(key, self));
            return;
        }
        ws.textMessageHandler(peer.socket()::writeTextMessage);
        peer.socket().textMessageHandler(ws::writeTextMessage);
        String paired = paired(peer.loop() == self.loop());
        ws.writeTextMessage(paired);
        peer.socket().writeTextMessage(paired);
    }

    /** The first socket of a pair, waiting for the second, and the event loop it lives on. */
    private record Waiting(ServerWebSocket socket, Thread loop) {
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
