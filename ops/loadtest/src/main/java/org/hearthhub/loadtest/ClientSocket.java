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
import java.util.function.Consumer;

/**
 * One client WebSocket as both scenarios use it: JSON frames in and out, a count of sockets open, and
 * an unexpected close or a broken frame recorded as an error.
 */
final class ClientSocket {
    private final Tally tally;
    private final AtomicInteger open;
    private volatile WebSocket socket;
    private volatile boolean closing;

    ClientSocket(Tally tally, AtomicInteger open) {
        this.tally = tally;
        this.open = open;
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
