package org.hearthhub.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The same clients against the bare relay: every survivor socket connects (the same number held), and
 * the active chats are pairs of a survivor socket and an advocate-side socket. The relay has no
 * multiplexing, so the advocate side uses one socket per chat rather than one per advocate.
 *
 * <p>Where the two ends of a chat live matters: the relay writes a frame straight out when both are on one
 * event loop and hands it to the other loop otherwise, as the hub does with a message for the other side of
 * a chat. The server deals connections to its loops in turn, so the advocate side connecting first and the
 * survivor side after it in the same order would put every pair on one loop, which no hub's chats are
 * (an advocate takes whoever waits longest). By default the survivor side therefore connects in a shuffled
 * order, and the relay tells each pair whether its two ends share a loop, for the report.
 */
final class RelayScenario implements Scenario {
    private final Vertx vertx;
    private final Options options;
    private final String relay;
    private final WebSocketClient client;
    private final Tally tally = new Tally();
    private final AtomicInteger open = new AtomicInteger();
    private final List<End> ends = new ArrayList<>();
    private final LongAdder pairsOnOneLoop = new LongAdder();
    private final LongAdder pairsJoined = new LongAdder();
    private Traffic traffic;

    RelayScenario(Vertx vertx, Options options, String relay, WebSocketClient client) {
        this.vertx = vertx;
        this.options = options;
        this.relay = relay;
        this.client = client;
    }

    @Override
    public String name() {
        return "bare relay";
    }

    @Override
    public Future<Void> setUp(Traffic traffic) {
        this.traffic = traffic;
        int active = options.activeChats();
        List<Pair> pairs = new ArrayList<>();
        for (int k = 0; k < active; k++) pairs.add(new Pair(k));
        List<End> advocateSide = new ArrayList<>();
        List<End> survivorSide = new ArrayList<>();
        for (Pair p : pairs) advocateSide.add(new End(p, false, "c" + p.key));
        for (int j = 0; j < options.survivors(); j++) {
            survivorSide.add(j < active ? new End(pairs.get(j), true, "c" + j) : new End(null, true, "idle" + j));
        }
        ends.addAll(advocateSide);
        ends.addAll(survivorSide);
        // A fixed seed: every run deals the pairs over the loops alike.
        if (options.spreadRelayPairs()) Collections.shuffle(survivorSide, new Random(13));
        return Ramp.run(vertx, advocateSide.size(), options.connectConcurrency(), i -> advocateSide.get(i).connect())
                .compose(v -> Ramp.run(vertx, survivorSide.size(), options.connectConcurrency(), j -> survivorSide.get(j).connect()))
                .compose(v -> Scenario.awaitChats(vertx, traffic, active, options, tally));
    }

    @Override
    public int connections() {
        return open.get();
    }

    @Override
    public Tally tally() {
        return tally;
    }

    @Override
    public Latency assignLatency() {
        return null;
    }

    @Override
    public Map<String, Long> notes() {
        Map<String, Long> notes = new LinkedHashMap<>();
        notes.put("chats", pairsJoined.sum());
        notes.put("chats with both ends on one event loop", pairsOnOneLoop.sum());
        return notes;
    }

    @Override
    public Future<Void> close() {
        List<Future<Void>> all = new ArrayList<>();
        for (End e : ends) all.add(e.socket.close());
        return Future.join(all).mapEmpty();
    }

    /** A chat's two ends; it carries traffic once both have been told they are paired. */
    private final class Pair {
        final int key;
        End survivor;
        End advocate;
        boolean active;

        Pair(int key) {
            this.key = key;
        }

        synchronized void paired(End end) {
            if (end.survivorSide) survivor = end;
            else advocate = end;
            if (active || survivor == null || advocate == null) return;
            active = true;
            End s = survivor;
            End a = advocate;
            traffic.register(k -> new Chat(k, key, s::sendMessage, a::sendMessage));
        }
    }

    private final class End {
        final Pair pair;
        final boolean survivorSide;
        final String key;
        final ClientSocket socket = new ClientSocket(tally, open, new LongAdder());
        final AtomicInteger clientIds = new AtomicInteger();

        End(Pair pair, boolean survivorSide, String key) {
            this.pair = pair;
            this.survivorSide = survivorSide;
            this.key = key;
        }

        Future<ClientSocket> connect() {
            return socket.connect(client, relay, "/pair/" + key, Map.of(), this::onFrame);
        }

        /** The same frame shapes the hub's clients send. */
        void sendMessage(String text) {
            JsonObject frame = new JsonObject().put("type", "message");
            if (!survivorSide) frame.put("conversation", key);
            socket.send(frame.put("clientId", (survivorSide ? "s" : "a") + clientIds.incrementAndGet()).put("text", text));
        }

        private void onFrame(JsonObject f) {
            switch (String.valueOf(f.getString("type"))) {
                case "paired" -> {
                    if (pair == null) return;
                    if (survivorSide) {
                        pairsJoined.increment();
                        if (Boolean.TRUE.equals(f.getBoolean("oneLoop"))) pairsOnOneLoop.increment();
                    }
                    pair.paired(this);
                }
                case "message" -> traffic.arrived(survivorSide ? Direction.TO_SURVIVOR : Direction.TO_ADVOCATE, f.getString("text"));
                default -> tally.add("unexpected frame: " + f.getString("type"));
            }
        }
    }
}
