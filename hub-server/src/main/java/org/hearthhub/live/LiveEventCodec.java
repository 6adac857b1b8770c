package org.hearthhub.live;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.actor.Actor;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LiveEvent}s as JSON text for the pub/sub channel between nodes: {@code {"type": record name,
 * ...its components}}. A node that does not know a type (a newer node during a rolling upgrade)
 * ignores it instead of failing.
 */
public final class LiveEventCodec {
    private LiveEventCodec() {
    }

    public static String encode(LiveEvent event) {
        JsonObject j = new JsonObject().put("type", event.getClass().getSimpleName());
        if (event instanceof LiveEvent.QueueChanged) {
            // no fields
        } else if (event instanceof LiveEvent.MessageAdded e) {
            j.put("conversation", e.conversation()).put("message", message(e.message()));
        } else if (event instanceof LiveEvent.Assigned e) {
            j.put("conversation", e.conversation()).put("advocate", e.advocate()).put("advocateName", e.advocateName());
        } else if (event instanceof LiveEvent.Transferred e) {
            j.put("conversation", e.conversation()).put("fromAdvocate", e.fromAdvocate()).put("toAdvocate", e.toAdvocate())
                    .put("toName", e.toName());
        } else if (event instanceof LiveEvent.Typing e) {
            j.put("conversation", e.conversation()).put("from", e.from().encode());
        } else if (event instanceof LiveEvent.Ended e) {
            j.put("conversation", e.conversation()).put("reason", e.reason().wire()).put("advocate", e.advocate())
                    .put("feedbackTicket", e.feedbackTicket());
        } else if (event instanceof LiveEvent.ShiftChanged e) {
            j.put("username", e.username());
        } else if (event instanceof LiveEvent.VideoOffered e) {
            j.put("conversation", e.conversation()).put("advocate", e.advocate()).put("room", e.room()).put("url", e.url())
                    .put("domain", e.domain()).put("survivorJwt", e.survivorJwt()).put("advocateJwt", e.advocateJwt())
                    .put("media", e.media());
        } else if (event instanceof LiveEvent.SessionEnded e) {
            j.put("sessionHash", e.sessionHash());
        } else if (event instanceof LiveEvent.LeftProgram e) {
            j.put("username", e.username());
        } else if (event instanceof LiveEvent.SurvivorPresence e) {
            j.put("conversation", e.conversation()).put("awaySince", e.away() ? e.awaySince().toString() : null);
        } else if (event instanceof LiveEvent.AdvocateNotice e) {
            j.put("conversation", e.conversation()).put("advocate", e.advocate()).put("code", e.code()).put("message", e.message());
        } else if (event instanceof LiveEvent.CallRinging e) {
            j.put("conversation", e.conversation()).put("advocate", e.advocate()).put("advocateName", e.advocateName())
                    .put("attempt", e.attempt());
        } else if (event instanceof LiveEvent.ReferralNews e) {
            j.put("conversation", e.conversation()).put("advocate", e.advocate()).put("toSurvivor", e.toSurvivor())
                    .put("toAdvocate", e.toAdvocate());
        } else {
            throw new IllegalArgumentException("no encoding for " + event.getClass().getSimpleName());
        }
        return j.encode();
    }

    /** The event, or null when the text is not one this node understands. */
    public static LiveEvent decode(String text) {
        JsonObject j;
        try {
            j = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
        String type = j.getString("type");
        if (type == null) return null;
        String conversation = j.getString("conversation");
        try {
            return switch (type) {
                case "QueueChanged" -> new LiveEvent.QueueChanged();
                case "MessageAdded" -> new LiveEvent.MessageAdded(conversation, message(j.getJsonObject("message")));
                case "Assigned" -> new LiveEvent.Assigned(conversation, j.getString("advocate"), j.getString("advocateName"));
                case "Transferred" -> new LiveEvent.Transferred(conversation, j.getString("fromAdvocate"),
                        j.getString("toAdvocate"), j.getString("toName"));
                case "Typing" -> new LiveEvent.Typing(conversation, Actor.decode(j.getString("from")));
                case "Ended" -> new LiveEvent.Ended(conversation, EndReason.fromWire(j.getString("reason")),
                        j.getString("advocate"), j.getString("feedbackTicket"));
                case "ShiftChanged" -> new LiveEvent.ShiftChanged(j.getString("username"));
                case "VideoOffered" -> new LiveEvent.VideoOffered(conversation, j.getString("advocate"), j.getString("room"),
                        j.getString("url"), j.getString("domain"), j.getString("survivorJwt"), j.getString("advocateJwt"),
                        // from a node that predates voice calls: video, the only kind it could offer
                        j.getString("media", "video"));
                case "SessionEnded" -> new LiveEvent.SessionEnded(j.getString("sessionHash"));
                case "LeftProgram" -> new LiveEvent.LeftProgram(j.getString("username"));
                case "SurvivorPresence" -> new LiveEvent.SurvivorPresence(conversation,
                        j.getString("awaySince") == null ? null : Instant.parse(j.getString("awaySince")));
                case "AdvocateNotice" -> new LiveEvent.AdvocateNotice(conversation, j.getString("advocate"),
                        j.getString("code"), j.getString("message"));
                case "CallRinging" -> new LiveEvent.CallRinging(conversation, j.getString("advocate"), j.getString("advocateName"),
                        j.getString("attempt"));
                case "ReferralNews" -> new LiveEvent.ReferralNews(conversation, j.getString("advocate"), j.getString("toSurvivor"),
                        j.getString("toAdvocate"));
                default -> null;
            };
        } catch (RuntimeException e) {
            return null; // a malformed field: drop the event rather than the subscriber
        }
    }

    /** A transcript message; seq included, as events carry it (the transcript list derives it from the index). */
    static JsonObject message(ChatMessage m) {
        JsonObject j = new JsonObject().put("from", m.from().wire()).put("text", m.text()).put("at", m.at().toString());
        if (m.seq() > 0) j.put("seq", m.seq());
        if (m.clientId() != null) j.put("clientId", m.clientId());
        if (!m.referrals().isEmpty()) j.put("referrals", referrals(m.referrals()));
        return j;
    }

    private static JsonArray referrals(List<Referral> referrals) {
        JsonArray out = new JsonArray();
        referrals.forEach(r -> out.add(JsonObject.mapFrom(r)));
        return out;
    }

    private static List<Referral> referrals(JsonArray items) {
        if (items == null) return List.of();
        List<Referral> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonObject r = items.getJsonObject(i);
            out.add(new Referral(r.getString("name"), r.getString("phone"), r.getString("sms"), r.getString("text"), r.getString("url")));
        }
        return out;
    }

    static ChatMessage message(JsonObject j) {
        return message(j, j.getLong("seq", 0L));
    }

    static ChatMessage message(JsonObject j, long seq) {
        return new ChatMessage(seq, Sender.fromWire(j.getString("from")), j.getString("text"), Instant.parse(j.getString("at")),
                j.getString("clientId"), referrals(j.getJsonArray("referrals")));
    }
}
