package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.testing.BothLiveStores;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One ring at a time per hotline call, and each ring ends only itself: in one JVM and on a real redis-server. */
class CallRingsTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();
    @RegisterExtension
    static final BothLiveStores stores = new BothLiveStores(redis);

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aSecondAdvocateCannotRingACallThatIsRinging(String kind) throws Exception {
        CallRings rings = new CallRings(stores.open(kind), 20);
        assertTrue(await(rings.claim("c1", "maria", "a1", false)));
        assertFalse(await(rings.claim("c1", "rob", "b1", false)), "only one phone rings for a call");
        assertTrue(await(rings.isRinging("c1", "maria", "a1")));
        assertFalse(await(rings.isRinging("c1", "rob", "b1")));
        assertFalse(await(rings.end("c1", "rob", "b1")), "a ring that never rang ends nothing");
        assertTrue(await(rings.end("c1", "maria", "a1")));
        assertTrue(await(rings.claim("c1", "rob", "b2", false)), "free again once the ring ended");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aRingReplacedByTheNextOneCannotEndIt(String kind) throws Exception {
        LiveStore live = stores.open(kind);
        List<LiveEvent> events = new CopyOnWriteArrayList<>();
        live.subscribe(events::add);
        CallRings rings = new CallRings(live, 20);
        assertTrue(await(rings.claim("c1", "maria", "a1", false)));
        // Maria holds the call and rings her phone again: the new ring replaces the first.
        assertTrue(await(rings.claim("c1", "maria", "a2", true)));
        // Twilio's report that the first ring went unanswered arrives late.
        assertFalse(await(rings.end("c1", "maria", "a1")));
        assertTrue(await(rings.isRinging("c1", "maria", "a2")), "the second ring is still the call's");
        assertTrue(await(rings.end("c1", "maria", "a2")));
        assertFalse(await(rings.isRinging("c1", "maria", "a2")));
        // Only the end that ended a ring changes what the queue shows. Events arrive in the order published, so
        // once a marker published after both ends is here, so is anything they published.
        live.publish(new LiveEvent.ShiftChanged("marker"));
        for (int i = 0; i < 500 && events.stream().noneMatch(e -> e instanceof LiveEvent.ShiftChanged); i++) Thread.sleep(10);
        assertEquals(List.of(new LiveEvent.QueueChanged(), new LiveEvent.ShiftChanged("marker")), events);
    }
}
