package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import org.hearthhub.guard.ConnectionCap;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * What the hub keeps up for one open socket besides its chat: its place under its source's connection
 * cap; a ping every third of the idle timeout, because a browser answers pings by itself and its answer
 * is traffic, so a quiet chat outlives the idle timeout while a peer that is gone (no answer) does not;
 * the same period's look at whether the client still reads what it is sent ({@link FrameOut#lookForProgress()});
 * and, for a survivor, the deadline to send {@code start} or {@code resume}. It all ends when the
 * socket leaves the {@link SocketDirectory}, i.e. when it closes.
 */
final class SocketUpkeep {
    /** Close status for a survivor socket that never asked for a chat (an addition to RFC 6455's 4000–4999 range). */
    static final short START_EXPECTED = 4408;
    private static final Buffer PING = Buffer.buffer("hearth");

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final ConnectionCap.Lease lease;
    private final long pinger;
    private long deadline = -1;

    /** Call on the socket's context: the timers then run there too. */
    SocketUpkeep(Vertx vertx, ServerWebSocket socket, FrameOut out, ConnectionCap.Lease lease, long pingMillis) {
        this.vertx = vertx;
        this.socket = socket;
        this.lease = lease;
        // The first ping at a random point of the period: sockets that opened together (a surge, every
        // console reconnecting after a restart) are not all pinged in the same instant ever after.
        this.pinger = vertx.setPeriodic(1 + ThreadLocalRandom.current().nextLong(pingMillis), pingMillis, id -> {
            if (socket.isClosed()) return;
            out.lookForProgress();
            socket.writePing(PING);
        });
    }

    /** Closes the socket with {@value #START_EXPECTED} unless {@code started} holds {@code millis} from now. */
    SocketUpkeep closeUnlessStarted(long millis, BooleanSupplier started) {
        deadline = vertx.setTimer(millis, id -> {
            if (!started.getAsBoolean() && !socket.isClosed()) socket.close(START_EXPECTED, "start expected");
        });
        return this;
    }

    void end() {
        vertx.cancelTimer(pinger);
        if (deadline >= 0) vertx.cancelTimer(deadline);
        lease.close();
    }
}
