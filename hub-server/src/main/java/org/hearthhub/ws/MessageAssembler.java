package org.hearthhub.ws;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;

import java.util.function.Consumer;

/**
 * Puts a socket's messages together from its frames without ever holding more than the hard limit of
 * one message. A message that would grow past it closes the socket with 1009 (message too big), as does
 * a single frame over it, which Netty refuses from its header without reading the payload. Any other
 * frame Netty cannot accept closes the socket with the status Netty names, e.g. 1002 for a compressed
 * frame on a socket that negotiated no compression.
 *
 * <p>Vert.x on its own drops an oversized message silently and leaves the socket open but deaf, and
 * gives up on a bad frame by cutting the connection without a close frame: neither tells the client why.
 */
final class MessageAssembler implements Handler<WebSocketFrame> {
    static final short MESSAGE_TOO_BIG = 1009;

    private final ServerWebSocket socket;
    private final int limit;
    private final Consumer<Buffer> onText;
    private final Runnable onBinary;
    /** The message being put together from its fragments, or null between messages. */
    private Buffer partial;
    private boolean partialIsText;
    /** Set once this side closed the socket: what the client sends after that is not read. */
    private boolean closing;

    private MessageAssembler(ServerWebSocket socket, int limit, Consumer<Buffer> onText, Runnable onBinary) {
        this.socket = socket;
        this.limit = limit;
        this.onText = onText;
        this.onBinary = onBinary;
    }

    /** Hands the socket's whole text messages (their UTF-8 bytes) to {@code onText} and tells {@code onBinary} of binary ones. */
    static void attach(ServerWebSocket socket, int limit, Consumer<Buffer> onText, Runnable onBinary) {
        MessageAssembler assembler = new MessageAssembler(socket, limit, onText, onBinary);
        socket.frameHandler(assembler);
        socket.exceptionHandler(assembler::failed);
    }

    @Override
    public void handle(WebSocketFrame frame) {
        if (closing) return;
        if (frame.isText() || frame.isBinary()) {
            partial = null;
            partialIsText = frame.isText();
            if (frame.isFinal()) {
                // The usual case, one frame one message: no copy.
                if (fits(frame.binaryData().length())) deliver(frame.isText(), frame.binaryData());
                return;
            }
            partial = Buffer.buffer();
        } else if (!frame.isContinuation() || partial == null) {
            return; // a control frame (Vert.x answers pings itself), or the rest of a message already refused
        }
        if (!fits(partial.length() + frame.binaryData().length())) {
            partial = null;
            return;
        }
        partial.appendBuffer(frame.binaryData());
        if (frame.isFinal()) {
            Buffer whole = partial;
            partial = null;
            deliver(partialIsText, whole);
        }
    }

    private boolean fits(int length) {
        if (length <= limit) return true;
        close(MESSAGE_TOO_BIG, "message too big");
        return false;
    }

    /** A text message goes on as its UTF-8 bytes: the reader parses them without making a string of them first. */
    private void deliver(boolean text, Buffer message) {
        if (text) onText.accept(message);
        else onBinary.run();
    }

    /** Netty's frame decoder refused a frame (too large, compressed without compression, …): say so and close. */
    private void failed(Throwable e) {
        if (e instanceof CorruptedWebSocketFrameException bad) close(bad.closeStatus().code(), bad.closeStatus().reasonText());
    }

    private void close(int status, String reason) {
        if (closing) return;
        closing = true;
        if (!socket.isClosed()) socket.close((short) status, reason);
    }
}
