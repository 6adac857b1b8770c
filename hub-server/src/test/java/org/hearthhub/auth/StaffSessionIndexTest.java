package org.hearthhub.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.live.RedisLiveStore;
import org.hearthhub.model.StaffSession;
import org.hearthhub.settings.Account;
import org.hearthhub.model.Role;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each user's list of sessions, in both live stores: sign-ins at the same moment (on two nodes) are
 * all listed, so ending all of a user's sessions (account disabled, password changed) ends every one;
 * and no live session is ever left off the list.
 */
@ExtendWith(VertxExtension.class)
class StaffSessionIndexTest {
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration LIST_TTL = Duration.ofDays(30);
    private static final Account MARIA = new Account("maria", "Maria", Role.ADVOCATE, "$argon2id$x", null, false, 2,
            List.of("en"), "en", Instant.EPOCH);

    enum Store { IN_MEMORY, REDIS }

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    Vertx vertx;
    final List<LiveStore> opened = new ArrayList<>();



    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        redis.flushAll();
    }

    @AfterEach
    void close() throws Exception {
        for (LiveStore store : opened) await(store.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    /** Two hub nodes' view of one live store: the same instance in memory, two connections to one Redis. */
    private List<LiveStore> twoNodes(Store kind) throws Exception {
        if (kind == Store.IN_MEMORY) {
            InMemoryLiveStore shared = new InMemoryLiveStore(vertx);
            opened.add(shared);
            return List.of(shared, shared);
        }
        for (int i = 0; i < 2; i++) opened.add(await(RedisLiveStore.connect(vertx, redis.url(), "main", Duration.ofHours(12), false)));
        return List.copyOf(opened);
    }

    private static StaffSession session() {
        return new StaffSession("maria", "Maria", Role.ADVOCATE, "csrf", Instant.EPOCH, "en");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void concurrentSignInsOnTwoNodesAreAllListedSoDisablingEndsEveryOne(Store kind) throws Exception {
        List<LiveStore> nodes = twoNodes(kind);
        List<StaffSessions> sessions = nodes.stream()
                .map(live -> new StaffSessions(live, live, IDLE, false, Clock.systemUTC())).toList();
        Set<String> announced = ConcurrentHashMap.newKeySet();
        nodes.get(0).subscribe(e -> {
            if (e instanceof LiveEvent.SessionEnded s) announced.add(s.sessionHash());
        });

        // 40 sign-ins (under the per-user cap) released at once from 8 threads, half through each node.
        int threads = 8;
        int perThread = 5;
        CyclicBarrier go = new CyclicBarrier(threads);
        List<Future<StaffSessions.Created>> created = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<List<Future<StaffSessions.Created>>>> batches = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                StaffSessions node = sessions.get(t % 2);
                batches.add(pool.submit(() -> {
                    go.await();
                    List<Future<StaffSessions.Created>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) mine.add(node.create(MARIA));
                    return mine;
                }));
            }
            for (var batch : batches) created.addAll(batch.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        await(Future.all(created));
        List<String> hashes = created.stream().map(f -> StaffSessions.hash(f.result().cookieValue())).toList();

        assertEquals(threads * perThread, await(sessions.get(1).endAllFor("maria")), "every sign-in was listed");
        for (String hash : hashes) assertNull(await(nodes.get(0).peekSession(hash)), "a session survived the deactivation");
        long deadline = System.currentTimeMillis() + 5000;
        while (announced.size() < hashes.size() && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertEquals(Set.copyOf(hashes), announced, "every ended session is announced, so its consoles close");
        assertEquals(0, await(sessions.get(0).endAllFor("maria")), "the list went with them");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void beyondTheCapTheOldestSessionsEndRatherThanStayLiveButUnlisted(Store kind) throws Exception {
        LiveStore live = twoNodes(kind).get(0);
        for (String hash : List.of("a", "b", "c", "d")) await(live.putSession(hash, session(), IDLE));
        assertEquals(List.of(), await(live.indexUserSession("maria", "a", 3, LIST_TTL)));
        assertEquals(List.of(), await(live.indexUserSession("maria", "b", 3, LIST_TTL)));
        assertEquals(List.of(), await(live.indexUserSession("maria", "c", 3, LIST_TTL)));
        assertEquals(List.of("a"), await(live.indexUserSession("maria", "d", 3, LIST_TTL)));
        assertNull(await(live.peekSession("a")), "the session that made room has ended");
        assertNotNull(await(live.peekSession("b")));
        assertEquals(List.of("b", "c", "d"), await(live.takeUserSessions("maria")));
        assertEquals(List.of(), await(live.takeUserSessions("maria")));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void sessionsThatAlreadyEndedLeaveTheListWithoutTakingAPlace(Store kind) throws Exception {
        LiveStore live = twoNodes(kind).get(0);
        for (String hash : List.of("a", "b", "c", "d")) await(live.putSession(hash, session(), IDLE));
        for (String hash : List.of("a", "b", "c")) await(live.indexUserSession("maria", hash, 3, LIST_TTL));
        await(live.removeSession("b")); // signed out
        assertEquals(List.of(), await(live.indexUserSession("maria", "d", 3, LIST_TTL)), "nobody live had to go");
        assertEquals(List.of("a", "c", "d"), await(live.takeUserSessions("maria")));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aListWrittenByAnEarlierVersionIsStillEndedInFull(Store kind) throws Exception {
        LiveStore live = twoNodes(kind).get(0);
        // Earlier nodes kept the list as a plain expiring value; during a rolling upgrade both kinds meet.
        await(live.putExpiring("user-sessions:maria", "old1,old2", LIST_TTL));
        for (String hash : List.of("old1", "old2", "new")) await(live.putSession(hash, session(), IDLE));
        await(live.indexUserSession("maria", "new", 50, LIST_TTL));
        assertEquals(List.of("old1", "old2", "new"), await(live.takeUserSessions("maria")));
    }

    @Test
    void theFiftyFirstSignInEndsTheOldestSessionAndClosesItsConsoles() throws Exception {
        LiveStore live = twoNodes(Store.IN_MEMORY).get(0);
        StaffSessions sessions = new StaffSessions(live, live, IDLE, false, Clock.systemUTC());
        Set<String> announced = ConcurrentHashMap.newKeySet();
        live.subscribe(e -> {
            if (e instanceof LiveEvent.SessionEnded s) announced.add(s.sessionHash());
        });
        String oldest = await(sessions.create(MARIA)).cookieValue();
        for (int i = 0; i < 50; i++) await(sessions.create(MARIA));
        assertNull(await(sessions.resolve(oldest)));
        assertEquals(Set.of(StaffSessions.hash(oldest)), announced);
        assertEquals(50, await(sessions.endAllFor("maria")));
    }

    @Test
    void inRedisThePeekLeavesTheIdleTimerAloneAndTheListCarriesATtl() throws Exception {
        LiveStore live = twoNodes(Store.REDIS).get(0);
        await(live.putSession("a", session(), IDLE));
        await(live.indexUserSession("maria", "a", 50, LIST_TTL));
        redis.inspect(r -> r.pexpire("hearth:{main}:session:a", 60_000));

        assertNotNull(await(live.peekSession("a")));
        AtomicLong sessionTtl = new AtomicLong();
        AtomicLong listTtl = new AtomicLong();
        redis.inspect(r -> {
            sessionTtl.set(r.pttl("hearth:{main}:session:a"));
            listTtl.set(r.pttl("hearth:{main}:value:user-sessions:maria"));
        });
        assertTrue(sessionTtl.get() > 0 && sessionTtl.get() <= 60_000, "peek must not restart the idle timer: " + sessionTtl);
        assertTrue(listTtl.get() > LIST_TTL.minusMinutes(1).toMillis(), "no key without a TTL: " + listTtl);
        assertNull(await(live.peekSession("unknown")));
    }

    @Test
    void inMemoryThePeekLeavesTheIdleTimerAlone() throws Exception {
        org.hearthhub.testing.MutableClock clock = new org.hearthhub.testing.MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        InMemoryLiveStore live = new InMemoryLiveStore(vertx, clock);
        opened.add(live);
        await(live.putSession("a", session(), IDLE));
        clock.advance(Duration.ofMinutes(20));
        assertNotNull(await(live.peekSession("a")));
        clock.advance(Duration.ofMinutes(11));
        assertNull(await(live.peekSession("a")), "31 minutes after its last activity, peeked at minute 20");
    }
}
