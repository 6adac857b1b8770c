package org.hearthhub.redis;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.live.LivePersistenceCheck;
import org.hearthhub.live.RedisLiveStore;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Role;
import org.hearthhub.testing.RedisSentinels;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two hub nodes whose live and settings stores are each a master and a replica behind three sentinels.
 * Both masters are killed (one host dying) while chats run between the nodes; after the failover the
 * chats go on, every accepted message reached the other side once and in order, a send refused during
 * the failover was told so, new chats start, and staff are still signed in.
 */
@ExtendWith(VertxExtension.class)
class SentinelFailoverTest {
    private static final String PUBLIC_URL = "http://hearth.test";
    private static final int CHATS = 4;
    /** Both sides keep talking this long once the failover is over, so every chat crosses it. */
    private static final long TALK_AFTER_MILLIS = 1_500;
    /** Between one side's answer and the other's next message: a brisk chat (well under the sockets' 20 frames a second), not a load test. */
    private static final long PAUSE_MILLIS = 60;
    /** A send is answered (ack or error) within this, failover or not: never silence. */
    private static final long ANSWER_MILLIS = 5_000;

    private static final List<String> MEMORY_ONLY = List.of("--save", "", "--appendonly", "no");

    @TempDir
    Path dir;

    /**
     * Replication is asynchronous, so an ack given on the master's word alone could be for a message
     * the promoted replica never got. The ack waits until the replica holds the message; a replica that
     * does not answer holds up one message for the confirmation timeout, not every message after it.
     */
    @Test
    void aMessageIsAcknowledgedOnceTheReplicaHoldsItAndAFrozenReplicaDoesNotHoldUpEveryMessage(Vertx vertx) throws Exception {
        RedisSentinels redis = RedisSentinels.start(dir.resolve("redis"), Map.of("live", MEMORY_ONLY));
        TestHub hub = null;
        try {
            hub = TestHub.start(vertx, dir.resolve("hub"), Map.of("HEARTH_LIVE_REDIS_URL", redis.url("live"),
                    "HEARTH_LIMITS_SURVIVOR_MESSAGES_PER_MINUTE", "1000"));
            WsClient maria = hub.advocateOnShift("maria");
            WsClient survivor = hub.survivor();
            survivor.send("start", "lang", "en");
            String id = survivor.await("started").getString("conversation");
            maria.send("accept", "conversation", id);
            maria.await("conversation");
            survivor.await("assigned");

            RedisServer replica = redis.replica("live");
            replica.freeze();
            try {
                survivor.send("message", "clientId", "s1", "text", "one");
                survivor.expectNone("ack", 150);
            } finally {
                replica.thaw();
            }
            assertEquals(1L, survivor.await("ack").getLong("seq"));
            replica.inspect(r -> assertEquals(1L, r.llen("hearth:{main}:conv:" + id + ":msgs")));

            replica.freeze();
            try {
                long before = System.nanoTime();
                survivor.send("message", "clientId", "s2", "text", "two");
                assertEquals(2L, survivor.await("ack").getLong("seq"));
                assertTrue(millisSince(before) >= 250, "waited for the replica until the confirmation timeout");
                before = System.nanoTime();
                // Ten that each waited would take 2.5 s at least; a loaded machine answers ten in far less.
                for (int n = 3; n <= 12; n++) {
                    survivor.send("message", "clientId", "s" + n, "text", "more");
                    assertEquals(n, survivor.await("ack").getLong("seq"));
                }
                assertTrue(millisSince(before) < 10 * 250, "the next ten did not each wait for the frozen replica");
            } finally {
                replica.thaw();
            }
        } finally {
            if (hub != null) hub.close();
            redis.close();
        }
    }

    /** Each replica holds every transcript and may be the master after the next failover: none may write to disk. */
    @Test
    void aLiveReplicaThatWritesToDiskIsRefusedAtStartAndNoticedWhileRunning(Vertx vertx) throws Exception {
        RedisSentinels redis = RedisSentinels.start(dir.resolve("redis"), Map.of("live", MEMORY_ONLY));
        TestHub hub = null;
        try {
            RedisServer replica = redis.replica("live");
            Map<String, String> env = Map.of("HEARTH_LIVE_REDIS_URL", redis.url("live"));
            replica.inspect(r -> r.configSet("appendonly", "yes"));
            Exception e = assertThrows(Exception.class, () -> TestHub.start(vertx, dir.resolve("refused"), env));
            assertTrue(e.getMessage().contains("has a replica at 127.0.0.1:" + replica.port() + " that has appendonly yes"), e.getMessage());
            assertTrue(e.getMessage().contains(LivePersistenceCheck.FIX), e.getMessage());

            replica.inspect(r -> r.configSet("appendonly", "no"));
            hub = TestHub.start(vertx, dir.resolve("hub"), env);
            RedisLiveStore live = (RedisLiveStore) hub.hub.liveStore();
            replica.inspect(r -> r.configSet("save", "60 1"));
            TestHub.await(live.recheckPersistence());
            assertTrue(live.refusingNewConversations());
            WsClient survivor = hub.survivor();
            survivor.send("start", "lang", "en");
            assertEquals("unavailable", survivor.await("error").getString("code"));

            replica.inspect(r -> r.configSet("save", ""));
            TestHub.await(live.recheckPersistence());
            assertFalse(live.refusingNewConversations());
        } finally {
            if (hub != null) hub.close();
            redis.close();
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Test
    void chatsBetweenTwoNodesGoOnAfterTheRedisMastersDieWithEveryAcceptedMessageDeliveredOnceInOrder(Vertx vertx) throws Exception {
        long testStart = System.currentTimeMillis();
        Vertx vertxB = Vertx.vertx();
        RedisSentinels redis = RedisSentinels.start(dir.resolve("redis"), Map.of(
                "live", MEMORY_ONLY,
                "settings", List.of("--save", "", "--appendonly", "yes")));
        TestHub hubA = null;
        TestHub hubB = null;
        ExecutorService drivers = Executors.newFixedThreadPool(CHATS);
        ScheduledExecutorService clocks = Executors.newSingleThreadScheduledExecutor();
        try {
            Map<String, String> env = Map.of(
                    "HEARTH_LIVE_REDIS_URL", redis.url("live"),
                    "HEARTH_SETTINGS_REDIS_URL", redis.url("settings"),
                    "HEARTH_PUBLIC_URL", PUBLIC_URL,
                    "HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "1000",
                    "HEARTH_LIMITS_SURVIVOR_MESSAGES_PER_MINUTE", "10000",
                    "HEARTH_LIMITS_STARTS_PER_MINUTE", "100000");
            hubA = TestHub.start(vertx, dir.resolve("a"), env);
            hubB = TestHub.start(vertxB, dir.resolve("b"), env);
            TestHub[] nodes = {hubA, hubB};
            // The hubs' clocks are the tests' hand-moved ones; a chat of minutes needs them to move as time does
            // (the sockets' frames-per-second budgets count by them).
            for (TestHub node : nodes) clocks.scheduleAtFixedRate(() -> node.clock.advance(Duration.ofMillis(100)), 100, 100, TimeUnit.MILLISECONDS);

            // Chat i: its survivor on one node, its advocate on the other, so every message crosses pub/sub.
            List<Chat> chats = new ArrayList<>();
            for (int i = 0; i < CHATS; i++) {
                TestHub survivorNode = nodes[i % 2];
                TestHub advocateNode = nodes[(i + 1) % 2];
                String username = "advocate" + i;
                advocateNode.addAccount(username, Role.ADVOCATE, List.of("en"), 1);
                String cookie = advocateNode.login(username);
                WsClient advocate = console(advocateNode, cookie);
                advocate.send("shift.start", "capacity", 1);
                advocate.awaitMatching("shift", f -> f.getBoolean("onShift"));
                WsClient survivor = survivorNode.survivor();
                survivor.send("start", "lang", "en");
                String id = survivor.await("started").getString("conversation");
                advocate.send("accept", "conversation", id);
                advocate.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
                survivor.await("assigned");
                chats.add(new Chat(i, id, survivor, advocate, cookie, advocateNode == hubA ? hubB : hubA));
            }

            AtomicBoolean talking = new AtomicBoolean(true);
            for (Chat c : chats) c.driver = drivers.submit(() -> c.talk(talking));
            awaitMessages(chats, 6);

            long killedAt = System.currentTimeMillis();
            redis.killMaster("live");
            redis.killMaster("settings");
            redis.awaitFailover("live", 30_000);
            redis.awaitFailover("settings", 30_000);
            long failoverMillis = System.currentTimeMillis() - killedAt;

            // Every chat has an accepted message after the failover, and talks on a little longer.
            for (Chat c : chats) c.awaitAckAfter(failoverMillis + killedAt, 15_000);
            long serviceBackMillis = chats.stream().mapToLong(c -> c.firstAckAfter(killedAt)).max().orElseThrow() - killedAt;
            Thread.sleep(TALK_AFTER_MILLIS);
            talking.set(false);
            for (Chat c : chats) c.driver.get(ANSWER_MILLIS * 2, TimeUnit.MILLISECONDS);

            for (Chat c : chats) c.assertEveryAcceptedMessageArrivedOnceInOrder(hubA);

            // Staff stay signed in: each advocate's session, made before the failover, opens a console on the
            // node it was not using, which shows the chat it holds and sends in it.
            for (Chat c : chats) {
                WsClient again = console(c.otherNode(), c.cookie());
                JsonObject shown = again.awaitMatching("conversation", f -> c.id().equals(f.getString("conversation")));
                assertEquals(c.lastSeq(), shown.getJsonArray("messages").size(), "chat " + c.index() + " shown whole");
                again.send("message", "conversation", c.id(), "clientId", "after", "text", "still here");
                long seq = again.awaitFrame(f -> "ack".equals(f.getString("type")), ANSWER_MILLIS).getLong("seq");
                assertEquals(c.lastSeq() + 1, seq);
                assertEquals("still here", c.survivor().awaitMatching("message", m -> m.getLong("seq") == seq).getString("text"));
            }

            // New survivors start on either node and reach an advocate on the other (who signs in after the failover).
            WsClient late = hubB.advocateOnShift("late", List.of("en"), 2);
            for (TestHub node : nodes) {
                WsClient newcomer = node.survivor();
                newcomer.send("start", "lang", "en");
                String id = newcomer.await("started").getString("conversation");
                late.send("accept", "conversation", id);
                late.awaitMatching("conversation", f -> id.equals(f.getString("conversation")));
                newcomer.await("assigned");
                newcomer.send("message", "clientId", "n1", "text", "hello after the failover");
                assertEquals(1L, newcomer.await("ack").getLong("seq"));
                assertEquals("hello after the failover",
                        late.awaitMatching("message", m -> id.equals(m.getString("conversation"))).getString("text"));
            }

            // The persistence rule follows the master: switched on at the promoted one, new chats are refused.
            RedisLiveStore live = (RedisLiveStore) hubA.hub.liveStore();
            TestHub.await(live.recheckPersistence());
            assertFalse(live.refusingNewConversations());
            redis.master("live").inspect(r -> r.configSet("appendonly", "yes"));
            TestHub.await(live.recheckPersistence());
            assertTrue(live.refusingNewConversations(), "the new master's persistence is checked");

            int refused = chats.stream().mapToInt(Chat::refusals).sum();
            System.out.printf("sentinel failover: sentinels agreed on new masters %d ms after the kill; every chat had a "
                            + "message accepted again within %d ms; %d sends refused and resent; %d messages; test wall time %d ms%n",
                    failoverMillis, serviceBackMillis, refused, chats.stream().mapToLong(Chat::lastSeq).sum(),
                    System.currentTimeMillis() - testStart);
        } finally {
            drivers.shutdownNow();
            clocks.shutdownNow();
            if (hubA != null) hubA.close();
            if (hubB != null) hubB.close();
            vertxB.close().await(10, TimeUnit.SECONDS);
            redis.close();
        }
    }

    private static WsClient console(TestHub node, String cookie) throws Exception {
        WsClient ws = WsClient.connect(node.vertx, node.port(), "/ws/advocate", PUBLIC_URL, cookie);
        ws.await("shift");
        return ws;
    }

    private static void awaitMessages(List<Chat> chats, long each) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (chats.stream().anyMatch(c -> c.lastSeq() < each)) {
            if (System.currentTimeMillis() > deadline) fail("the chats did not get going");
            Thread.sleep(20);
        }
    }

    /**
     * One chat and its driver: survivor and advocate take turns, one message at a time, each answered by
     * an ack or an error; a refused message is resent with the same clientId, as the widget and console do.
     */
    private static final class Chat {
        private final int index;
        private final String id;
        private final WsClient survivor;
        private final WsClient advocate;
        private final String cookie;
        private final TestHub otherNode;
        /** clientId → the seq it was acked with (once per clientId, however often resent). */
        private final Map<String, Long> accepted = new ConcurrentHashMap<>();
        private final Map<Long, String> texts = new ConcurrentHashMap<>();
        private final List<Long> ackTimes = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong lastSeq = new AtomicLong();
        private final AtomicInteger refusals = new AtomicInteger();
        /** The thread running {@link #talk}: its failure is the test's. */
        Future<?> driver;

        Chat(int index, String id, WsClient survivor, WsClient advocate, String cookie, TestHub otherNode) {
            this.index = index;
            this.id = id;
            this.survivor = survivor;
            this.advocate = advocate;
            this.cookie = cookie;
            this.otherNode = otherNode;
        }

        int index() {
            return index;
        }

        String id() {
            return id;
        }

        String cookie() {
            return cookie;
        }

        TestHub otherNode() {
            return otherNode;
        }

        WsClient survivor() {
            return survivor;
        }

        long lastSeq() {
            return lastSeq.get();
        }

        int refusals() {
            return refusals.get();
        }

        void talk(AtomicBoolean talking) {
            for (int n = 1; talking.get(); n++) {
                boolean fromSurvivor = n % 2 == 1;
                String clientId = (fromSurvivor ? "s" : "a") + n;
                String text = "chat " + index + " message " + n;
                send(fromSurvivor ? survivor : advocate, fromSurvivor, clientId, text);
                sleep(PAUSE_MILLIS);
            }
        }

        private void send(WsClient from, boolean fromSurvivor, String clientId, String text) {
            while (true) {
                if (fromSurvivor) from.send("message", "clientId", clientId, "text", text);
                else from.send("message", "conversation", id, "clientId", clientId, "text", text);
                JsonObject answer = from.awaitFrame(f -> "ack".equals(f.getString("type")) && clientId.equals(f.getString("clientId"))
                        || "error".equals(f.getString("type")), ANSWER_MILLIS);
                if ("ack".equals(answer.getString("type"))) {
                    long seq = answer.getLong("seq");
                    Long before = accepted.putIfAbsent(clientId, seq);
                    assertTrue(before == null || before == seq, "a resend is acked with the seq it first got");
                    texts.put(seq, text);
                    lastSeq.accumulateAndGet(seq, Math::max);
                    ackTimes.add(System.currentTimeMillis());
                    return;
                }
                assertEquals("unavailable", answer.getString("code"), "chat " + index + (fromSurvivor ? ", survivor: " : ", advocate: ") + answer);
                assertNotNull(answer.getString("message"), "a refusal says why");
                refusals.incrementAndGet();
                sleep(100);
            }
        }

        void awaitAckAfter(long at, long timeoutMillis) throws Exception {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (firstAckAfter(at) == Long.MAX_VALUE) {
                if (driver.isDone()) driver.get();
                if (System.currentTimeMillis() > deadline) fail("chat " + index + " did not go on after the failover");
                Thread.sleep(20);
            }
        }

        long firstAckAfter(long at) {
            synchronized (ackTimes) {
                return ackTimes.stream().mapToLong(Long::longValue).filter(t -> t > at).min().orElse(Long.MAX_VALUE);
            }
        }

        /**
         * The acked seqs are exactly 1..last; the advocate's console got each of them once in order, the
         * survivor each of the advocate's once in order, with the text sent; the store holds each once.
         */
        void assertEveryAcceptedMessageArrivedOnceInOrder(TestHub node) throws Exception {
            long last = lastSeq.get();
            List<Long> acked = accepted.values().stream().sorted().toList();
            assertEquals(LongStream.rangeClosed(1, last).boxed().toList(), acked, "chat " + index + ": contiguous seqs, none twice");

            // The console that sent the advocate's messages has their acks; it gets the survivor's, each once in order.
            List<Long> survivorSeqs = accepted.entrySet().stream().filter(e -> e.getKey().startsWith("s"))
                    .map(Map.Entry::getValue).sorted().toList();
            List<JsonObject> atAdvocate = receive(advocate, survivorSeqs.get(survivorSeqs.size() - 1));
            assertEquals(survivorSeqs, atAdvocate.stream().map(m -> m.getLong("seq")).toList(), "chat " + index + " at the advocate");
            for (JsonObject m : atAdvocate) assertEquals(texts.get(m.getLong("seq")), m.getString("text"));

            long lastFromAdvocate = accepted.entrySet().stream().filter(e -> e.getKey().startsWith("a"))
                    .mapToLong(Map.Entry::getValue).max().orElseThrow();
            List<Long> advocateSeqs = accepted.entrySet().stream().filter(e -> e.getKey().startsWith("a"))
                    .map(Map.Entry::getValue).sorted().toList();
            List<JsonObject> atSurvivor = receive(survivor, lastFromAdvocate);
            assertEquals(advocateSeqs, atSurvivor.stream().map(m -> m.getLong("seq")).toList(), "chat " + index + " at the survivor");
            for (JsonObject m : atSurvivor) assertEquals(texts.get(m.getLong("seq")), m.getString("text"));

            List<ChatMessage> stored = TestHub.await(node.hub.liveStore().messagesAfter(id, 0));
            assertEquals(acked, stored.stream().map(ChatMessage::seq).toList());
        }

        /** Message frames of this chat until seq {@code upTo}, then whatever else arrives within a moment (none may). */
        private List<JsonObject> receive(WsClient ws, long upTo) {
            List<JsonObject> got = new ArrayList<>();
            while (got.isEmpty() || got.get(got.size() - 1).getLong("seq") < upTo) {
                got.add(ws.awaitFrame(f -> "message".equals(f.getString("type")), ANSWER_MILLIS));
            }
            sleep(200);
            got.addAll(ws.drain("message"));
            return got;
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
