package org.hearthhub.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay that a test can cut, as a lost Wi-Fi or a dead mobile link would: between the browser and
 * the hub, or between the hub and Redis. {@link #cut()} kills every open connection (the browser sees its
 * WebSocket drop) and refuses new ones until {@link #restore()}; {@link #cutWhenSent} does so at the
 * moment a given request passes; {@link #refuse} turns away only requests of one kind (a socket that cannot
 * get back while other requests pass); {@link #startSlow} makes a link with latency, as to a host farther away.
 * Bytes are relayed untouched (tests send little, so no back-pressure is needed).
 */
public final class FlakyNetwork implements AutoCloseable {
    private final Vertx vertx;
    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private volatile int targetPort;
    private volatile boolean down;
    private volatile boolean repliesLost;
    private volatile String trap;
    private volatile String refused;
    private volatile String cue;
    private volatile Runnable onCue;
    private volatile String holdCue;
    private volatile Runnable onHold;
    private volatile Future<Void> holdUntil;
    /** Each way; fixed at start, so that no chunk overtakes one held back before it. */
    private final long latencyMillis;

    private FlakyNetwork(Vertx vertx, long latencyMillis) {
        this.vertx = vertx;
        this.latencyMillis = latencyMillis;
        this.client = vertx.createNetClient();
        this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0)).connectHandler(this::relay);
    }

    public static FlakyNetwork start(Vertx vertx) throws Exception {
        return startSlow(vertx, 0);
    }

    /** A link that passes each chunk on {@code latencyMillis} late, either way, in order. */
    public static FlakyNetwork startSlow(Vertx vertx, long latencyMillis) throws Exception {
        FlakyNetwork net = new FlakyNetwork(vertx, latencyMillis);
        TestHub.await(net.server.listen());
        return net;
    }

    /** Where the relay forwards to (the hub, once it is started). */
    public void forwardTo(int port) {
        this.targetPort = port;
    }

    public int port() {
        return server.actualPort();
    }

    private void relay(NetSocket in) {
        if (down) {
            in.close();
            return;
        }
        in.pause();
        Context context = vertx.getOrCreateContext();
        List<Buffer> heldBack = new ArrayList<>();
        boolean[] holding = {false};
        client.connect(targetPort, "127.0.0.1").onSuccess(out -> {
            open.add(in);
            open.add(out);
            in.closeHandler(v -> { open.remove(in); out.close(); });
            out.closeHandler(v -> { open.remove(out); in.close(); });
            in.handler(bytes -> {
                if (sprung(bytes)) {
                    cut();
                    return;
                }
                if (refuses(bytes)) {
                    in.close();
                    return;
                }
                cued(bytes);
                Future<Void> until = holdCued(bytes);
                if (until != null) {
                    holding[0] = true;
                    until.onComplete(r -> context.runOnContext(v -> {
                        holding[0] = false;
                        heldBack.forEach(b -> pass(b, in));
                        heldBack.clear();
                    }));
                }
                pass(bytes, out);
            });
            out.handler(bytes -> {
                if (repliesLost) return;
                if (holding[0]) heldBack.add(bytes);
                else pass(bytes, in);
            });
            in.resume();
        }).onFailure(e -> in.close());
    }

    /** Later by the latency: timers of one delay on one event loop fire in the order they were set. */
    private void pass(Buffer bytes, NetSocket to) {
        if (latencyMillis == 0) to.write(bytes);
        else vertx.setTimer(latencyMillis, t -> to.write(bytes));
    }

    /** Drops every connection now and refuses new ones. */
    public void cut() {
        down = true;
        open.forEach(NetSocket::close);
    }

    /**
     * A half-dead link: what the browser sends still reaches the hub, but nothing comes back (the
     * hub's acks are lost on the way). Usually followed by {@link #cut()}.
     */
    public void loseReplies() {
        repliesLost = true;
    }

    /**
     * Cuts (as {@link #cut()}) the moment the connecting side sends bytes containing {@code request}, which
     * are not passed on: say the Redis command that only the step under test sends, so the outage falls
     * exactly there. Small requests arrive whole on loopback, so one chunk is searched at a time.
     */
    public void cutWhenSent(String request) {
        trap = request;
    }

    /**
     * From now on closes every connection the moment it sends bytes containing {@code request} (not passed on), while
     * the others pass: say {@code "GET /ws/survivor"}, so that a browser keeps failing to get its socket back while
     * its other requests get through. Lasts until the relay closes; {@link #restore()} does not lift it.
     */
    public void refuse(String request) {
        refused = request;
    }

    private boolean refuses(Buffer bytes) {
        String wanted = refused;
        return wanted != null && bytes.toString(StandardCharsets.UTF_8).contains(wanted);
    }

    private boolean sprung(Buffer bytes) {
        String wanted = trap;
        if (wanted == null || !bytes.toString(StandardCharsets.UTF_8).contains(wanted)) return false;
        trap = null;
        return true;
    }

    /**
     * Runs {@code action} once, the moment the connecting side sends bytes containing {@code request} (which then go on
     * as any others): something else can happen exactly between two steps of the one under test.
     */
    public void whenSent(String request, Runnable action) {
        onCue = action;
        cue = request;
    }

    private void cued(Buffer bytes) {
        String wanted = cue;
        if (wanted == null || !bytes.toString(StandardCharsets.UTF_8).contains(wanted)) return;
        cue = null;
        onCue.run();
    }

    /**
     * The moment the connecting side sends bytes containing {@code request} (which go on as any others), runs
     * {@code action} and holds back every answer on that one connection, in order, until {@code until} completes: a
     * read the side under test made is answered only after something else (say an event on another connection) has
     * happened, however long that takes.
     */
    public void holdRepliesWhenSent(String request, Runnable action, Future<Void> until) {
        onHold = action;
        holdUntil = until;
        holdCue = request;
    }

    private Future<Void> holdCued(Buffer bytes) {
        String wanted = holdCue;
        if (wanted == null || !bytes.toString(StandardCharsets.UTF_8).contains(wanted)) return null;
        holdCue = null;
        onHold.run();
        return holdUntil;
    }

    public void restore() {
        down = false;
        repliesLost = false;
    }

    @Override
    public void close() throws Exception {
        cut();
        TestHub.await(server.close());
        TestHub.await(client.close());
    }
}
