package org.hearthhub.ws;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

import java.nio.charset.StandardCharsets;

/**
 * Writes a text message whose UTF-8 bytes are already made ({@link JsonBytes}). Vert.x's public API takes
 * text messages only as a {@code String}, which it turns back into bytes; its frame class takes the bytes
 * as they are. A message too large for one frame goes the public way, which splits it.
 */
final class TextFrames {
    /** Vert.x's default frame size, and no more than the hub's own limit ({@link FrameReader#hardLimit(int)}) allows. */
    private static final int ONE_FRAME = 65_536;

    private TextFrames() {
    }

    static void write(ServerWebSocket socket, byte[] utf8) {
        if (socket.isClosed()) return;
        if (utf8.length <= ONE_FRAME) socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8, true));
        else socket.writeTextMessage(new String(utf8, StandardCharsets.UTF_8));
    }
}
