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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames written straight into the channel reach a real Vert.x client whole, in the order they were
 * written, from the socket's loop and from any other thread, and a frame for a closed socket is dropped
 * quietly. A client that stops reading is cut off once too much waits for it, or once nothing it is sent moves
 * for three looks; one that reads is never cut, however much it is sent.
 */
class FrameOutTest {
    /** 256 KiB: what may wait for a socket in these tests. */
    private static final int BOUND = 256 * 1024;
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
            FrameOut out = unbounded(ws);
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
            FrameOut out = unbounded(ws);
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
            FrameOut out = unbounded(ws);
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

    @Test
    void aClientThatStopsReadingIsCutOffOnceMoreThanTheBoundWaits() throws Exception {
        AtomicInteger cuts = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Long> waitingAfter = new CompletableFuture<>();
        CompletableFuture<Void> serverSawClose = new CompletableFuture<>();
        CompletableFuture<Void> clientSawClose = new CompletableFuture<>();
        String frame = "{\"text\":\"" + "x".repeat(16_000) + "\"}";
        WebSocket[] client = new WebSocket[1];

        // The client takes a few frames, then stops reading: its kernel buffers fill, then the bound.
        connect(ws -> {
            ws.closeHandler(v -> serverSawClose.complete(null));
            FrameOut out = new FrameOut(ws, BOUND, cuts::incrementAndGet);
            vertx.setPeriodic(1, id -> {
                // 32 MB at most: far past what the kernel holds for a socket
                if (written.get() == 2_000 || ws.isClosed()) {
                    vertx.cancelTimer(id);
                    waitingAfter.complete(waiting(ws));
                    return;
                }
                for (int i = 0; i < 20; i++) {
                    out.text(frame);
                    written.incrementAndGet();
                }
            });
        }, socket -> client[0] = socket.pause().closeHandler(v -> clientSawClose.complete(null)));

        serverSawClose.get(10, TimeUnit.SECONDS);
        client[0].resume(); // a paused client reads nothing, the end of its connection included
        clientSawClose.get(10, TimeUnit.SECONDS);
        assertEquals(1, cuts.get(), "cut once");
        assertTrue(written.get() < 2_000, "cut before the writer ran out: " + written.get() + " frames");
        assertEquals(-1L, waitingAfter.get(10, TimeUnit.SECONDS), "nothing waits once cut (the channel is closed)");
    }

    @Test
    void aClientThatReadsIsNeverCutHoweverMuchItIsSentFromATimerOrWithinARead() throws Exception {
        AtomicInteger cuts = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        CompletableFuture<Void> all = new CompletableFuture<>();
        String frame = "{\"text\":\"" + "y".repeat(16_000) + "\"}";
        int timed = 500; // 8 MB, thirty times the bound, written as fast as the loop can
        int withinRead = 200; // 3.2 MB more, all written while the frame that asked for it is read

        connect(ws -> {
            FrameOut out = new FrameOut(ws, BOUND, cuts::incrementAndGet);
            int[] sent = new int[1];
            vertx.setPeriodic(1, id -> {
                for (int i = 0; i < 10 && sent[0] < timed; i++, sent[0]++) out.text(frame);
                if (sent[0] == timed) vertx.cancelTimer(id);
            });
            // Frames written during a read wait for its end, but only until 64 KiB wait (Netty's high-water mark: the
            // flush consolidation then lets them go); had they waited for the read's end, this client would be cut.
            ws.textMessageHandler(asked -> {
                for (int i = 0; i < withinRead; i++) out.text(frame);
            });
        }, socket -> socket.textMessageHandler(text -> {
            int n = received.incrementAndGet();
            if (n == timed) socket.writeTextMessage("{\"type\":\"resume\"}");
            if (n == timed + withinRead) all.complete(null);
        }));

        all.get(20, TimeUnit.SECONDS);
        assertEquals(0, cuts.get());
    }

    @Test
    void aClientThatTakesNothingForThreeLooksIsCutAndOneThatTakesALittleIsNot() throws Exception {
        AtomicInteger cuts = new AtomicInteger();
        CompletableFuture<FrameOut> server = new CompletableFuture<>();
        CompletableFuture<ServerWebSocket> serverSocket = new CompletableFuture<>();
        WebSocket[] client = new WebSocket[1];
        connect(ws -> {
            serverSocket.complete(ws);
            server.complete(new FrameOut(ws, Integer.MAX_VALUE, cuts::incrementAndGet));
        }, socket -> client[0] = socket.pause());
        FrameOut out = server.get(10, TimeUnit.SECONDS);
        ServerWebSocket ws = serverSocket.get(10, TimeUnit.SECONDS);
        String frame = "{\"text\":\"" + "z".repeat(16_000) + "\"}";
        // 16 MB: more than the kernel takes for a client that does not read, so some of it waits here.
        onLoop(ws, () -> {
            for (int i = 0; i < 1_000; i++) out.text(frame);
        });
        assertTrue(onLoop(ws, () -> waiting(ws)) > 0, "bytes wait for the client");

        onLoop(ws, out::lookForProgress); // what is first in line, and how much of it has gone
        onLoop(ws, out::lookForProgress);
        onLoop(ws, out::lookForProgress);
        // The client takes a little: a look that finds bytes gone starts the count again. What Vert.x had already read
        // for the paused client is handed over first, and how much that is varies run to run (it once held more than
        // 200 frames here): so fetch a little at a time until the client reads from the connection again.
        long left = onLoop(ws, () -> waiting(ws));
        for (long until = System.currentTimeMillis() + 5_000; left == onLoop(ws, () -> waiting(ws)) && System.currentTimeMillis() < until; ) {
            client[0].fetch(50);
            Thread.sleep(20);
        }
        assertTrue(onLoop(ws, () -> waiting(ws)) < left, "the client took some");
        onLoop(ws, out::lookForProgress);
        onLoop(ws, out::lookForProgress);
        onLoop(ws, out::lookForProgress);
        assertEquals(0, cuts.get(), "two looks without progress since the client last read");
        assertFalse(ws.isClosed());
        onLoop(ws, out::lookForProgress);
        assertEquals(1, cuts.get(), "the third look without progress cuts it");
        onLoop(ws, out::lookForProgress);
        assertEquals(1, cuts.get(), "once");
        CompletableFuture<Void> clientSawClose = new CompletableFuture<>();
        client[0].closeHandler(v -> clientSawClose.complete(null)).resume();
        clientSawClose.get(10, TimeUnit.SECONDS);
        assertEquals(-1L, onLoop(ws, () -> waiting(ws)), "nothing waits once cut");
    }

    /** What Netty holds for the socket beyond what the kernel took; -1 once the channel is closed. */
    private static long waiting(ServerWebSocket ws) {
        var buffer = ((io.vertx.core.internal.http.WebSocketInternal) ws).channelHandlerContext().channel().unsafe().outboundBuffer();
        return buffer == null ? -1 : buffer.totalPendingWriteBytes();
    }

    /** Runs on the socket's event loop, as the hub's own calls do, and waits for the answer. */
    private static <T> T onLoop(ServerWebSocket ws, java.util.concurrent.Callable<T> step) throws Exception {
        CompletableFuture<T> answer = new CompletableFuture<>();
        ((io.vertx.core.internal.http.WebSocketInternal) ws).channelHandlerContext().executor().execute(() -> {
            try {
                answer.complete(step.call());
            } catch (Exception e) {
                answer.completeExceptionally(e);
            }
        });
        return answer.get(10, TimeUnit.SECONDS);
    }

    private static void onLoop(ServerWebSocket ws, Runnable step) throws Exception {
        onLoop(ws, () -> {
            step.run();
            return null;
        });
    }

    private static FrameOut unbounded(ServerWebSocket ws) {
        return new FrameOut(ws, Integer.MAX_VALUE, () -> {
            throw new AssertionError("cut");
        });
    }

    private void connect(Consumer<ServerWebSocket> onServer, Consumer<WebSocket> onClient) throws Exception {
        server = vertx.createHttpServer().webSocketHandler(onServer::accept);
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        // The client's handlers are set as the connection completes, before any frame is handed to it.
        client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/"))
                .onSuccess(onClient::accept).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
