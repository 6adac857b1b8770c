package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.error.Refusal;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.Conversation;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Staff steps that read, then change, the live state, with a colleague's (or the advocate's other console's) step
 * landing in between: made explicit by running that step while the racing step reads the shifts, which each of them
 * does after its first look and before its change. The racing step runs in a {@link ConversationService} of its own
 * over the hub's store (as another node's would); the other step in the hub's.
 */
class StaffStepRacesTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().liveRedis(this::liveRedis);
    TestHub hub;

    HostedProgram main;
    /** Run once, before the racing service's next read of the shifts answers. */
    final AtomicReference<Supplier<Future<?>>> meanwhile = new AtomicReference<>();
    ConversationService racing;

    /** Where the live state is kept: in memory here; {@link RedisStaffStepRacesTest} runs every test on Redis. */
    RedisServer liveRedis() {
        return null;
    }

    @BeforeEach
    void racingService() {
        main = hub.hub.programs().defaultProgram();
        LiveStore store = main.live();
        LiveStore interleaved = (LiveStore) Proxy.newProxyInstance(LiveStore.class.getClassLoader(), new Class<?>[]{LiveStore.class},
                (proxy, m, args) -> {
                    Supplier<Future<?>> step = m.getName().equals("shifts") ? meanwhile.getAndSet(null) : null;
                    if (step == null) return call(store, m, args);
                    return step.get().transform(ignored -> (Future<?>) call(store, m, args));
                });
        racing = new ConversationService(interleaved, main.settings(), main.stats(), main.audit(), hub.hub.config(), hub.clock,
                ConversationMeter.NONE, StaffLoad.ONE_PROGRAM);
    }

    private static Object call(LiveStore store, Method m, Object[] args) {
        try {
            return m.invoke(store, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
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

    @Test
    void aBlockOfAQueuedChatAColleagueAcceptsMeanwhileIsRefusedAndHerChatGoesOn() throws Exception {
        hub.advocateOnShift("maria");
        hub.advocateOnShift("ana");
        String id = queuedChat();
        meanwhile.set(() -> main.conversations().accept("ana", id));

        Refusal r = refused(racing.block("maria", id));
        assertEquals("forbidden", r.code().wire());
        assertEquals("error.taken", r.messageKey(), "as any step on a chat another advocate took");
        Conversation c = await(main.live().conversation(id));
        assertNotNull(c, "Ana's chat is not ended");
        assertEquals("ana", c.advocate());
    }

    @Test
    void aBlockOfAChatPassedToAColleagueMeanwhileIsRefusedAndHerChatGoesOn() throws Exception {
        WsClient maria = hub.advocateOnShift("maria");
        hub.advocateOnShift("ana");
        String id = hub.chatTakenBy(maria, "127.0.0.2").conversation();
        meanwhile.set(() -> main.conversations().transfer("maria", id, "ana"));

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
}
