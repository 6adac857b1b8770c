package org.hearthhub.abuse;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.net.NetSocket;
import org.hearthhub.loadtest.Ramp;
import org.hearthhub.loadtest.Tally;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections held open for nothing: bare TCP connections that never send a byte, and survivor sockets
 * that never send {@code start}. Counted from both ends after the hub has had time to close them.
 */
final class HeldSockets extends Attack {
    private static final int CONNECTING_AT_ONCE = 50;

    HeldSockets() {
        super("held");
    }

    @Override
    String what(Scale scale) {
        return scale.heldTcp() + " silent TCP connections and " + scale.heldSockets() + " survivor sockets that never start";
    }

    @Override
    void run(Run run) throws Exception {
        Scale scale = run.scale();
        AtomicInteger tcpOpen = new AtomicInteger();
        AtomicInteger socketsOpen = new AtomicInteger();
        Tally refused = new Tally();
        Tally closedByHub = new Tally();
        AtomicBoolean lettingGo = new AtomicBoolean();
        List<NetSocket> tcp = new CopyOnWriteArrayList<>();
        List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        run.await(Ramp.run(run.vertx(), scale.heldTcp(), CONNECTING_AT_ONCE, i -> run.attacker().tcp(run.hub().url()).onSuccess(s -> {
            tcp.add(s);
            tcpOpen.incrementAndGet();
            s.handler(data -> { });
            s.closeHandler(v -> {
                tcpOpen.decrementAndGet();
                if (!lettingGo.get()) closedByHub.add("TCP closed");
            });
        }).onFailure(e -> refused.add("TCP " + Side.failure(e)))));
        run.await(Ramp.run(run.vertx(), scale.heldSockets(), CONNECTING_AT_ONCE, i -> run.attacker().survivorSocket(run.hub().url()).onSuccess(ws -> {
            sockets.add(ws);
            socketsOpen.incrementAndGet();
            ws.closeHandler(v -> {
                socketsOpen.decrementAndGet();
                if (!lettingGo.get()) closedByHub.add("socket close " + ws.closeStatusCode());
            });
        }).onFailure(e -> refused.add("socket " + Side.failure(e)))));
        long opened = System.nanoTime();
        run.results().add("opened", tcpOpen.get() + " TCP, " + socketsOpen.get() + " sockets"
                + (refused.total() == 0 ? "" : "; refused: " + Results.counts(refused)));
        for (int seconds : scale.heldCheckSeconds()) {
            Run.sleepUntil(opened + seconds * 1_000_000_000L);
            run.results().add("still open " + seconds + " s later", tcpOpen.get() + " TCP, " + socketsOpen.get()
                    + " sockets; the hub process holds " + Footprint.sockets(run.hub().pid()) + " sockets");
        }
        run.results().add("closed by the hub", Results.counts(closedByHub));
        lettingGo.set(true);
        run.await(Future.join(tcp.stream().map(NetSocket::close).toList()));
        run.await(Future.join(sockets.stream().map(WebSocket::close).toList()));
    }
}
