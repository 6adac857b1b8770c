package org.hearthhub.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
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
 *
 * <p>A client that stops reading is cut off ({@link #cut}): what the kernel cannot take waits here, in
 * direct memory, and a client that keeps sending (a flood within its budget, a blind pong) is never idle,
 * so without a bound a few such sockets, each resuming a long chat, would hold the hub's memory for as long
 * as they liked. The channel is closed outright: the client would never read a closing frame.
 */
final class FrameOut {
    /** Vert.x's default frame size, and no more than the hub's own limit ({@link FrameReader#hardLimit(int)}) allows. */
    static final int ONE_FRAME = 65_536;
    /** Looks ({@link #lookForProgress()}) in a row that find bytes waiting and none gone since the last: then the socket is cut. */
    static final int STALLED_LOOKS = 3;

    private final ServerWebSocket socket;
    private final ChannelHandlerContext channel;
    /**
     * Read by nobody. Netty drops a write to a closed channel without failing a void promise; any other
     * failure (an encoder's) is not passed down the pipeline as an exception either, as with Vert.x's own.
     */
    private final ChannelPromise unheard;
    /** The most bytes this socket may leave waiting here ({@code limits.unsentBytesPerSocket}). */
    private final long mostUnsent;
    /** Told once, when the socket is cut for not reading. */
    private final Runnable onCut;
    /** The context next to the pipeline's head: a close from here does not pass Vert.x's handlers, which would write a closing frame and wait. */
    private final ChannelHandlerContext nearHead;
    private boolean cut;
    /** What was first in line to go out at the last look, and how much of it had gone. */
    private Object lookedAt;
    private long lookedAtProgress;
    private int stalledLooks;
    /** Run on the socket's loop whenever the channel takes frames again after being backed up. */
    private Runnable onWritable = () -> { };

    FrameOut(ServerWebSocket socket, long mostUnsent, Runnable onCut) {
        this.socket = socket;
        this.mostUnsent = mostUnsent;
        this.onCut = onCut;
        this.channel = ((WebSocketInternal) socket).channelHandlerContext();
        this.unheard = new VoidChannelPromise(channel.channel(), false);
        // What Vert.x does for its own writes: frames written while the channel is reading (the acks of the
        // frames it reads) go out in one flush as the read ends, not one each. A client far behind sends
        // many frames in one read, and a send each would cost the most just when the hub is most loaded.
        channel.pipeline().addFirst(FlushConsolidationHandler.class.getSimpleName(), new FlushConsolidationHandler(
                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false));

        // Passed on, so that Vert.x still hears it for its own writes.
        ChannelInboundHandlerAdapter writability = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (ctx.channel().isWritable()) onWritable.run();
                ctx.fireChannelWritabilityChanged();
            }
        };
        channel.pipeline().addFirst(writability);
        this.nearHead = channel.pipeline().context(writability);
    }

    /**
     * Whether the channel takes frames without holding them: false while more waits for the client than Netty's
     * high-water mark (64 KiB), until it has drained to the low one. A frame that only replaces the one before (a
     * queue view) need not be written while this is false.
     */
    boolean writable() {
        return channel.channel().isWritable();
    }

    /** {@code task} runs on the socket's loop each time the channel becomes {@link #writable()} again. */
    void whenWritable(Runnable task) {
        this.onWritable = task;
    }

    /** The text written so far by this thread's {@link JsonBytes}. */
    void text(JsonBytes json) {
        if (cut || socket.isClosed()) return;
        ByteBuf bytes = channel.alloc().directBuffer(json.length());
        json.copyTo(bytes);
        write(bytes);
    }

    void text(String json) {
        if (cut || socket.isClosed()) return;
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
        if (overBound()) {
            bytes.release();
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

    /**
     * Whether more than {@link #mostUnsent} bytes already wait for this socket: then it is cut and this frame dropped.
     * What waits is flushed first, so the bound counts only what the kernel would not take. Frames written during a
     * read are held for its end only until Netty's high-water mark (64 KiB): the flush consolidation lets them go when
     * the channel turns unwritable, so a catch-up written in one read is not counted whole either. The frame itself is
     * not counted: one frame larger than the bound (a console's catch-up of one long chat) still goes out, and the
     * bound holds from the next.
     */
    private boolean overBound() {
        ChannelOutboundBuffer waiting = channel.channel().unsafe().outboundBuffer();
        if (waiting == null || waiting.totalPendingWriteBytes() <= mostUnsent) return false; // null: closed, Netty drops the write
        channel.flush();
        if (waiting.totalPendingWriteBytes() <= mostUnsent) return false;
        cut();
        return true;
    }

    /**
     * Called every ping period on the socket's loop: a socket that has had bytes waiting for {@link #STALLED_LOOKS}
     * looks in a row, with none of them gone since the one before, is cut. A slow client drains a little at a time;
     * one that has stopped reading drains nothing.
     */
    void lookForProgress() {
        ChannelOutboundBuffer waiting = channel.channel().unsafe().outboundBuffer();
        if (cut || waiting == null || waiting.totalPendingWriteBytes() == 0) {
            lookedAt = null;
            stalledLooks = 0;
            return;
        }
        Object first = waiting.current();
        long progress = waiting.currentProgress();
        if (first != lookedAt || progress != lookedAtProgress) {
            lookedAt = first;
            lookedAtProgress = progress;
            stalledLooks = 0;
            return;
        }
        if (++stalledLooks >= STALLED_LOOKS) cut();
    }

    private void cut() {
        if (cut) return;
        cut = true;
        lookedAt = null;
        // This frees what waits at once; Vert.x learns of it from the channel, as of any lost connection.
        nearHead.close();
        onCut.run();
    }
}
