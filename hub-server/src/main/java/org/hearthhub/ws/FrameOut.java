package org.hearthhub.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * One socket's way out: its text frames written straight into its Netty channel, from where Vert.x's own
 * writes enter it, so they pass the same encoders (and compression, when a client asked for it).
 *
 * <p>Why not {@code ServerWebSocket.writeTextMessage}: for each frame Vert.x makes the text's bytes, two
 * wrappers around them, its own frame, a promise, a channel promise and a write task; a chat message
 * becomes two or three frames, and these were a fifth of the garbage it made (History 24 in
 * docs/benchmark-history.md). Here a frame is its bytes in one pooled buffer and Netty's frame around them,
 * and nobody listens for the result: a frame that meets a closed channel is dropped, as the socket is
 * going anyway.
 *
 * <p>Every frame the hub sends a socket goes this way, so they keep their order: Vert.x's queue, which
 * holds frames while the channel is not writable, would otherwise let a later frame overtake them. Each
 * frame is flushed at once outside a read of this channel, and with the read's end within one, as Vert.x
 * flushes its own. Text over {@link #ONE_FRAME} bytes goes as
 * continuation frames, as Vert.x splits it, so clients that take frames of that size read it.
 */
final class FrameOut {
    /** Vert.x's default frame size, and no more than the hub's own limit ({@link FrameReader#hardLimit(int)}) allows. */
    static final int ONE_FRAME = 65_536;

    private final ServerWebSocket socket;
    private final ChannelHandlerContext channel;
    /**
     * Read by nobody. Netty drops a write to a closed channel without failing a void promise; any other
     * failure (an encoder's) is not passed down the pipeline as an exception either, as with Vert.x's own.
     */
    private final ChannelPromise unheard;

    FrameOut(ServerWebSocket socket) {
        this.socket = socket;
        this.channel = ((WebSocketInternal) socket).channelHandlerContext();
        this.unheard = new VoidChannelPromise(channel.channel(), false);
        // What Vert.x does for its own writes: frames written while the channel is reading (the acks of the
        // frames it reads) go out in one flush as the read ends, not one each. A client far behind sends
        // many frames in one read, and a send each would cost the most just when the hub is most loaded.
        channel.pipeline().addFirst(FlushConsolidationHandler.class.getSimpleName(), new FlushConsolidationHandler(
                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false));
    }

    /** The text written so far by this thread's {@link JsonBytes}. */
    void text(JsonBytes json) {
        if (socket.isClosed()) return;
        ByteBuf bytes = channel.alloc().directBuffer(json.length());
        json.copyTo(bytes);
        write(bytes);
    }

    void text(String json) {
        if (socket.isClosed()) return;
        // Its exact size: a frame held while the client is slow to read would otherwise hold three times its bytes.
        ByteBuf bytes = channel.alloc().directBuffer(ByteBufUtil.utf8Bytes(json));
        ByteBufUtil.writeUtf8(bytes, json);
        write(bytes);
    }

    private void write(ByteBuf bytes) {
        if (!channel.executor().inEventLoop()) {
            channel.executor().execute(() -> write(bytes));
            return;
        }
        if (bytes.readableBytes() <= ONE_FRAME) {
            channel.writeAndFlush(new TextWebSocketFrame(true, 0, bytes), unheard);
            return;
        }
        boolean first = true;
        while (bytes.isReadable()) {
            int size = Math.min(ONE_FRAME, bytes.readableBytes());
            boolean last = size == bytes.readableBytes();
            ByteBuf part = bytes.readRetainedSlice(size);
            WebSocketFrame frame = first ? new TextWebSocketFrame(last, 0, part) : new ContinuationWebSocketFrame(last, 0, part);
            first = false;
            if (last) channel.writeAndFlush(frame, unheard);
            else channel.write(frame, unheard);
        }
        bytes.release();
    }
}
