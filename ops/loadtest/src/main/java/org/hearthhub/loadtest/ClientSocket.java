package org.hearthhub.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One client WebSocket as both scenarios use it: JSON frames in and out, a count of sockets open, and
 * an unexpected close or a broken frame recorded as an error.
 *
 * <p>An {@code ack} is counted, not parsed: neither scenario reads anything in it, and at the hub it is one
 * frame in three. The generator shares the machine with the server it measures and stamps each message's
 * arrival on its one event loop, so its own work per frame lands in the figures; a parse it throws away is
 * load on the hub's side only (the relay writes no acks).
 */
final class ClientSocket {
    /** How the hub writes every ack ({@code Frames.encodedAck}), and no other frame. */
    static final String ACK_START = "{\"type\":\"ack\",";
    private final Tally tally;
    private final AtomicInteger open;
    private final LongAdder acks;
    private volatile WebSocket socket;
    private volatile boolean closing;

    /** @param acks counts the acks this socket is sent */
    ClientSocket(Tally tally, AtomicInteger open, LongAdder acks) {
        this.tally = tally;
        this.open = open;
        this.acks = acks;
    }

    /** Connects to {@code baseUrl + path}; {@code onFrame} gets every JSON frame on the socket's event loop. */
    Future<ClientSocket> connect(WebSocketClient client, String baseUrl, String path, Map<String, String> headers,
                                 Consumer<JsonObject> onFrame) {
        URI base = URI.create(baseUrl);
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : 80).setURI(path);
        headers.forEach(options::addHeader);
        Promise<ClientSocket> p = Promise.promise();
        client.connect(options).onComplete(r -> {
            if (r.failed()) {
                tally.add("connect failed");
                p.fail(r.cause());
                return;
            }
            WebSocket ws = r.result();
            socket = ws;
            open.incrementAndGet();
            ws.textMessageHandler(text -> {
                if (text.startsWith(ACK_START)) {
                    acks.increment();
                    return;
                }
                JsonObject frame;
                try {
                    frame = new JsonObject(text);
                } catch (RuntimeException e) {
                    tally.add("unreadable frame");
                    return;
                }
                onFrame.accept(frame);
            });
            ws.closeHandler(v -> {
                open.decrementAndGet();
                if (!closing) tally.add("closed by server");
            });
            p.complete(this);
        });
        return p.future();
    }

    void send(JsonObject frame) {
        WebSocket ws = socket;
        if (ws != null) ws.writeTextMessage(frame.encode());
    }

    Future<Void> close() {
        closing = true;
        WebSocket ws = socket;
        return ws == null || ws.isClosed() ? Future.succeededFuture() : ws.close();
    }
}
