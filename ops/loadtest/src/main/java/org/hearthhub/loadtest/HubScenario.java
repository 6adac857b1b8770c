package org.hearthhub.loadtest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hub driven through its real protocol (docs/protocol.md): advocates log in, open the console socket
 * and go on shift; survivors connect and start, and wait in the queue; advocates accept from the queue
 * frames they are sent until each holds {@code capacity} chats. Those chats carry the measured traffic;
 * every other survivor stays connected and queued.
 */
final class HubScenario implements Scenario {
    private static final long START_TIMEOUT_MS = 60_000;
    /** After a refused accept, a console looks at its last queue again this much later, at most this often. */
    private static final long LOOK_AGAIN_MS = 200;
    private static final int LOOK_AGAIN_TIMES = 20;

    private final Vertx vertx;
    private final Options options;
    private final List<String> hubs;
    private final WebSocketClient client;
    private final HttpClient http;
    /** Where every sign-in is made ({@link OneLoop}). */
    private final Context httpLoop;
    private final Tally tally = new Tally();
    private final Latency assign = new Latency();
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder queueFrames = new LongAdder();
    private final LongAdder acks = new LongAdder();
    private final LongAdder advocateQueueFrames = new LongAdder();
    private final LongAdder advocateQueueItems = new LongAdder();
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    /** Conversations some advocate has asked for: advocates in one generator never race for the same one. */
    private final Map<String, Advocate> claimed = new ConcurrentHashMap<>();
    private final List<Advocate> advocates = new ArrayList<>();
    private final List<Survivor> survivors = new ArrayList<>();
    private Traffic traffic;

    HubScenario(Vertx vertx, Options options, List<String> hubs, WebSocketClient client) {
        this.vertx = vertx;
        this.options = options;
        this.hubs = hubs;
        this.client = client;
        this.http = vertx.createHttpClient();
        this.httpLoop = vertx.getOrCreateContext();
    }

    @Override
    public String name() {
        return hubs.size() == 1 ? "hub" : "hub x" + hubs.size();
    }

    @Override
    public Future<Void> setUp(Traffic traffic) {
        this.traffic = traffic;
        for (int i = 0; i < options.advocates(); i++) advocates.add(new Advocate(i, hubs.get(options.hubOf(i, hubs.size()))));
        for (int j = 0; j < options.survivors(); j++) survivors.add(new Survivor(hubs.get(options.hubOf(j, hubs.size())), j));
        return Ramp.run(vertx, advocates.size(), 8, i -> advocates.get(i).join())
                .compose(v -> Ramp.run(vertx, survivors.size(), options.connectConcurrency(), j -> survivors.get(j).start()))
                .compose(v -> Scenario.awaitChats(vertx, traffic, options.activeChats(), options, tally));
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
        return assign;
    }

    @Override
    public Map<String, Long> notes() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("acks", acks.sum());
        out.put("queue frames to survivors", queueFrames.sum());
        out.put("queue frames to advocates", advocateQueueFrames.sum());
        out.put("queue items in them", advocateQueueItems.sum());
        out.put("survivors queued, not in a chat", (long) Math.max(0, survivors.size() - traffic.size()));
        return out;
    }

    @Override
    public Future<Void> close() {
        List<Future<Void>> all = new ArrayList<>();
        for (Survivor s : survivors) all.add(s.socket.close());
        for (Advocate a : advocates) all.add(a.socket.close());
        return Future.join(all).<Void>mapEmpty().eventually(() -> http.close());
    }

    /** A socket path, with {@code ?program=} naming the program of the {@code n}-th survivor or advocate when there are several. */
    private String path(String socket, int n) {
        String program = options.programOf(n);
        return program == null ? socket : socket + "?program=" + program;
    }

    private void error(JsonObject frame) {
        tally.add("error frame: " + frame.getString("code"));
    }

    /** Both ends of one conversation; the chat starts carrying traffic when both know it is assigned. */
    private final class Slot {
        private Survivor survivor;
        private Advocate advocate;
        private int holdIndex;
        private boolean active;

        synchronized void survivorAssigned(Survivor s) {
            survivor = s;
            activateIfReady();
        }

        synchronized void advocateHolds(Advocate a, int index) {
            advocate = a;
            holdIndex = index;
            activateIfReady();
        }

        private void activateIfReady() {
            if (active || survivor == null || advocate == null) return;
            active = true;
            Survivor s = survivor;
            Advocate a = advocate;
            String conversation = s.conversation;
            // Spread: all advocates' first chats, then all second chats, … (the hub limits frames per socket).
            long spread = ((long) holdIndex << 32) | a.index;
            traffic.register(k -> new Chat(k, spread, s::sendMessage, text -> a.sendMessage(conversation, text)));
        }
    }

    private final class Survivor {
        final String hub;
        final String path;
        /** Each survivor is another person behind the hub's proxy: its own source to the per-source guards. */
        final String address;
        final ClientSocket socket = new ClientSocket(tally, open, acks);
        final AtomicInteger clientIds = new AtomicInteger();
        final Promise<Void> started = Promise.promise();
        volatile String conversation;
        long startNanos;

        Survivor(String hub, int n) {
            this.hub = hub;
            this.path = path("/ws/survivor", n);
            this.address = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
        }

        Future<Void> start() {
            long timer = vertx.setTimer(START_TIMEOUT_MS, id -> {
                if (started.tryComplete()) tally.add("no answer to start");
            });
            socket.connect(client, hub, path, Map.of("X-Forwarded-For", address), this::onFrame).onSuccess(ws -> {
                startNanos = System.nanoTime();
                ws.send(new JsonObject().put("type", "start").put("lang", "en"));
            }).onFailure(e -> started.tryComplete());
            return started.future().onComplete(r -> vertx.cancelTimer(timer));
        }

        void sendMessage(String text) {
            socket.send(new JsonObject().put("type", "message").put("clientId", "s" + clientIds.incrementAndGet()).put("text", text));
        }

        private void onFrame(JsonObject f) {
            switch (String.valueOf(f.getString("type"))) {
                case "started" -> {
                    conversation = f.getString("conversation");
                    started.tryComplete();
                }
                case "queue" -> queueFrames.increment();
                case "assigned" -> {
                    assign.recordNanos(System.nanoTime() - startNanos);
                    slots.computeIfAbsent(conversation, k -> new Slot()).survivorAssigned(this);
                }
                case "message" -> {
                    if ("advocate".equals(f.getString("from"))) traffic.arrived(Direction.TO_SURVIVOR, f.getString("text"));
                }
                // ClientSocket counts every ack by its first bytes; one that reaches here was written otherwise.
                case "ack" -> tally.add("ack not known by its first bytes");
                case "typing" -> {
                }
                case "error" -> {
                    error(f);
                    started.tryComplete();
                }
                case "closed" -> {
                    tally.add("hub answered closed");
                    started.tryComplete();
                }
                case "ended" -> tally.add("conversation ended: " + f.getString("reason"));
                default -> tally.add("unexpected frame: " + f.getString("type"));
            }
        }
    }

    private final class Advocate {
        final int index;
        final String hub;
        final String username;
        final ClientSocket socket = new ClientSocket(tally, open, acks);
        final Promise<Void> onShift = Promise.promise();
        final AtomicInteger clientIds = new AtomicInteger();
        // Touched only on this socket's event loop.
        final Set<String> pending = new HashSet<>();
        int held;
        boolean shiftRequested;
        /** The items of the last queue the hub sent this console. */
        JsonArray lastItems;
        int lookAgain;

        Advocate(int index, String hub) {
            this.index = index;
            this.hub = hub;
            this.username = options.userPrefix() + (index + 1);
        }

        Future<Void> join() {
            return login().compose(cookie -> socket.connect(client, hub, path("/ws/advocate", index),
                            Map.of("Cookie", cookie, "Origin", hub), this::onFrame))
                    .compose(ws -> onShift.future())
                    .onFailure(e -> tally.add("advocate could not join: " + e.getMessage()));
        }

        private Future<String> login() {
            RequestOptions req = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(hub + "/api/v1/login")
                    .putHeader("Content-Type", "application/json").putHeader("Origin", hub);
            String body = new JsonObject().put("username", username).put("password", options.password()).encode();
            return OneLoop.on(httpLoop, () -> http.request(req).compose(r -> r.send(body)).compose(resp -> resp.body().map(b -> resp)))
                    .compose(this::sessionCookie);
        }

        private Future<String> sessionCookie(HttpClientResponse resp) {
            if (resp.statusCode() != 200 || resp.cookies().isEmpty()) {
                return Future.failedFuture("login of " + username + " answered " + resp.statusCode());
            }
            String setCookie = resp.cookies().get(0);
            int semi = setCookie.indexOf(';');
            return Future.succeededFuture(semi < 0 ? setCookie : setCookie.substring(0, semi));
        }

        void sendMessage(String conversation, String text) {
            socket.send(new JsonObject().put("type", "message").put("conversation", conversation)
                    .put("clientId", "a" + clientIds.incrementAndGet()).put("text", text));
        }

        private void onFrame(JsonObject f) {
            switch (String.valueOf(f.getString("type"))) {
                case "shift" -> {
                    if (Boolean.TRUE.equals(f.getBoolean("onShift"))) {
                        onShift.tryComplete();
                    } else if (!shiftRequested) {
                        shiftRequested = true;
                        socket.send(new JsonObject().put("type", "shift.start").put("capacity", options.capacity()));
                    }
                }
                case "queue" -> onQueue(f.getJsonArray("items"));
                case "conversation" -> {
                    String id = f.getString("conversation");
                    if (pending.remove(id)) {
                        slots.computeIfAbsent(id, k -> new Slot()).advocateHolds(this, held++);
                    } else {
                        tally.add("conversation not asked for");
                    }
                }
                case "message" -> {
                    if ("survivor".equals(f.getString("from"))) traffic.arrived(Direction.TO_ADVOCATE, f.getString("text"));
                }
                // ClientSocket counts every ack by its first bytes; one that reaches here was written otherwise.
                case "ack" -> tally.add("ack not known by its first bytes");
                case "typing" -> {
                }
                case "error" -> {
                    error(f);
                    String id = f.getString("conversation");
                    if (id != null && pending.remove(id)) {
                        claimed.remove(id, this);
                        // The hub sends a queue only when it changed: look at the last one again, or a chat
                        // whose accept was refused could wait for a change that never comes.
                        if (lookAgain++ < LOOK_AGAIN_TIMES) vertx.setTimer(LOOK_AGAIN_MS, t -> claimFrom(lastItems));
                    }
                }
                case "ended" -> tally.add("conversation ended: " + f.getString("reason"));
                default -> tally.add("unexpected frame: " + f.getString("type"));
            }
        }

        private void onQueue(JsonArray items) {
            advocateQueueFrames.increment();
            if (items == null) return;
            advocateQueueItems.add(items.size());
            lastItems = items;
            claimFrom(items);
        }

        private void claimFrom(JsonArray items) {
            if (items == null) return;
            int free = options.capacity() - held - pending.size();
            for (int i = 0; i < items.size() && free > 0; i++) {
                String id = items.getJsonObject(i).getString("conversation");
                if (id != null && claimed.putIfAbsent(id, this) == null) {
                    pending.add(id);
                    free--;
                    socket.send(new JsonObject().put("type", "accept").put("conversation", id));
                }
            }
        }
    }
}
