package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.Channel;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ConversationState;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.model.Sender;
import org.hearthhub.model.Shift;
import org.hearthhub.testing.BothLiveStores;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Places in line, counts, holdings and timeouts, answered without reading whole conversations (the
 * hot path of a surge, and a sweep every few seconds on every node), in both live stores: the same
 * behaviour in one JVM and on a real redis-server.
 */
class LiveStoreQueriesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T15:00:00.123Z");

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();
    @RegisterExtension
    static final BothLiveStores stores = new BothLiveStores(redis);

    LiveStore store;

    /** A fresh store with Maria and Ana on shift: assign and transfer give chats only to someone on shift. */
    private LiveStore open(String kind) throws Exception {
        LiveStore s = stores.open(kind);
        await(s.putShift(new Shift("maria", "Maria", 5, List.of("en"), T0)));
        await(s.putShift(new Shift("ana", "Ana", 5, List.of("en"), T0)));
        return s;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    private static Conversation queued(Channel channel, String lang, Instant preferredUntil) {
        return new Conversation(Ids.random(16), channel, lang, ConversationState.QUEUED, T0, null, T0, null,
                null, null, preferredUntil, null);
    }

    private List<String> enqueueFive() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Conversation c = queued(Channel.WEB, "en", T0.plusSeconds(60));
            assertEquals(i, await(store.enqueue(c, 100)), "enqueue answers the new place in line");
            ids.add(c.id());
        }
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void positionsMoveUpAsThoseAheadAreAcceptedOrLeave(String kind) throws Exception {
        store = open(kind);
        List<String> ids = enqueueFive();
        assertEquals(3, await(store.position(ids.get(2))));

        await(store.assign(ids.get(0), "maria", "Maria", 5, T0));
        await(store.end(ids.get(1), T0));
        assertEquals(1, await(store.position(ids.get(2))));
        assertEquals(3, await(store.position(ids.get(4))));
        assertEquals(0, await(store.position(ids.get(0))), "an active conversation has no place in line");
        assertEquals(0, await(store.position(ids.get(1))), "an ended one has none either");
        assertEquals(0, await(store.position("unknown")));
        assertEquals(List.of(ids.get(2), ids.get(3), ids.get(4)), await(store.queue()).stream().map(QueuedConversation::id).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aContactKeyIsNotBoundWhileItsRefusalMarkIsSet(String kind) throws Exception {
        store = open(kind);
        Conversation first = queued(Channel.SMS, "en", null);
        Conversation second = queued(Channel.SMS, "en", null);
        await(store.enqueue(first, 10));
        await(store.enqueue(second, 10));

        await(store.putExpiring("optout:k2", "1", Duration.ofDays(1)));
        assertEquals(true, await(store.bindContactKey(first.id(), "k1", "optout:k1")));
        assertEquals(false, await(store.bindContactKey(second.id(), "k2", "optout:k2")), "the mark refuses the binding");
        assertEquals(first.id(), await(store.conversationByContactKey("k1")));
        assertNull(await(store.conversationByContactKey("k2")), "and nothing is bound");

        await(store.take("optout:k2"));
        assertEquals(true, await(store.bindContactKey(second.id(), "k2", "optout:k2")), "once the mark is gone, it binds");
        assertEquals(second.id(), await(store.conversationByContactKey("k2")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aResentMessageIsFoundByItsSendersClientIdAndTheOtherSidesSameIdIsANewMessage(String kind) throws Exception {
        store = open(kind);
        String id = enqueueFive().get(0);
        AppendResult first = await(store.append(id, Sender.SURVIVOR, "c1", "hello", List.of(), T0));
        AppendResult resent = await(store.append(id, Sender.SURVIVOR, "c1", "hello", List.of(), T0.plusSeconds(5)));
        assertTrue(resent.duplicate(), "the same sender's clientId again is the message already kept");
        assertEquals(first.message(), resent.message());
        AppendResult reply = await(store.append(id, Sender.ADVOCATE, "c1", "hi, I'm here", List.of(), T0.plusSeconds(6)));
        assertFalse(reply.duplicate(), "the advocate's client may pick the same id: another message");
        assertEquals(2L, reply.message().seq());
        AppendResult notice = await(store.append(id, Sender.SYSTEM, null, "delivered", List.of(), T0.plusSeconds(7)));
        AppendResult again = await(store.append(id, Sender.SYSTEM, null, "delivered", List.of(), T0.plusSeconds(8)));
        assertEquals(List.of(3L, 4L), List.of(notice.message().seq(), again.message().seq()), "messages without a clientId are never merged");
        assertEquals(List.of("hello", "hi, I'm here", "delivered", "delivered"),
                await(store.messagesAfter(id, 0)).stream().map(ChatMessage::text).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void queuePlacesCarryWhatRoutingNeeds(String kind) throws Exception {
        store = open(kind);
        Conversation sms = queued(Channel.SMS, "es", T0.plusSeconds(90));
        Conversation web = queued(Channel.WEB, "en", null);
        await(store.enqueue(sms, 10));
        await(store.enqueue(web, 10));
        assertEquals(List.of(QueuedConversation.of(sms), QueuedConversation.of(web)), await(store.queue()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void countsAndHoldingsFollowAssignAndEnd(String kind) throws Exception {
        store = open(kind);
        List<String> ids = enqueueFive();
        assertEquals(new LiveCounts(5, 5), await(store.counts()));

        await(store.assign(ids.get(0), "maria", "Maria", 5, T0));
        await(store.assign(ids.get(1), "maria", "Maria", 5, T0));
        await(store.assign(ids.get(2), "ana", "Ana", 5, T0));
        await(store.end(ids.get(3), T0));
        assertEquals(new LiveCounts(1, 4), await(store.counts()));

        List<String> maria = await(store.heldBy("maria")).stream().map(Conversation::id).sorted().toList();
        assertEquals(ids.subList(0, 2).stream().sorted().toList(), maria);
        assertTrue(await(store.heldBy("nobody")).isEmpty());
        await(store.end(ids.get(0), T0));
        assertEquals(1, await(store.heldBy("maria")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void endIfHeldByEndsOnlyAChatThatAdvocateHoldsNow(String kind) throws Exception {
        store = open(kind);
        List<String> ids = enqueueFive();
        await(store.assign(ids.get(0), "maria", "Maria", 5, T0));
        await(store.assign(ids.get(1), "maria", "Maria", 5, T0));
        await(store.transfer(ids.get(1), "maria", "ana", "Ana", 5, T0));
        await(store.append(ids.get(1), Sender.SURVIVOR, "c1", "still talking to Ana", T0));

        assertNull(await(store.endIfHeldBy(ids.get(1), "maria", T0)), "passed to Ana: not Maria's to end");
        assertEquals(1, await(store.messagesAfter(ids.get(1), 0)).size(), "and left as it was");
        assertNull(await(store.endIfHeldBy(ids.get(2), "maria", T0)), "still queued: nobody's");
        assertEquals(ConversationState.QUEUED, await(store.conversation(ids.get(2))).state());
        assertNull(await(store.endIfHeldBy("no-such-chat", "maria", T0)));

        assertEquals(ids.get(0), await(store.endIfHeldBy(ids.get(0), "maria", T0)).id(), "hers: ended, its last metadata answered");
        assertNull(await(store.conversation(ids.get(0))));
        assertNull(await(store.endIfHeldBy(ids.get(0), "maria", T0)), "ending twice ends nothing");
        assertEquals("ana", await(store.endIfHeldBy(ids.get(1), "ana", T0)).advocate());
        assertEquals(new LiveCounts(3, 3), await(store.counts()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void endIfQueuedOrHeldByEndsAQueuedChatOrOneThatAdvocateHoldsNotAColleagues(String kind) throws Exception {
        store = open(kind);
        List<String> ids = enqueueFive();
        // A block looked at ids 0 (queued) and 1 (Maria's); meanwhile Ana accepted 0 and Maria passed 1 to Ana.
        await(store.assign(ids.get(0), "ana", "Ana", 5, T0));
        await(store.assign(ids.get(1), "maria", "Maria", 5, T0));
        await(store.transfer(ids.get(1), "maria", "ana", "Ana", 5, T0));
        await(store.assign(ids.get(2), "maria", "Maria", 5, T0));

        assertNull(await(store.endIfQueuedOrHeldBy(ids.get(0), "maria", T0)), "accepted by Ana: not Maria's to end");
        assertNull(await(store.endIfQueuedOrHeldBy(ids.get(1), "maria", T0)), "passed to Ana: not Maria's to end");
        assertEquals("ana", await(store.conversation(ids.get(0))).advocate(), "and left as it was");
        assertEquals("ana", await(store.conversation(ids.get(1))).advocate());
        assertNull(await(store.endIfQueuedOrHeldBy("no-such-chat", "maria", T0)));

        assertEquals(ids.get(2), await(store.endIfQueuedOrHeldBy(ids.get(2), "maria", T0)).id(), "hers: ended");
        Conversation queued = await(store.endIfQueuedOrHeldBy(ids.get(3), "maria", T0));
        assertEquals(ConversationState.QUEUED, queued.state(), "still queued: anyone's to end, its last metadata answered");
        assertNull(await(store.conversation(ids.get(3))));
        assertEquals(List.of(ids.get(4)), await(store.queue()).stream().map(QueuedConversation::id).toList(), "its place in line gone");
        assertNull(await(store.endIfQueuedOrHeldBy(ids.get(3), "maria", T0)), "ending twice ends nothing");
        assertEquals(new LiveCounts(1, 3), await(store.counts()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aShiftIsNotRemovedWhileItsAdvocateHoldsAChat(String kind) throws Exception {
        store = open(kind);
        List<String> ids = enqueueFive();
        await(store.assign(ids.get(0), "maria", "Maria", 5, T0));

        assertFalse(await(store.removeShiftIfIdle("maria")), "she holds a chat: still on shift");
        assertEquals(List.of("ana", "maria"), await(store.shifts()).stream().map(Shift::username).sorted().toList());
        await(store.transfer(ids.get(0), "maria", "ana", "Ana", 5, T0));
        assertFalse(await(store.removeShiftIfIdle("ana")), "passed to Ana: hers now");
        assertTrue(await(store.removeShiftIfIdle("maria")), "Maria holds nothing now");
        assertEquals(List.of("ana"), await(store.shifts()).stream().map(Shift::username).toList());
        assertTrue(await(store.removeShiftIfIdle("maria")), "ending a shift twice is harmless");
        await(store.end(ids.get(0), T0));
        assertTrue(await(store.removeShiftIfIdle("ana")), "her chat ended: she may go");
        assertEquals(List.of(), await(store.shifts()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void assignAndTransferRefuseSomeoneWhoseShiftEnded(String kind) throws Exception {
        store = open(kind);
        List<String> ids = enqueueFive();
        await(store.assign(ids.get(1), "maria", "Maria", 5, T0));
        // Ana's shift ends after her accept (or Maria's transfer to her) read it, before its atomic step.
        assertTrue(await(store.removeShiftIfIdle("ana")));

        AssignResult accepted = await(store.assign(ids.get(0), "ana", "Ana", 5, T0));
        assertEquals(AssignResult.Outcome.NOT_ON_SHIFT, accepted.outcome());
        assertEquals(ConversationState.QUEUED, await(store.conversation(ids.get(0))).state(), "still queued, for someone on shift");
        assertEquals(1, await(store.position(ids.get(0))));
        assertEquals(AssignResult.Outcome.NOT_ON_SHIFT, await(store.transfer(ids.get(1), "maria", "ana", "Ana", 5, T0)).outcome());
        assertEquals("maria", await(store.conversation(ids.get(1))).advocate(), "still Maria's");
        assertEquals(List.of(), await(store.heldBy("ana")), "nothing stranded with Ana off shift");

        await(store.putShift(new Shift("ana", "Ana", 5, List.of("en"), T0)));
        assertEquals(AssignResult.Outcome.ASSIGNED, await(store.assign(ids.get(0), "ana", "Ana", 5, T0)).outcome(), "back on shift");
        assertEquals(AssignResult.Outcome.ASSIGNED, await(store.transfer(ids.get(1), "maria", "ana", "Ana", 5, T0)).outcome());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void timedOutFindsTheIdleAndTheTooOldOnly(String kind) throws Exception {
        store = open(kind);
        List<String> ids = enqueueFive();
        Instant later = T0.plusSeconds(600);
        await(store.append(ids.get(0), Sender.SURVIVOR, "c1", "still here", later));
        await(store.assign(ids.get(1), "maria", "Maria", 5, later));
        await(store.assign(ids.get(2), "maria", "Maria", 5, T0));
        await(store.transfer(ids.get(2), "maria", "ana", "Ana", 5, later));
        await(store.end(ids.get(3), T0));

        List<String> idle = await(store.timedOut(T0.plusSeconds(1), T0.minusSeconds(1)));
        assertEquals(List.of(ids.get(4)), idle, "messages, accepts and transfers all count as activity");
        assertTrue(await(store.timedOut(T0, T0)).isEmpty(), "the boundary itself is not past it");
        List<String> tooOld = await(store.timedOut(T0, T0.plusSeconds(1))).stream().sorted().toList();
        assertEquals(List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(4)).stream().sorted().toList(), tooOld,
                "age counts from creation, whatever happened since");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void putIfAbsentLetsOnlyTheFirstOfManyConcurrentWritersWin(String kind) throws Exception {
        store = open(kind);
        List<Future<String>> racing = new ArrayList<>();
        for (int i = 0; i < 20; i++) racing.add(store.putIfAbsent("room:c1", "room-" + i, Duration.ofMinutes(5)));
        Future.all(racing).await(10, TimeUnit.SECONDS);
        String winner = await(store.peek("room:c1"));
        for (Future<String> f : racing) assertEquals(winner, f.result(), "every writer is told the one value that stands");
        assertEquals(winner, await(store.putIfAbsent("room:c1", "late", Duration.ofMinutes(5))));
        await(store.take("room:c1"));
        assertEquals("fresh", await(store.putIfAbsent("room:c1", "fresh", Duration.ofMinutes(5))), "absent again after take");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void takeIfRemovesAValueOnlyWhileItIsStillTheExpectedOne(String kind) throws Exception {
        store = open(kind);
        assertFalse(await(store.takeIf("ring:c1", "maria|a1")), "nothing to take");
        await(store.putExpiring("ring:c1", "maria|a1", Duration.ofMinutes(1)));
        // The ring was replaced before its late end arrived: the late end must leave the new ring alone.
        await(store.putExpiring("ring:c1", "maria|a2", Duration.ofMinutes(1)));
        assertFalse(await(store.takeIf("ring:c1", "maria|a1")));
        assertEquals("maria|a2", await(store.peek("ring:c1")));
        assertTrue(await(store.takeIf("ring:c1", "maria|a2")));
        assertNull(await(store.peek("ring:c1")));
        assertFalse(await(store.takeIf("ring:c1", "maria|a2")), "taken once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void takeIfLetsOnlyOneOfManyConcurrentHoldersTakeTheValue(String kind) throws Exception {
        store = open(kind);
        await(store.putExpiring("ring:c1", "maria|a1", Duration.ofMinutes(1)));
        List<Future<Boolean>> racing = new ArrayList<>();
        for (int i = 0; i < 20; i++) racing.add(store.takeIf("ring:c1", "maria|a1"));
        Future.all(racing).await(10, TimeUnit.SECONDS);
        assertEquals(1, racing.stream().filter(Future::result).count());
    }
}
