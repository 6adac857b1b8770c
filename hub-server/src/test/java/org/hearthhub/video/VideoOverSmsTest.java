package org.hearthhub.video;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A texter has only their phone's messages: nothing carries a call's link to them, so a call offered in an SMS
 * conversation would leave the advocate waiting in a room ("A video room is ready") that the texter never hears of.
 */
class VideoOverSmsTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().fakeTwilio();

    @Test
    void aCallOfferedInATextConversationIsRefusedAndNoRoomOrTokenIsMade() throws Exception {
        TestHub hub = hubs.start(VideoOfferTest.SELF_HOSTED);
        WsClient maria = hub.advocateOnShift("maria");
        assertEquals(200, hub.twilioWebhook("/sms/twilio", FakeTwilio.inboundText(FakeTwilio.newNumber(), FakeTwilio.FROM,
                "hello")).statusCode());
        JsonObject queue = maria.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        JsonObject item = queue.getJsonArray("items").getJsonObject(0);
        assertEquals("sms", item.getString("channel"));
        String id = item.getString("conversation");
        maria.send("accept", "conversation", id);
        maria.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));

        for (String media : List.of("video", "audio")) {
            maria.send("video.offer", "conversation", id, "media", media);
            JsonObject error = maria.await("error");
            assertEquals("bad_request", error.getString("code"), media);
            assertEquals(id, error.getString("conversation"));
            assertEquals("This is a text-message conversation: a video or voice call cannot reach the texter, "
                    + "who has only the text messages on their phone.", error.getString("message"));
        }
        maria.expectNone("video", 300);
        assertNull(TestHub.await(hub.hub.liveStore().peek("video:room:" + id)), "no room was made");
        assertTrue(TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000)).stream()
                .noneMatch(e -> e.record().action().endsWith(".offer")), "nothing offered, nothing audited");
    }
}
