package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames written straight into the channel reach a real Vert.x client whole, in the order they were
 * written, from the socket's loop and from any other thread, and a frame for a closed socket is dropped
 * quietly.
 */
class FrameOutTest {
    private Vertx vertx;
    private HttpServer server;
    private WebSocketClient client;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        client = vertx.createWebSocketClient(new WebSocketClientOptions()); // frames of at most 64 KiB, Vert.x's default
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void framesArriveWholeAndInOrderFromTheLoopAndFromAnotherThread() throws Exception {
        // 150,001 bytes: three frames' worth, every boundary inside a two-byte character.
        String large = "x" + "é".repeat(75_000);
        List<String> expected = List.of("{\"n\":0}", large, "{\"n\":1,\"text\":\"¿sí?\"}", "{\"n\":2}", "{\"n\":3}");
        List<String> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> all = new CompletableFuture<>();

        connect(ws -> {
            FrameOut out = new FrameOut(ws);
            out.text(expected.get(0));
            out.text(expected.get(1));
            out.text(JsonBytes.start().raw("{\"n\":1,\"text\":").string("¿sí?").raw('}'));
            Thread elsewhere = new Thread(() -> {
                out.text(expected.get(3));
                out.text(JsonBytes.start().raw("{\"n\":3}"));
            });
            elsewhere.start();
        }, socket -> socket.textMessageHandler(text -> {
            received.add(text);
            if (received.size() == expected.size()) all.complete(null);
        }));

        all.get(10, TimeUnit.SECONDS);
        assertEquals(expected, received);
    }

    @Test
    void framesWrittenWhileTheChannelReadsGoOutInOneFlushAndOthersAtOnce() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        CompletableFuture<Integer> duringRead = new CompletableFuture<>();
        CompletableFuture<Integer> outsideRead = new CompletableFuture<>();
        List<String> received = new CopyOnWriteArrayList<>();

        connect(ws -> {
            FrameOut out = new FrameOut(ws);
            // Nearest the socket: counts the flushes that reach it.
            ((io.vertx.core.internal.http.WebSocketInternal) ws).channelHandlerContext().pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
                @Override
                public void flush(io.netty.channel.ChannelHandlerContext ctx) {
                    flushes.incrementAndGet();
                    ctx.flush();
                }
            });
            ws.textMessageHandler(text -> {
                // three acks for one frame read, as for a client that sent several in one packet
                for (int i = 0; i < 3; i++) out.text("{\"ack\":" + i + "}");
                vertx.runOnContext(v -> {
                    duringRead.complete(flushes.getAndSet(0));
                    for (int i = 0; i < 3; i++) out.text("{\"later\":" + i + "}");
                    outsideRead.complete(flushes.get());
                });
            });
        }, socket -> {
            socket.textMessageHandler(received::add);
            socket.writeTextMessage("{\"type\":\"message\"}");
        });

        assertEquals(1, duringRead.get(10, TimeUnit.SECONDS), "one flush as the read ended");
        assertEquals(3, outsideRead.get(10, TimeUnit.SECONDS), "a flush a frame outside a read");
    }

    @Test
    void aFrameForAClosedSocketIsDroppedWithoutAnError() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        List<String> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();

        connect(ws -> {
            // What reaches the channel's pipeline as an exception (Vert.x itself reports the closing to the
            // socket's exception handler, as it would for any connection lost without a closing handshake).
            ((io.vertx.core.internal.http.WebSocketInternal) ws).channelHandlerContext().pipeline().addFirst(new io.netty.channel.ChannelInboundHandlerAdapter() {
                @Override
                public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
                    errors.add(cause);
                    ctx.fireExceptionCaught(cause);
                }
            });
            FrameOut out = new FrameOut(ws);
            out.text("{\"n\":0}");
            vertx.setTimer(200, t -> {
                // The channel is closed under the socket (from the pipeline's head, past any handler that would wait
                // for a closing handshake): Vert.x learns it only in a later task, so these
                // frames meet a closed channel and their writes fail.
                ((io.vertx.core.internal.http.WebSocketInternal) ws).channelHandlerContext().pipeline().firstContext().close();
                out.text("{\"n\":1}");
                out.text(JsonBytes.start().raw("{\"n\":2}"));
                vertx.setTimer(200, t2 -> {
                    out.text("{\"n\":3}"); // and once Vert.x knows
                    done.complete(ws.isClosed());
                });
            });
        }, socket -> socket.textMessageHandler(received::add).closeHandler(v -> closed.complete(null)));

        assertTrue(done.get(10, TimeUnit.SECONDS), "Vert.x saw the socket close");
        closed.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("{\"n\":0}"), received);
        assertEquals(List.of(), errors, "no failed write passed down the pipeline");
    }

    private void connect(Consumer<ServerWebSocket> onServer, Consumer<WebSocket> onClient) throws Exception {
        server = vertx.createHttpServer().webSocketHandler(onServer::accept);
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        // The client's handlers are set as the connection completes, before any frame is handed to it.
        client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/"))
                .onSuccess(onClient::accept).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
