package org.hearthhub.live;

import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.actor.Actor;
import org.hearthhub.model.Channel;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ConversationState;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Role;
import org.hearthhub.model.Sender;
import org.hearthhub.model.Shift;
import org.hearthhub.model.StaffSession;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** The Redis live store on a real redis-server, as two hub nodes would share it. */
@ExtendWith(VertxExtension.class)
class RedisLiveStoreTest {
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    RedisLiveStore nodeA;
    RedisLiveStore nodeB;



    @BeforeEach
    void connect(Vertx vertx) throws Exception {
        redis.flushAll();
        nodeA = await(RedisLiveStore.connect(vertx, redis.url(), "main", LIFETIME, false));
        nodeB = await(RedisLiveStore.connect(vertx, redis.url(), "main", LIFETIME, false));
    }

    @AfterEach
    void close() throws Exception {
        await(nodeA.close());
        await(nodeB.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    /** Waits for the future to fail and returns why. */
    private static Throwable failureOf(Future<?> f) {
        try {
            f.await(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // inspected below
        }
        assertTrue(f.failed(), "expected a failure");
        return f.cause();
    }

    /** Puts these advocates on shift (through node A): assign and transfer give chats only to someone on shift. */
    private void onShift(String... usernames) throws Exception {
        for (String u : usernames) await(nodeA.putShift(new Shift(u, u, 5, List.of("en"), T0)));
    }

    /** Queues a new conversation through this node and returns its id. */
    private static String enqueue(RedisLiveStore node, int cap) throws Exception {
        Conversation c = queued(null);
        await(node.enqueue(c, cap));
        return c.id();
    }

    private static Conversation queued(String tokenHash) {
        return new Conversation(Ids.random(16), Channel.WEB, "en", ConversationState.QUEUED, T0, null, T0, tokenHash,
                null, null, T0.plusSeconds(60), null);
    }

    @Test
    void conversationRoundTripsAndIsFoundByItsTokenHash() throws Exception {
        Conversation c = queued(Ids.sha256Hex("token"));
        await(nodeA.enqueue(c, 10));
        assertEquals(c, await(nodeB.conversation(c.id())));
        assertEquals(c.id(), await(nodeB.conversationByTokenHash(Ids.sha256Hex("token"))));
        assertEquals(List.of(QueuedConversation.of(c)), await(nodeB.queue()));
        assertEquals(List.of(c), await(nodeB.liveConversations()));
        assertNull(await(nodeB.conversation("unknown")));
    }

    @Test
    void queueIsFirstInFirstOutAndRefusesBeyondItsCap() throws Exception {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 3; i++) added.add(enqueue(i % 2 == 0 ? nodeA : nodeB, 3));
        assertInstanceOf(QueueFullException.class, failureOf(nodeA.enqueue(queued(null), 3)));
        assertEquals(added, await(nodeB.queue()).stream().map(QueuedConversation::id).toList());
        await(nodeB.end(added.get(0), T0));
        assertEquals(3, await(nodeA.enqueue(queued(null), 3)), "the enqueue answers the new place in line");
    }

    @Test
    void twoNodesRacingForEveryConversationAssignEachExactlyOnce() throws Exception {
        onShift("maria", "ana");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) ids.add(enqueue(nodeA, 100));
        List<Future<AssignResult>> attempts = new ArrayList<>();
        for (String id : ids) {
            attempts.add(nodeA.assign(id, "maria", "Maria", 100, T0));
            attempts.add(nodeB.assign(id, "ana", "Ana", 100, T0));
        }
        await(Future.all(attempts));
        Set<String> assigned = new HashSet<>();
        for (Future<AssignResult> f : attempts) {
            AssignResult r = f.result();
            if (r.ok()) assertTrue(assigned.add(r.conversation().id()), "assigned twice: " + r.conversation().id());
            else assertEquals(AssignResult.Outcome.NOT_QUEUED, r.outcome());
        }
        assertEquals(new HashSet<>(ids), assigned);
        assertTrue(await(nodeB.queue()).isEmpty());
        Map<String, Integer> holdings = await(nodeA.holdings());
        assertEquals(60, holdings.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void anAdvocateNeverHoldsMoreThanCapacityEvenWhenBothNodesAssign() throws Exception {
        onShift("maria", "ana");
        List<Future<AssignResult>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = enqueue(nodeA, 100);
            attempts.add((i % 2 == 0 ? nodeA : nodeB).assign(id, "maria", "Maria", 5, T0));
        }
        await(Future.all(attempts));
        assertEquals(5, attempts.stream().filter(f -> f.result().ok()).count());
        assertEquals(15, attempts.stream().filter(f -> f.result().outcome() == AssignResult.Outcome.AT_CAPACITY).count());
        assertEquals(Map.of("maria", 5), await(nodeB.holdings()));
        assertEquals(15, await(nodeB.queue()).size());
    }

    @Test
    void transferMovesOnlyAHeldConversationWithinTheTargetsCapacity() throws Exception {
        onShift("maria", "ana");
        String id = enqueue(nodeA, 10);
        assertEquals(AssignResult.Outcome.UNKNOWN, await(nodeA.transfer("nope", "maria", "ana", "Ana", 1, T0)).outcome());
        assertEquals(AssignResult.Outcome.NOT_HELD, await(nodeA.transfer(id, "maria", "ana", "Ana", 1, T0)).outcome());
        await(nodeA.assign(id, "maria", "Maria", 2, T0));
        String other = enqueue(nodeA, 10);
        await(nodeA.assign(other, "ana", "Ana", 2, T0));
        assertEquals(AssignResult.Outcome.AT_CAPACITY, await(nodeB.transfer(id, "maria", "ana", "Ana", 1, T0)).outcome());
        AssignResult moved = await(nodeB.transfer(id, "maria", "ana", "Ana", 2, T0.plusSeconds(5)));
        assertTrue(moved.ok());
        assertEquals("ana", moved.conversation().advocate());
        assertEquals("Ana", moved.conversation().advocateName());
        assertEquals(T0.plusSeconds(5), moved.conversation().lastActivityAt());
        assertEquals(Map.of("ana", 2), await(nodeA.holdings()));
    }

    @Test
    void messagesFromBothNodesGetOneGaplessSequenceAndResendsAreRecognised() throws Exception {
        String id = enqueue(nodeA, 10);
        List<Future<AppendResult>> appends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            appends.add((i % 2 == 0 ? nodeA : nodeB).append(id, Sender.SURVIVOR, "c" + i, "text " + i, T0.plusSeconds(i)));
        }
        await(Future.all(appends));
        List<ChatMessage> all = await(nodeB.messagesAfter(id, 0));
        assertEquals(100, all.size());
        for (int i = 0; i < 100; i++) assertEquals(i + 1, all.get(i).seq());

        AppendResult first = appends.get(7).result();
        AppendResult again = await(nodeB.append(id, Sender.SURVIVOR, "c7", "text 7", T0.plusSeconds(500)));
        assertTrue(again.duplicate());
        assertEquals(first.message(), again.message());
        assertFalse(await(nodeB.append(id, Sender.ADVOCATE, "c7", "same clientId, other sender", T0.plusSeconds(1000))).duplicate());
        assertTrue(await(nodeA.messagesAfter(id, 101)).isEmpty());
        assertEquals("same clientId, other sender", await(nodeA.messagesAfter(id, 100)).get(0).text());
        assertEquals(101L, await(nodeA.messagesAfter(id, 100)).get(0).seq());
        assertEquals(T0.plusSeconds(1000), await(nodeA.conversation(id)).lastActivityAt(), "appends touch the conversation");
    }

    @Test
    void appendingToAnEndedConversationFails() throws Exception {
        String id = enqueue(nodeA, 10);
        await(nodeA.end(id, T0));
        assertNull(await(nodeA.end(id, T0)), "ending twice is harmless");
        assertInstanceOf(NotLiveException.class, failureOf(nodeB.append(id, Sender.SURVIVOR, "x", "late", T0)));
        assertInstanceOf(NotLiveException.class, failureOf(nodeB.bindContactKey(id, "key", null)));
    }

    @Test
    void endRemovesEveryTraceAndEveryOtherKeyCarriesATtl() throws Exception {
        String token = Ids.random(32);
        Conversation c = queued(Ids.sha256Hex(token));
        await(nodeA.enqueue(c, 10));
        await(nodeA.bindContactKey(c.id(), "contact-key", null));
        assertEquals(c.id(), await(nodeB.conversationByContactKey("contact-key")));
        await(nodeA.append(c.id(), Sender.SURVIVOR, "s1", "CANARY-7f3 please help", T0));
        await(nodeA.putShift(new Shift("maria", "Maria", 2, List.of("en"), T0)));
        await(nodeB.assign(c.id(), "maria", "Maria", 2, T0));
        await(nodeB.append(c.id(), Sender.ADVOCATE, "a1", "CANARY-7f3 I am here", T0));
        await(nodeA.putSession("hash", new StaffSession("maria", "Maria", Role.ADVOCATE, "csrf", T0, "en"), Duration.ofMinutes(30)));
        await(nodeA.increment("rl:start", Duration.ofMinutes(1)));
        await(nodeA.putExpiring("feedback:x", "1", Duration.ofMinutes(60)));
        await(nodeA.recordWait(12));

        redis.inspect(r -> {
            for (String key : RedisServer.keys(r)) {
                long ttl = r.pttl(key);
                assertTrue(ttl > 0 && ttl <= LIFETIME.toMillis(), key + " has TTL " + ttl);
            }
        });

        Conversation ended = await(nodeB.end(c.id(), T0));
        assertEquals(c.id(), ended.id());
        assertNull(await(nodeA.conversationByTokenHash(c.tokenHash())));
        assertNull(await(nodeA.conversationByContactKey("contact-key")));
        assertTrue(await(nodeA.messagesAfter(c.id(), 0)).isEmpty());
        assertEquals(Map.of(), await(nodeA.holdings()));
        redis.inspect(r -> {
            for (String key : RedisServer.keys(r)) {
                assertFalse(key.contains(c.id()) || key.contains(c.tokenHash()) || key.contains("contact-key"), key);
                assertFalse(RedisServer.dump(r, key).contains("CANARY-7f3"), key);
                assertFalse(RedisServer.dump(r, key).contains(c.id()), key);
            }
        });
    }

    @Test
    void sessionsSlideCountersResetAfterTheirWindowAndTicketsWorkOnce() throws Exception {
        StaffSession s = new StaffSession("maria", "Maria", Role.LEAD, "csrf", T0, "es");
        Duration idle = Duration.ofMillis(700);
        await(nodeA.putSession("h", s, idle));
        Thread.sleep(400);
        assertEquals(s, await(nodeB.touchSession("h", idle)));
        Thread.sleep(400);
        assertEquals(s, await(nodeA.touchSession("h", idle)), "touching restarted the idle timer");
        Thread.sleep(900);
        assertNull(await(nodeA.touchSession("h", idle)));
        await(nodeA.putSession("h2", s, Duration.ofMinutes(1)));
        await(nodeB.removeSession("h2"));
        assertNull(await(nodeA.touchSession("h2", Duration.ofMinutes(1))));

        Duration window = Duration.ofMillis(700);
        assertEquals(1L, await(nodeA.increment("fails:maria", window)));
        assertEquals(2L, await(nodeB.increment("fails:maria", window)));
        Thread.sleep(900);
        assertEquals(1L, await(nodeA.increment("fails:maria", window)));
        await(nodeB.resetCounter("fails:maria"));
        assertEquals(1L, await(nodeA.increment("fails:maria", Duration.ofMinutes(1))));

        await(nodeA.putExpiring("ticket", "1", Duration.ofMinutes(1)));
        assertEquals("1", await(nodeB.peek("ticket")));
        assertEquals("1", await(nodeB.take("ticket")));
        assertNull(await(nodeA.take("ticket")));
    }

    @Test
    void shiftsAndRecentWaitsAreShared() throws Exception {
        Shift maria = new Shift("maria", "Maria", 2, List.of("en", "es"), T0);
        Shift ana = new Shift("ana", "Ana", 3, List.of("es"), T0.plusSeconds(1));
        await(nodeA.putShift(maria));
        await(nodeB.putShift(ana));
        assertEquals(List.of(maria, ana), await(nodeB.shifts()));
        assertTrue(await(nodeA.removeShiftIfIdle("maria")));
        assertEquals(List.of(ana), await(nodeB.shifts()));
        for (long w = 1; w <= 25; w++) await((w % 2 == 0 ? nodeA : nodeB).recordWait(w));
        List<Long> waits = await(nodeA.recentWaits());
        assertEquals(20, waits.size());
        assertEquals(6L, waits.get(0));
        assertEquals(25L, waits.get(19));
    }

    @Test
    void everyKindOfEventReachesBothNodesIncludingThePublisher() throws Exception {
        List<LiveEvent> atA = new CopyOnWriteArrayList<>();
        List<LiveEvent> atB = new CopyOnWriteArrayList<>();
        nodeA.subscribe(atA::add);
        nodeB.subscribe(atB::add);
        List<LiveEvent> sent = List.of(
                new LiveEvent.QueueChanged(),
                new LiveEvent.MessageAdded("c1", new ChatMessage(3, Sender.ADVOCATE, "héllo \"quoted\" </script>", T0, "a1")),
                new LiveEvent.MessageAdded("c1", new ChatMessage(4, Sender.SYSTEM, "notice", T0, null)),
                new LiveEvent.MessageAdded("c1", new ChatMessage(5, Sender.ADVOCATE, "Hotline: 911", T0, "a2",
                        List.of(new Referral("Hotline", "911", "88788", null, "https://example.org"), new Referral("Shelter", null, null, null)))),
                new LiveEvent.Assigned("c1", "maria", "Maria"),
                new LiveEvent.Transferred("c1", "maria", "ana", "Ana"),
                new LiveEvent.Typing("c1", Actor.Party.SURVIVOR),
                new LiveEvent.Ended("c1", EndReason.SAFETY_EXIT, "maria", null),
                new LiveEvent.Ended("c2", EndReason.SURVIVOR, null, "ticket"),
                new LiveEvent.ShiftChanged("maria"),
                new LiveEvent.VideoOffered("c1", "maria", "room", "https://meet/room", "meet", "sjwt", "ajwt", "audio"),
                new LiveEvent.SessionEnded("hash"),
                new LiveEvent.AdvocateNotice("c1", "maria", "unavailable", "sms failed"));
        sent.forEach(nodeA::publish);
        long deadline = System.currentTimeMillis() + 5000;
        while ((atA.size() < sent.size() || atB.size() < sent.size()) && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertEquals(sent, atA);
        assertEquals(sent, atB);
    }

    @Test
    void eventsComeBackOnTheirOwnAfterRedisRestartsAndTheNodeIsToldItMayHaveMissedSome(Vertx vertx) throws Exception {
        AtomicReference<LiveEvent> last = new AtomicReference<>();
        AtomicReference<LiveEvent> missed = new AtomicReference<>();
        nodeB.subscribe(e -> (e instanceof LiveEvent.MaybeMissed ? missed : last).set(e));
        redis.stop();
        long started = System.currentTimeMillis();
        assertTrue(failureOf(nodeA.conversation("x")).getMessage().contains("live Redis"));
        assertTrue(System.currentTimeMillis() - started < 3000, "fails fast instead of hanging");
        redis.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (last.get() == null && System.currentTimeMillis() < deadline) {
            nodeA.publish(new LiveEvent.ShiftChanged("maria"));
            Thread.sleep(100);
        }
        assertEquals(new LiveEvent.ShiftChanged("maria"), last.get());
        assertEquals(new LiveEvent.MaybeMissed(), missed.get(), "told once subscribed again");
    }

    @Test
    void aLiveRedisThatWritesToDiskIsRefused(Vertx vertx, @TempDir Path dir) throws Exception {
        try (RedisServer aof = RedisServer.start(dir.resolve("aof"), "--save", "", "--appendonly", "yes");
             RedisServer rdb = RedisServer.start(dir.resolve("rdb"), "--save", "3600 1", "--appendonly", "no")) {
            for (RedisServer persisting : List.of(aof, rdb)) {
                Throwable e = failureOf(RedisLiveStore.connect(vertx, persisting.url(), "main", LIFETIME, false));
                assertTrue(e.getMessage().contains(LivePersistenceCheck.FIX), e.getMessage());
            }
            await(RedisLiveStore.connect(vertx, aof.url(), "main", LIFETIME, true).compose(RedisLiveStore::close));
        }
    }

    @Test
    void persistenceSettingsAreJudgedAsTheDesignSays() {
        assertTrue(LivePersistenceCheck.problem("", "no").isEmpty());
        assertTrue(LivePersistenceCheck.problem("3600 1 300 100", "no").isPresent());
        assertTrue(LivePersistenceCheck.problem("", "yes").isPresent());
        assertTrue(LivePersistenceCheck.problem(null, null).isPresent(), "unknown counts as persisting");
    }

    @Test
    void anUnreachableRedisFailsTheStartWithAClearMessage(Vertx vertx) {
        Throwable e = failureOf(RedisLiveStore.connect(vertx, "redis://127.0.0.1:1", "main", LIFETIME, false));
        assertTrue(e.getMessage().contains("cannot reach the live Redis at 127.0.0.1:1"), e.getMessage());
    }
}
