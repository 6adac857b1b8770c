package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;

/** A chat the default program's advocate "maria" accepted, to send partner cards in: her socket, the survivor's, the conversation. */
record CardChat(WsClient advocate, WsClient survivor, String id) {

    static CardChat open(TestHub hub) throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");
        survivor.await("assigned");
        return new CardChat(advocate, survivor, id);
    }

    /** A {@code message} frame carrying a directory id (or anything else, to see it refused). */
    void sendCard(String clientId, Object partner) {
        advocate.send(new JsonObject().put("type", "message").put("conversation", id).put("clientId", clientId).put("partner", partner));
    }

    /** The card the survivor got next: the first referral item of their next message. */
    JsonObject receivedCard() {
        return survivor.await("message").getJsonArray("referrals").getJsonObject(0);
    }
}
