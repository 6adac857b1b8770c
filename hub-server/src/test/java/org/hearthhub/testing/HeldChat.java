package org.hearthhub.testing;

import io.vertx.core.json.JsonObject;

/** A chat an advocate on shift accepted: their console socket, the survivor's socket, and the conversation's id. */
public record HeldChat(WsClient advocate, WsClient survivor, String conversation) {

    /** "maria" of the default program, on shift, holding one fresh chat of an English-speaking survivor. */
    public static HeldChat maria(TestHub hub) throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");
        survivor.await("assigned");
        return new HeldChat(advocate, survivor, id);
    }

    /** An advocate's {@code message} carrying a partner directory id (or anything else, to see it refused). */
    public void sendCard(String clientId, Object partner) {
        advocate.send(new JsonObject().put("type", "message").put("conversation", conversation).put("clientId", clientId)
                .put("partner", partner));
    }

    /** The card the survivor got next: the first referral item of their next message. */
    public JsonObject receivedCard() {
        return survivor.await("message").getJsonArray("referrals").getJsonObject(0);
    }
}
