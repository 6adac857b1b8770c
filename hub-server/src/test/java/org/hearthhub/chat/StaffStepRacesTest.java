package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.error.Refusal;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.live.LiveStore;
import org.hearthhub.actor.Actor;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Shift;
import org.hearthhub.testing.InterleavedStore;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Staff steps that read, then change, the live state, with a colleague's (or the advocate's other console's) step
 * landing in between: made explicit by running that step right after the racing step's read of the store (the
 * shifts, which a block, an accept and a transfer read after their first look and before their change). The racing
 * step runs in a {@link ConversationService} of its own over the hub's store (as another node's would); the other
 * step in the hub's.
 */
class StaffStepRacesTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().liveRedis(this::liveRedis);
    TestHub hub;

    HostedProgram main;
    /** The hub's store, as the racing service sees it: a colleague's step can land in the middle of its own. */
    InterleavedStore<LiveStore> meanwhile;
    ConversationService racing;

    /** Where the live state is kept: in memory here; {@link RedisStaffStepRacesTest} runs every test on Redis. */
    RedisServer liveRedis() {
        return null;
    }

    @BeforeEach
    void racingService() {
        main = hub.hub.programs().defaultProgram();
        meanwhile = new InterleavedStore<>(LiveStore.class, main.live());
        racing = new ConversationService(meanwhile.view(), main.settings(), main.stats(), main.audit(), hub.hub.config(), hub.clock,
                ConversationMeter.NONE, StaffLoad.ONE_PROGRAM);
    }

    private static Refusal refused(Future<?> step) throws Exception {
        Throwable t = await(step.transform(r -> Future.succeededFuture(r.cause())));
        if (t instanceof Refusal r) return r;
        fail("expected a refusal, got " + t);
        return null;
    }

    private String queuedChat() throws Exception {
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        return survivor.await("started").getString("conversation");
    }

    /** A chat Maria holds, with Ana on shift to pass it to. */
    private String mariasChatWithAnaOnShift() throws Exception {
        WsClient maria = hub.advocateOnShift("maria");
        hub.advocateOnShift("ana");
        return hub.chatTakenBy(maria, "127.0.0.2").conversation();
    }

    @Test
    void aBlockOfAQueuedChatAColleagueAcceptsMeanwhileIsRefusedAndHerChatGoesOn() throws Exception {
        hub.advocateOnShift("maria");
        hub.advocateOnShift("ana");
        String id = queuedChat();
        meanwhile.after("shifts", () -> main.conversations().accept("ana", id));

        Refusal r = refused(racing.block("maria", id));
        assertEquals("forbidden", r.code().wire());
        assertEquals("error.taken", r.messageKey(), "as any step on a chat another advocate took");
        Conversation c = await(main.live().conversation(id));
        assertNotNull(c, "Ana's chat is not ended");
        assertEquals("ana", c.advocate());
    }

    @Test
    void aRefusedBlockLeavesNoReasonBesideTheChatThatGoesOn() throws Exception {
        hub.advocateOnShift("maria");
        hub.advocateOnShift("ana");
        String id = queuedChat();
        meanwhile.after("shifts", () -> main.conversations().accept("ana", id));

        refused(racing.block("maria", id));
        assertNull(await(main.conversations().recentEnd(id)), "a socket reconnecting to Ana's chat would be told 'blocked'");
        await(main.conversations().end(id, EndReason.SURVIVOR, Actor.Party.SURVIVOR));
        assertEquals(EndReason.SURVIVOR, await(main.conversations().recentEnd(id)), "the end that happened");
    }

    @Test
    void anEndRefusedBecauseTheChatWasPassedOnMeanwhileLeavesNoReason() throws Exception {
        String id = mariasChatWithAnaOnShift();
        meanwhile.after("conversation", () -> main.conversations().transfer("maria", id, "ana"));

        assertNull(await(racing.endByAdvocate("maria", id, true)), "not hers any more: nothing ended");
        assertEquals("ana", await(main.live().conversation(id)).advocate());
        assertNull(await(main.conversations().recentEnd(id)), "no safety exit to tell a reconnecting survivor");
    }

    /**
     * A colleague's end landing between a refused end's keeping of its reason and its store step: the reason left is
     * the colleague's, though both ends give the same reason (so the refused one takes back only its own mark).
     */
    @Test
    void theReasonOfAnEndThatHappenedIsKeptWhenAnotherEndIsRefusedMeanwhile() throws Exception {
        String id = mariasChatWithAnaOnShift();
        meanwhile.after("putIfAbsent", () -> main.conversations().transfer("maria", id, "ana")
                .compose(t -> main.conversations().endByAdvocate("ana", id, false)));

        assertNull(await(racing.endByAdvocate("maria", id, false)));
        assertFalse(meanwhile.cancel(), "Ana's end ran in between");
        assertNull(await(main.live().conversation(id)), "ended by Ana");
        assertEquals(EndReason.ADVOCATE, await(main.conversations().recentEnd(id)), "Ana's end's reason, still there");
    }

    @Test
    void theReasonOfAnEndIsNotOverwrittenByALaterEndThatFindsTheChatGone() throws Exception {
        WsClient maria = hub.advocateOnShift("maria");
        String id = hub.chatTakenBy(maria, "127.0.0.2").conversation();

        assertNotNull(await(main.conversations().endByAdvocate("maria", id, true)));
        assertNull(await(racing.end(id, EndReason.TIMEOUT, Actor.Party.SYSTEM)), "gone already");
        assertEquals(EndReason.SAFETY_EXIT, await(main.conversations().recentEnd(id)), "a reconnecting survivor's widget must still leave");
    }

    @Test
    void aBlockOfAChatPassedToAColleagueMeanwhileIsRefusedAndHerChatGoesOn() throws Exception {
        String id = mariasChatWithAnaOnShift();
        meanwhile.after("shifts", () -> main.conversations().transfer("maria", id, "ana"));

        Refusal r = refused(racing.block("maria", id));
        assertEquals("forbidden", r.code().wire());
        assertEquals("error.not_held", r.messageKey());
        assertEquals("ana", await(main.live().conversation(id)).advocate(), "Ana's chat is not ended");
    }

    @Test
    void aBlockStillEndsAQueuedChatOrOneTheAdvocateHolds() throws Exception {
        WsClient maria = hub.advocateOnShift("maria");
        String queued = queuedChat();
        String held = hub.chatTakenBy(maria, "127.0.0.2").conversation();

        assertEquals(queued, await(racing.block("maria", queued)).id());
        assertEquals(held, await(racing.block("maria", held)).id());
        assertTrue(await(main.live().liveConversations()).isEmpty());
    }

    /** Off shift nothing reaches an advocate: a chat held by someone not on shift would be stranded. */
    private void nobodyHoldsAChatOffShift() throws Exception {
        Set<String> onShift = await(main.live().shifts()).stream().map(Shift::username).collect(Collectors.toSet());
        Map<String, Integer> holdings = await(main.live().holdings());
        assertTrue(onShift.containsAll(holdings.keySet()), "held off shift: " + holdings + ", on shift: " + onShift);
    }

    @Test
    void anAcceptWhoseShiftEndsMeanwhileFromTheOtherConsoleIsRefusedAndTheChatStaysQueued() throws Exception {
        hub.advocateOnShift("maria");
        String id = queuedChat();
        meanwhile.after("shifts", () -> main.conversations().endShift("maria"));

        Refusal r = refused(racing.accept("maria", id));
        assertEquals("forbidden", r.code().wire());
        assertEquals("error.not_on_shift", r.messageKey(), "as an accept made a moment later");
        assertTrue(await(main.live().conversation(id)).isQueued(), "still queued, for someone on shift");
        nobodyHoldsAChatOffShift();
    }

    @Test
    void aTransferToAColleagueWhoseShiftEndsMeanwhileIsRefusedAndTheChatStaysHeld() throws Exception {
        String id = mariasChatWithAnaOnShift();
        meanwhile.after("shifts", () -> main.conversations().endShift("ana"));

        Refusal r = refused(racing.transfer("maria", id, "ana"));
        assertEquals("bad_request", r.code().wire());
        assertEquals("error.target_not_on_shift", r.messageKey(), "as a transfer made a moment later");
        assertEquals("maria", await(main.live().conversation(id)).advocate(), "still Maria's");
        nobodyHoldsAChatOffShift();
    }

    /**
     * The shift's end and an accept from the advocate's other console, the accept landing right after the end looked
     * at what she holds (on the old two-step end: between the check and the removal). Whichever is first, she is not
     * left off shift holding the chat: the end is refused (still_holding), or the accept (not_on_shift).
     */
    @Test
    void aShiftEndAndAnAcceptFromTheOtherConsoleNeverLeaveAChatWithSomeoneOffShift() throws Exception {
        hub.advocateOnShift("maria");
        String id = queuedChat();
        List<Throwable> accepted = new ArrayList<>();
        Supplier<Future<?>> accept = () -> main.conversations().accept("maria", id).onComplete(a -> accepted.add(a.cause()));
        meanwhile.after("heldBy", accept);

        Throwable ended = await(racing.endShift("maria").transform(e -> Future.succeededFuture(e.cause())));
        if (meanwhile.cancel()) await(accept.get().transform(a -> Future.succeededFuture()));
        assertEquals(1, accepted.size());
        if (ended == null) {
            assertTrue(accepted.get(0) instanceof Refusal r && r.messageKey().equals("error.not_on_shift"), "accept: " + accepted.get(0));
            assertTrue(await(main.live().conversation(id)).isQueued());
        } else {
            assertTrue(ended instanceof Refusal r && r.messageKey().equals("error.still_holding"), "end: " + ended);
            assertEquals("maria", await(main.live().conversation(id)).advocate());
        }
        nobodyHoldsAChatOffShift();
    }
}
