package org.hearthhub.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real WebSocket client for tests: sends JSON frames and waits (blocking the test thread, never an
 * event loop) for frames of a given type, keeping the others for later assertions.
 */
public final class WsClient implements AutoCloseable {
    private static final long DEFAULT_WAIT_MS = 5000;

    private final WebSocketClient client;
    private final ClientWebSocket socket;
    private final List<JsonObject> inbox = new ArrayList<>();
    private volatile boolean closed;
    private volatile Short closeStatus;
    private volatile String closeReason;

    private WsClient(WebSocketClient client, ClientWebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> {
            synchronized (inbox) {
                inbox.add(new JsonObject(text));
                inbox.notifyAll();
            }
        });
        socket.closeHandler(v -> {
            closeStatus = socket.closeStatusCode();
            closeReason = socket.closeReason();
            closed = true;
            synchronized (inbox) {
                inbox.notifyAll();
            }
        });
    }

    public static WsClient connect(Vertx vertx, int port, String path, String origin, String cookie) throws Exception {
        return connect(vertx, port, path, origin, cookie, null);
    }

    /**
     * @param localAddress the loopback address to connect from (e.g. {@code 127.0.0.66}), so that the hub sees
     *                     another source than the usual 127.0.0.1; null for the default
     */
    public static WsClient connect(Vertx vertx, int port, String path, String origin, String cookie, String localAddress)
            throws Exception {
        WebSocketClientOptions clientOptions = clientOptions();
        WebSocketConnectOptions options = target(port, path, origin, cookie);
        if (localAddress != null) {
            clientOptions.setLocalAddress(localAddress);
            // The hub listens on 127.0.0.1: name it, so that "localhost" can never resolve to ::1 from an IPv4 local address.
            options.setHost("127.0.0.1");
        }
        return connect(vertx, clientOptions, options);
    }

    /** Frames and messages up to 1 MiB, so that what the hub refuses is its own doing; add e.g. a local address. */
    public static WebSocketClientOptions clientOptions() {
        return new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20);
    }

    /** The hub's socket at {@code path}; without {@code origin} no Origin header is sent at all (Vert.x would send the target's own). */
    public static WebSocketConnectOptions target(int port, String path, String origin, String cookie) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(path)
                .setAllowOriginHeader(origin != null);
        if (origin != null) options.addHeader("Origin", origin);
        if (cookie != null) options.addHeader("Cookie", cookie);
        return options;
    }

    public static WsClient connect(Vertx vertx, WebSocketClientOptions clientOptions, WebSocketConnectOptions options) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(clientOptions);
        // Handlers are set before connecting, so not even a frame sent with the handshake can be missed.
        ClientWebSocket ws = client.webSocket();
        WsClient wsClient = new WsClient(client, ws);
        try {
            ws.connect(options).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            throw e;
        }
        return wsClient;
    }

    /** Tries an upgrade that must be refused and returns the HTTP status it was refused with. */
    public static int refusedStatus(Vertx vertx, int port, String path, String origin, String cookie) {
        return refusedStatus(vertx, new WebSocketClientOptions(), target(port, path, origin, cookie));
    }

    public static int refusedStatus(Vertx vertx, WebSocketClientOptions clientOptions, WebSocketConnectOptions options) {
        WebSocketClient client = vertx.createWebSocketClient(clientOptions);
        try {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.connect(options).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS),
                    "the upgrade must be refused");
            return assertInstanceOf(UpgradeRejectedException.class, e.getCause()).getStatus();
        } finally {
            client.close();
        }
    }

    /** The headers of the hub's handshake answer (e.g. which extensions it accepted). */
    public io.vertx.core.MultiMap handshakeHeaders() {
        return socket.headers();
    }

    public WsClient send(JsonObject frame) {
        socket.writeTextMessage(frame.encode());
        return this;
    }

    public WsClient sendRaw(String text) {
        socket.writeTextMessage(text);
        return this;
    }

    public WsClient sendBinary(byte[] bytes) {
        socket.writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer(bytes));
        return this;
    }

    public WsClient send(String type, Object... fieldsAndValues) {
        JsonObject frame = new JsonObject().put("type", type);
        for (int i = 0; i < fieldsAndValues.length; i += 2) frame.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        return send(frame);
    }

    /** Removes and returns the first frame of this type, waiting for it if needed. */
    public JsonObject await(String type) {
        return await(type, DEFAULT_WAIT_MS);
    }

    public JsonObject await(String type, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (inbox) {
            while (true) {
                for (Iterator<JsonObject> it = inbox.iterator(); it.hasNext(); ) {
                    JsonObject f = it.next();
                    if (type.equals(f.getString("type"))) {
                        it.remove();
                        return f;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || closed) fail("no '" + type + "' frame within " + timeoutMs + " ms; got " + inbox);
                try {
                    inbox.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }
    }

    /** Waits until a frame of this type matches, dropping earlier frames of the same type. */
    public JsonObject awaitMatching(String type, java.util.function.Predicate<JsonObject> match) {
        long deadline = System.currentTimeMillis() + DEFAULT_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            JsonObject f = await(type, Math.max(1, deadline - System.currentTimeMillis()));
            if (match.test(f)) return f;
        }
        return fail("no matching '" + type + "' frame");
    }

    /** Asserts that no frame of this type arrives within the given time. */
    public void expectNone(String type, long withinMs) {
        long deadline = System.currentTimeMillis() + withinMs;
        synchronized (inbox) {
            while (true) {
                for (JsonObject f : inbox) {
                    if (type.equals(f.getString("type"))) fail("unexpected '" + type + "' frame: " + f);
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) return;
                try {
                    inbox.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Removes and returns the first frame, of any type, that matches; fails after the timeout. */
    public JsonObject awaitFrame(java.util.function.Predicate<JsonObject> match, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (inbox) {
            while (true) {
                for (Iterator<JsonObject> it = inbox.iterator(); it.hasNext(); ) {
                    JsonObject f = it.next();
                    if (match.test(f)) {
                        it.remove();
                        return f;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || closed) fail("no matching frame within " + timeoutMs + " ms; got " + inbox);
                try {
                    inbox.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }
    }

    /** Removes and returns every frame of this type received so far, oldest first, without waiting. */
    public List<JsonObject> drain(String type) {
        synchronized (inbox) {
            List<JsonObject> out = new ArrayList<>();
            for (Iterator<JsonObject> it = inbox.iterator(); it.hasNext(); ) {
                JsonObject f = it.next();
                if (type.equals(f.getString("type"))) {
                    out.add(f);
                    it.remove();
                }
            }
            return out;
        }
    }

    /** Every frame received and not yet awaited, of any type. */
    public List<JsonObject> pending() {
        synchronized (inbox) {
            return List.copyOf(inbox);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    public Short closeStatus() {
        return closeStatus;
    }

    /** The reason in the hub's close frame (null if it sent none). */
    public String closeReason() {
        return closeReason;
    }

    /** Waits until the hub closes the socket and returns the status of its close frame (null if it sent none). */
    public Short awaitClose(long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (inbox) {
            while (!closed) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) fail("the socket was not closed within " + timeoutMs + " ms");
                try {
                    inbox.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }
        return closeStatus;
    }

    /** Drops the connection abruptly, as a lost network would. */
    public void kill() {
        socket.close();
    }

    @Override
    public void close() {
        if (!closed) socket.close();
        client.close();
    }
}
