package org.hearthhub.referral;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * A warm referral waiting for the survivor's answer, as the sending program's live store keeps it (in memory or
 * Redis RAM, never on disk) until it is answered, withdrawn or expires.
 *
 * @param id           random and unguessable: what the survivor's answer names
 * @param toProgram    the receiving program's id
 * @param agency       the partner's name as the sending program's directory has it
 * @param survivorFrame the {@code referral.offer} frame as the survivor was sent it, to send again on a resume
 */
record ReferralOffer(String id, String conversation, String toProgram, String partner, String agency, String advocate,
                     Instant expiresAt, JsonObject survivorFrame) {

    String encode() {
        return new JsonObject().put("id", id).put("conversation", conversation).put("toProgram", toProgram).put("partner", partner)
                .put("agency", agency).put("advocate", advocate).put("expiresAt", expiresAt.toString())
                .put("survivorFrame", survivorFrame).encode();
    }

    static ReferralOffer decode(String text) {
        if (text == null) return null;
        JsonObject j = new JsonObject(text);
        return new ReferralOffer(j.getString("id"), j.getString("conversation"), j.getString("toProgram"), j.getString("partner"),
                j.getString("agency"), j.getString("advocate"), Instant.parse(j.getString("expiresAt")), j.getJsonObject("survivorFrame"));
    }

    /** The services the offer named, for a text to a texter. */
    List<String> services() {
        JsonArray services = survivorFrame.getJsonArray("services", new JsonArray());
        return services.stream().map(String::valueOf).toList();
    }
}
