package org.hearthhub;

import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LivePersistenceCheck;
import org.hearthhub.live.RedisLiveStore;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.model.Role;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.QueueFrames;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two hub nodes sharing one live Redis (no persistence) and one settings Redis, driven through real
 * sockets: chats across nodes, a race for the queue, a node dying mid-chat, Redis going away and
 * coming back, and what is left in Redis after a chat ends.
 */
@ExtendWith(VertxExtension.class)
class ScaleOutTest {
    /** Both nodes sit behind one public name, as behind the nginx site in ops/. */
    private static final String PUBLIC_URL = "http://hearth.test";

    @TempDir
    static Path redisDir;
    static RedisServer liveRedis;
    static RedisServer settingsRedis;

    @TempDir
    Path dataDir;
    Vertx vertxB;
    TestHub hubA;
    TestHub hubB;

    @BeforeAll
    static void startRedis() throws Exception {
        liveRedis = RedisServer.start(redisDir.resolve("live"));
        settingsRedis = RedisServer.start(redisDir.resolve("settings"), "--appendonly", "yes");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        liveRedis.close();
        settingsRedis.close();
    }

    @BeforeEach
    void startTwoNodes(Vertx vertx) throws Exception {
        if (!liveRedis.isUp()) liveRedis.start();
        liveRedis.flushAll();
        settingsRedis.flushAll();
        vertxB = Vertx.vertx();
        hubA = TestHub.start(vertx, dataDir.resolve("a"), env());
        hubB = TestHub.start(vertxB, dataDir.resolve("b"), env());
    }

    private static Map<String, String> env() {
        return Map.of(
                "HEARTH_LIVE_REDIS_URL", liveRedis.url(),
                "HEARTH_SETTINGS_REDIS_URL", settingsRedis.url(),
                "HEARTH_PUBLIC_URL", PUBLIC_URL,
                "HEARTH_METRICS_TOKEN", TestHub.METRICS_TOKEN,
                "HEARTH_QUEUE_MAX_CAPACITY", "20",
                "HEARTH_QUEUE_MAX_LENGTH", "1000",
                "HEARTH_LIMITS_STARTS_PER_MINUTE", "100000",
                // Every test client comes from 127.0.0.1: one source, allowed as many sockets and chats as the races need.
                "HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "1000",
                "HEARTH_LIMITS_QUEUED_PER_SOURCE", "1000",
                "HEARTH_LIMITS_MAX_QUEUED_PER_SOURCE", "10000");
    }

    @AfterEach
    void stopNodes() throws Exception {
        if (hubA != null) hubA.close();
        if (hubB != null) hubB.close();
        vertxB.close().await(10, TimeUnit.SECONDS);
    }

    private static JsonObject start(WsClient survivor) {
        survivor.send("start", "lang", "en");
        return survivor.await("started");
    }

    private static WsClient console(TestHub node, String cookie) throws Exception {
        WsClient ws = WsClient.connect(node.vertx, node.port(), "/ws/advocate", PUBLIC_URL, cookie);
        ws.await("shift");
        return ws;
    }

    @Test
    void survivorOnOneNodeChatsWithAnAdvocateOnTheOther() throws Exception {
        WsClient maria = hubB.advocateOnShift("maria");
        WsClient survivor = hubA.survivor();
        JsonObject started = start(survivor);
        String id = started.getString("conversation");
        assertEquals(1, started.getInteger("position"));

        JsonObject queue = maria.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        assertEquals(id, queue.getJsonArray("items").getJsonObject(0).getString("conversation"));
        survivor.send("message", "clientId", "s1", "text", "hello from node A");
        assertEquals(1L, survivor.await("ack").getLong("seq"));

        maria.send("accept", "conversation", id);
        JsonObject conversation = maria.await("conversation");
        assertEquals("hello from node A", conversation.getJsonArray("messages").getJsonObject(0).getString("text"));
        assertEquals("Advocate maria", survivor.await("assigned").getString("advocate"));

        maria.send("typing", "conversation", id);
        survivor.await("typing");
        survivor.send("typing");
        assertEquals(id, maria.await("typing").getString("conversation"));

        maria.send("message", "conversation", id, "clientId", "a1", "text", "hello from node B");
        assertEquals(2L, maria.await("ack").getLong("seq"));
        JsonObject reply = survivor.await("message");
        assertEquals("hello from node B", reply.getString("text"));
        assertEquals(2L, reply.getLong("seq"));

        survivor.send("message", "clientId", "s2", "text", "thank you");
        assertEquals("thank you", maria.awaitMatching("message", m -> m.getLong("seq") == 3).getString("text"));

        survivor.send("end");
        assertEquals("survivor", survivor.await("ended").getString("reason"));
        assertEquals("survivor", maria.await("ended").getString("reason"));
        assertNull(TestHub.await(hubB.hub.liveStore().conversation(id)));
    }

    @Test
    void survivorWhoDisconnectsFromOneNodeIsShownAwayOnTheOtherAndAGhostLeavesTheQueueThere() throws Exception {
        WsClient maria = hubB.advocateOnShift("maria");
        WsClient survivor = hubA.survivor();
        JsonObject started = start(survivor);
        String id = started.getString("conversation");
        WsClient ghost = hubA.survivor();
        String ghostId = start(ghost).getString("conversation");

        survivor.kill();
        ghost.kill();
        maria.awaitMatching("queue", q -> QueueFrames.listed(q, id, true) && QueueFrames.listed(q, ghostId, true));
        WsClient back = hubA.survivor();
        back.send("resume", "token", started.getString("token"), "lastSeq", 0);
        assertEquals(1, back.await("resumed").getInteger("position"));
        QueueFrames.awaitListed(maria, id, false);

        maria.send("accept", "conversation", id);
        maria.await("conversation");
        back.await("assigned");
        back.kill();
        JsonObject gone = maria.await("presence");
        assertEquals(id, gone.getString("conversation"));
        assertTrue(gone.getBoolean("away"));

        // Any node's sweep ends the ghost once the grace (120 s by default) is over; the active chat stays.
        hubB.clock.advance(java.time.Duration.ofSeconds(121));
        assertEquals(1, TestHub.await(hubB.hub.conversations().timeouts().sweep()));
        assertNull(TestHub.await(hubA.hub.liveStore().conversation(ghostId)));
        assertNotNull(TestHub.await(hubA.hub.liveStore().conversation(id)));
    }

    @Test
    void aSettingsChangeSavedOnOneNodeIsServedByTheOther() throws Exception {
        ProgramSettings current = TestHub.await(hubA.hub.settingsStore().programSettings());
        ProgramSettings.WidgetLook look = current.widget();
        ProgramSettings changed = new ProgramSettings(current.timeZone(), current.weeklyHours(), current.holidays(),
                current.referrals(), current.cannedResponses(), new ProgramSettings.WidgetLook(look.title(), look.notice(),
                look.primaryColor(), look.position(), "https://example.org/weather"), current.retention(), current.staffSecurity());
        TestHub.await(hubA.hub.settings().save(changed));

        long deadline = System.currentTimeMillis() + 5000;
        String served = null;
        while (System.currentTimeMillis() < deadline && !"https://example.org/weather".equals(served)) {
            Thread.sleep(100);
            served = TestHub.await(hubB.http().get(hubB.port(), "localhost", "/api/v1/status").send())
                    .bodyAsJsonObject().getString("quickExitUrl");
        }
        assertEquals("https://example.org/weather", served);
    }

    @Test
    void twoHundredSurvivorsRacingTenAdvocatesOnTwoNodesAreEachAssignedOnceAndLoseNothing() throws Exception {
        int advocates = 10;
        int capacity = 20;
        int survivorCount = advocates * capacity;
        List<WsClient> consoles = new ArrayList<>();
        for (int i = 0; i < advocates; i++) {
            consoles.add((i % 2 == 0 ? hubA : hubB).advocateOnShift("adv" + i, List.of("en"), capacity));
        }
        List<WsClient> survivors = new ArrayList<>();
        Map<String, Integer> survivorOf = new HashMap<>();
        for (int i = 0; i < survivorCount; i++) {
            WsClient s = (i % 2 == 0 ? hubA : hubB).survivor();
            s.send("start", "lang", "en");
            survivors.add(s);
        }
        for (int i = 0; i < survivorCount; i++) {
            WsClient s = survivors.get(i);
            survivorOf.put(s.await("started").getString("conversation"), i);
            s.send("message", "clientId", "hello", "text", "hello from survivor " + i);
        }
        for (WsClient s : survivors) assertEquals(1L, s.await("ack").getLong("seq"));

        // Every advocate accepts whatever its queue shows, in its own random order, all at once.
        Map<String, String> assignedTo = new ConcurrentHashMap<>();
        List<String> doubles = Collections.synchronizedList(new ArrayList<>());
        Map<String, List<JsonObject>> shown = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(advocates);
        List<Future<Integer>> accepted = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 40_000;
        for (int i = 0; i < advocates; i++) {
            String username = "adv" + i;
            WsClient console = consoles.get(i);
            TestHub node = i % 2 == 0 ? hubA : hubB;
            Random random = new Random(i);
            accepted.add(pool.submit(() -> {
                List<JsonObject> mine = new ArrayList<>();
                JsonArray items = new JsonArray();
                while (mine.size() < capacity && assignedTo.size() < survivorCount && System.currentTimeMillis() < deadline) {
                    List<JsonObject> views = console.drain("queue");
                    if (!views.isEmpty()) items = views.get(views.size() - 1).getJsonArray("items");
                    List<String> ids = new ArrayList<>();
                    items.forEach(o -> ids.add(((JsonObject) o).getString("conversation")));
                    ids.removeIf(assignedTo::containsKey);
                    if (ids.isEmpty()) {
                        Thread.sleep(20);
                        continue;
                    }
                    Collections.shuffle(ids, random);
                    for (String id : ids) {
                        if (mine.size() >= capacity) break;
                        if (assignedTo.containsKey(id)) continue; // known taken; unknown ones are still raced for
                        node.clock.advance(Duration.ofMillis(40)); // the console's frame budget is 30 frames a second
                        console.send("accept", "conversation", id);
                        JsonObject answer = console.awaitFrame(f -> ("conversation".equals(f.getString("type")) && id.equals(f.getString("conversation")))
                                || ("error".equals(f.getString("type")) && (id.equals(f.getString("conversation")) || f.getString("conversation") == null)), 5000);
                        if ("conversation".equals(answer.getString("type"))) {
                            mine.add(answer);
                            if (assignedTo.putIfAbsent(id, username) != null) doubles.add(id);
                        }
                    }
                    items = new JsonArray();
                }
                shown.put(username, mine);
                return mine.size();
            }));
        }
        for (Future<Integer> f : accepted) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertEquals(List.of(), doubles, "a conversation went to two advocates");
        assertEquals(survivorOf.keySet(), assignedTo.keySet(), "every survivor was assigned");
        Map<String, Integer> holdings = TestHub.await(hubA.hub.liveStore().holdings());
        for (int i = 0; i < advocates; i++) assertEquals(capacity, holdings.get("adv" + i), "adv" + i);
        assertTrue(TestHub.await(hubB.hub.liveStore().queue()).isEmpty());
        for (List<JsonObject> frames : shown.values()) {
            for (JsonObject c : frames) {
                int i = survivorOf.get(c.getString("conversation"));
                JsonArray messages = c.getJsonArray("messages");
                assertEquals(1, messages.size());
                assertEquals("hello from survivor " + i, messages.getJsonObject(0).getString("text"));
            }
        }

        // Replies cross nodes both ways, each exactly once.
        List<Future<?>> replies = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(advocates);
        for (int i = 0; i < advocates; i++) {
            WsClient console = consoles.get(i);
            List<JsonObject> mine = shown.get("adv" + i);
            TestHub node = i % 2 == 0 ? hubA : hubB;
            replies.add(senders.submit(() -> {
                for (JsonObject c : mine) {
                    String id = c.getString("conversation");
                    // The console's frame budget (30 a second) counts on the hub's clock: move it, as real time would.
                    node.clock.advance(Duration.ofMillis(50));
                    console.send("message", "conversation", id, "clientId", "r-" + id, "text", "reply to " + survivorOf.get(id));
                    Thread.sleep(10);
                }
                return null;
            }));
        }
        for (Future<?> f : replies) f.get(30, TimeUnit.SECONDS);
        senders.shutdown();
        for (Map.Entry<String, Integer> e : survivorOf.entrySet()) {
            WsClient s = survivors.get(e.getValue());
            assertEquals("Advocate " + assignedTo.get(e.getKey()), s.await("assigned").getString("advocate"));
            JsonObject reply = s.await("message");
            assertEquals("reply to " + e.getValue(), reply.getString("text"));
            assertEquals(2L, reply.getLong("seq"));
            s.send("message", "clientId", "second", "text", "second from survivor " + e.getValue());
        }
        for (int i = 0; i < advocates; i++) {
            WsClient console = consoles.get(i);
            Set<String> heard = new HashSet<>();
            for (int n = 0; n < capacity; n++) {
                JsonObject m = console.awaitFrame(f -> "message".equals(f.getString("type")) && "survivor".equals(f.getString("from")), 10_000);
                assertEquals(3L, m.getLong("seq"));
                assertEquals("second from survivor " + survivorOf.get(m.getString("conversation")), m.getString("text"));
                assertTrue(heard.add(m.getString("conversation")), "delivered twice");
            }
        }
        Thread.sleep(200);
        for (WsClient s : survivors) {
            assertTrue(s.drain("assigned").isEmpty(), "assigned twice");
            assertTrue(s.drain("message").isEmpty(), "a message arrived twice");
        }
        for (WsClient c : consoles) {
            assertTrue(c.drain("message").stream().noneMatch(m -> "survivor".equals(m.getString("from"))), "a message arrived twice");
        }
        survivors.forEach(WsClient::close);
        consoles.forEach(WsClient::close);
    }

    @Test
    void survivorWhoseNodeStopsMidChatResumesOnTheOtherWithNothingLostOrDoubled() throws Exception {
        WsClient maria = hubB.advocateOnShift("maria");
        WsClient survivor = hubA.survivor();
        JsonObject started = start(survivor);
        String id = started.getString("conversation");
        survivor.send("message", "clientId", "c1", "text", "one");
        assertEquals(1L, survivor.await("ack").getLong("seq"));
        maria.send("accept", "conversation", id);
        maria.await("conversation");
        survivor.await("assigned");
        maria.send("message", "conversation", id, "clientId", "a1", "text", "two");
        assertEquals(2L, maria.await("ack").getLong("seq"));
        assertEquals(2L, survivor.await("message").getLong("seq"));
        survivor.send("message", "clientId", "c2", "text", "three");
        assertEquals(3L, survivor.await("ack").getLong("seq"));
        maria.awaitMatching("message", m -> m.getLong("seq") == 3);

        hubA.close();
        hubA = null;
        maria.send("message", "conversation", id, "clientId", "a2", "text", "four");
        maria.send("message", "conversation", id, "clientId", "a3", "text", "five");
        assertEquals(4L, maria.await("ack").getLong("seq"));
        assertEquals(5L, maria.await("ack").getLong("seq"));

        WsClient back = hubB.survivor();
        back.send("resume", "token", started.getString("token"), "lastSeq", 2);
        JsonObject resumed = back.await("resumed");
        assertEquals(id, resumed.getString("conversation"));
        assertEquals("active", resumed.getString("state"));
        assertEquals("three", back.await("message").getString("text"));
        assertEquals("four", back.await("message").getString("text"));
        assertEquals("five", back.await("message").getString("text"));

        // The widget resends what it is unsure of: acked again with the same seq, delivered once.
        back.send("message", "clientId", "c2", "text", "three");
        assertEquals(3L, back.await("ack").getLong("seq"));
        back.send("message", "clientId", "c3", "text", "six");
        assertEquals(6L, back.await("ack").getLong("seq"));
        assertEquals("six", maria.awaitMatching("message", m -> m.getLong("seq") >= 4 && "survivor".equals(m.getString("from")))
                .getString("text"));
        maria.send("message", "conversation", id, "clientId", "a4", "text", "seven");
        assertEquals(7L, back.await("message").getLong("seq"));
        back.expectNone("message", 300);
        assertEquals(7, TestHub.await(hubB.hub.liveStore().messagesAfter(id, 0)).size());
    }

    @Test
    void advocateWhoseNodeStopsReconnectsToTheOtherWithTheSameSession() throws Exception {
        hubA.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        String cookie = hubA.login("maria");
        WsClient maria = console(hubA, cookie);
        maria.send("shift.start", "capacity", 2);
        maria.awaitMatching("shift", f -> f.getBoolean("onShift"));
        WsClient survivor = hubB.survivor();
        String id = start(survivor).getString("conversation");
        maria.send("accept", "conversation", id);
        maria.await("conversation");
        survivor.await("assigned");
        maria.send("message", "conversation", id, "clientId", "a1", "text", "I'm here");
        survivor.await("message");

        hubA.close();
        hubA = null;
        survivor.send("message", "clientId", "s1", "text", "are you still there?");
        assertEquals(2L, survivor.await("ack").getLong("seq"));

        WsClient again = console(hubB, cookie);
        JsonObject shown = again.await("conversation");
        assertEquals(id, shown.getString("conversation"));
        assertEquals(List.of("I'm here", "are you still there?"),
                shown.getJsonArray("messages").stream().map(m -> ((JsonObject) m).getString("text")).toList());
        again.send("message", "conversation", id, "clientId", "a2", "text", "yes, still here");
        assertEquals("yes, still here", survivor.await("message").getString("text"));
    }

    @Test
    void whileRedisIsAwayClientsGetErrorsAndWhenItReturnsTheNodesServeAgain() throws Exception {
        WsClient maria = hubB.advocateOnShift("maria");
        WsClient survivor = hubA.survivor();
        String id = start(survivor).getString("conversation");
        maria.send("accept", "conversation", id);
        survivor.await("assigned");
        assertEquals(id, maria.await("conversation").getString("conversation"));

        liveRedis.stop();
        long before = System.currentTimeMillis();
        survivor.send("message", "clientId", "c1", "text", "hello?");
        assertEquals("unavailable", survivor.await("error", 3000).getString("code"));
        maria.send("message", "conversation", id, "clientId", "a1", "text", "hello?");
        assertEquals("unavailable", maria.await("error", 3000).getString("code"));
        WsClient newcomer = hubB.survivor();
        newcomer.send("start", "lang", "en");
        assertEquals("unavailable", newcomer.await("error", 3000).getString("code"));
        assertTrue(System.currentTimeMillis() - before < 3000, "errors come fast, not after a hang");

        liveRedis.start();
        awaitEventsFlowBetweenNodes();
        // Nothing was persisted, so the old chat is gone; the nodes serve new ones without a restart.
        WsClient next = hubA.survivor();
        JsonObject started = start(next);
        String fresh = started.getString("conversation");

        // Staff sessions went with the live Redis too: node B's open console is told so at its next frame that
        // reaches Redis (one sent while node B's connection is still coming back gets `unavailable`) and
        // closed, and maria signs in again there; events cross both ways again.
        JsonObject refusal = null;
        for (int attempt = 0; attempt < 20 && (refusal == null || "unavailable".equals(refusal.getString("code"))); attempt++) {
            if (refusal != null) Thread.sleep(100);
            maria.send("shift.start", "capacity", 2);
            refusal = maria.await("error");
        }
        assertEquals("forbidden", refusal.getString("code"));
        maria = hubB.advocateOnShift("maria");
        maria.awaitMatching("queue", q -> q.getJsonArray("items").stream().anyMatch(o -> fresh.equals(((JsonObject) o).getString("conversation"))));
        maria.send("accept", "conversation", fresh);
        maria.awaitMatching("conversation", c -> fresh.equals(c.getString("conversation")));
        next.await("assigned");
        next.send("message", "clientId", "n1", "text", "back again");
        assertEquals("back again", maria.awaitMatching("message", m -> fresh.equals(m.getString("conversation"))).getString("text"));
        maria.send("message", "conversation", fresh, "clientId", "a9", "text", "welcome back");
        assertEquals("welcome back", next.await("message").getString("text"));
    }

    @Test
    void aMessageWhoseEventNoNodeHeardReachesBothSidesWhenTheNodesSubscribeAgain() throws Exception {
        WsClient maria = hubB.advocateOnShift("maria");
        WsClient survivor = hubA.survivor();
        String id = start(survivor).getString("conversation");
        maria.send("accept", "conversation", id);
        maria.await("conversation");
        survivor.await("assigned");
        survivor.send("message", "clientId", "s1", "text", "hello");
        assertEquals(1L, maria.await("message").getLong("seq"));

        // Stored but never published: as if sent while both nodes' subscriptions were down (a failover).
        TestHub.await(hubB.hub.liveStore().append(id, org.hearthhub.model.Sender.ADVOCATE, "a1", "are you safe to talk?",
                hubB.clock.instant()));
        survivor.expectNone("message", 300);
        maria.expectNone("message", 0);

        liveRedis.inspect(r -> r.clientKill(io.lettuce.core.KillArgs.Builder.typePubsub()));
        assertEquals("are you safe to talk?", survivor.await("message").getString("text"));
        assertEquals(2L, maria.await("message").getLong("seq"));
        survivor.expectNone("message", 300);
        maria.expectNone("message", 0);
    }

    @Test
    void afterTheEndNoRedisKeyHoldsTheTextOrTheTokenAndEveryLiveKeyExpires() throws Exception {
        String canary = "CANARY-" + Ids.random(8);
        WsClient maria = hubB.advocateOnShift("maria");
        WsClient survivor = hubA.survivor();
        JsonObject started = start(survivor);
        String id = started.getString("conversation");
        String token = started.getString("token");
        survivor.send("message", "clientId", "s1", "text", "my address is " + canary);
        survivor.await("ack");
        maria.send("accept", "conversation", id);
        maria.await("conversation");
        maria.send("message", "conversation", id, "clientId", "a1", "text", "noted " + canary);
        survivor.await("message");
        survivor.kill();
        WsClient back = hubB.survivor();
        back.send("resume", "token", token, "lastSeq", 0);
        back.await("resumed");

        liveRedis.inspect(r -> {
            List<String> keys = RedisServer.keys(r);
            assertTrue(keys.stream().anyMatch(k -> RedisServer.dump(r, k).contains(canary)), "the canary is there while the chat is live");
            for (String key : keys) {
                long ttl = r.pttl(key);
                assertTrue(ttl > 0, key + " must expire");
                // Short-lived values (tickets, locks, the staff session index) carry the TTL their owner chose.
                if (!key.contains("}:value:")) assertTrue(ttl <= 12 * 3600_000L, key + " must expire within the conversation cap, has " + ttl);
            }
        });

        back.send("end");
        back.await("ended");
        maria.await("ended");
        String tokenHash = Ids.sha256Hex(token);
        for (RedisServer redis : List.of(liveRedis, settingsRedis)) {
            redis.inspect(r -> {
                for (String key : RedisServer.keys(r)) {
                    String value = RedisServer.dump(r, key);
                    for (String secret : List.of(canary, token, tokenHash)) {
                        assertFalse(key.contains(secret) || value.contains(secret), key + " still holds a trace");
                    }
                }
            });
        }
    }

    @Test
    void aLiveRedisThatWritesToDiskIsRefusedAtStartWithTheFix(Vertx vertx, @TempDir Path dir) throws Exception {
        try (RedisServer persisting = RedisServer.start(dir.resolve("aof"), "--save", "", "--appendonly", "yes")) {
            Map<String, String> env = new HashMap<>(env());
            env.put("HEARTH_LIVE_REDIS_URL", persisting.url());
            Exception e = assertThrows(Exception.class, () -> TestHub.start(vertx, dir.resolve("node"), env));
            assertTrue(e.getMessage().contains("appendonly yes"), e.getMessage());
            assertTrue(e.getMessage().contains(LivePersistenceCheck.FIX), e.getMessage());

            env.put("HEARTH_LIVE_ALLOW_PERSISTENCE", "true");
            TestHub.start(vertx, dir.resolve("node"), env).close();
        }
    }

    @Test
    void aLiveRedisSwitchedToDiskWhileRunningRefusesNewChatsUntilItStops() throws Exception {
        WsClient waiting = hubA.survivor();
        waiting.send("start", "lang", "en");
        waiting.await("started");

        liveRedis.inspect(r -> r.configSet("appendonly", "yes"));
        try (LogCapture logs = LogCapture.install()) {
            TestHub.await(((RedisLiveStore) hubA.hub.liveStore()).recheckPersistence());
            assertTrue(logs.all().contains("new conversations are refused"), logs.all());
        }
        assertTrue(hubA.hub.liveStore().refusingNewConversations(), "the hub noticed");
        assertTrue(hubA.metrics().lines().anyMatch(l -> l.startsWith("hearth_live_refusing") && l.endsWith(" 1.0")),
                "the metric says so too");
        WsClient refused = hubA.survivor();
        refused.send("start", "lang", "en");
        assertEquals("unavailable", refused.await("error").getString("code"), "a new chat is refused with a clear error");
        waiting.send("message", "clientId", "c1", "text", "still here");
        waiting.await("ack");

        liveRedis.inspect(r -> r.configSet("appendonly", "no"));
        TestHub.await(((RedisLiveStore) hubA.hub.liveStore()).recheckPersistence());
        assertFalse(hubA.hub.liveStore().refusingNewConversations());
        assertTrue(hubA.metrics().lines().anyMatch(l -> l.startsWith("hearth_live_refusing") && l.endsWith(" 0.0")));
        WsClient welcome = hubA.survivor();
        welcome.send("start", "lang", "en");
        welcome.await("started");
    }

    /** Each node's commands and its pub/sub subscription are back: a probe published by one node reaches the other. */
    private void awaitEventsFlowBetweenNodes() throws InterruptedException {
        Set<String> atA = ConcurrentHashMap.newKeySet();
        Set<String> atB = ConcurrentHashMap.newKeySet();
        hubA.hub.liveStore().subscribe(e -> {
            if (e instanceof LiveEvent.ShiftChanged s) atA.add(s.username());
        });
        hubB.hub.liveStore().subscribe(e -> {
            if (e instanceof LiveEvent.ShiftChanged s) atB.add(s.username());
        });
        long deadline = System.currentTimeMillis() + 10_000;
        for (int n = 0; System.currentTimeMillis() < deadline; n++) {
            hubA.hub.liveStore().publish(new LiveEvent.ShiftChanged("probe-from-a-" + n));
            hubB.hub.liveStore().publish(new LiveEvent.ShiftChanged("probe-from-b-" + n));
            Thread.sleep(100);
            if (atB.stream().anyMatch(u -> u.startsWith("probe-from-a")) && atA.stream().anyMatch(u -> u.startsWith("probe-from-b"))) return;
        }
        fail("events did not flow between the nodes again after Redis came back");
    }}
