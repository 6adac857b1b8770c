package org.hearthhub.video;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.hearthhub.chat.ConversationMeter;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.chat.StaffLoad;
import org.hearthhub.error.Refusal;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.live.LiveStore;
import org.hearthhub.testing.InterleavedStore;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * An offer races a transfer: the chat is passed to a colleague right after the offer's first look at who holds it,
 * so while the tokens are being signed. The offer is then refused and published to nobody, since its moderator's
 * token is for an advocate who no longer holds the chat. The offering side runs in a {@link VideoRooms} and a
 * {@link ConversationService} of its own over the hub's stores (as another node's would), the transfer in the hub's.
 */
class VideoOfferRaceTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();

    @Test
    void anOfferWhoseChatIsTransferredWhileItIsSignedIsRefusedAndReachesNobody() throws Exception {
        TestHub hub = hubs.start(VideoOfferTest.SELF_HOSTED);
        HostedProgram main = hub.hub.programs().defaultProgram();
        WsClient maria = hub.advocateOnShift("maria");
        WsClient jose = hub.advocateOnShift("jose");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        maria.awaitMatching("queue", q -> q.getJsonArray("items").stream()
                .anyMatch(i -> id.equals(((JsonObject) i).getString("conversation"))));
        maria.send("accept", "conversation", id);
        survivor.await("assigned");

        InterleavedStore<LiveStore> meanwhile = new InterleavedStore<>(LiveStore.class, main.live());
        ConversationService racing = new ConversationService(meanwhile.view(), main.settings(), main.stats(), main.audit(),
                hub.hub.config(), hub.clock, ConversationMeter.NONE, StaffLoad.ONE_PROGRAM);
        RoomTokens tokens = await(RoomTokens.load(hub.vertx, hub.hub.config().jitsi()));
        VideoRooms offering = new VideoRooms(hub.vertx, hub.hub.config().jitsi(), tokens, racing, main.live(), main.live(),
                main.audit(), hub.clock);
        meanwhile.after("conversation", () -> main.conversations().transfer("maria", id, "jose"));

        Throwable refused = await(offering.offer("maria", id, CallMedia.VIDEO).transform(r -> Future.succeededFuture(r.cause())));
        assertFalse(meanwhile.cancel(), "the transfer ran between the offer's first look and its signing");
        Refusal r = assertInstanceOf(Refusal.class, refused, "the offer after the transfer");
        assertEquals("forbidden", r.code().wire());
        assertEquals("error.not_held", r.messageKey());
        jose.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.expectNone("video", 500);
        jose.expectNone("video", 0);
        maria.expectNone("video", 0);
    }
}
