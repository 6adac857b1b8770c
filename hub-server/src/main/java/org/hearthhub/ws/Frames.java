package org.hearthhub.ws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.i18n.Messages;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.Sender;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Referred;

import java.util.List;

/** Builds the hub's outgoing frames (docs/protocol.md), so both endpoints spell them the same way. */
public final class Frames {
    private Frames() {
    }

    static JsonObject of(String type) {
        return new JsonObject().put("type", type);
    }

    /** The refusal as an {@code error} frame: the same fields as an HTTP refusal's body, the message from the hub's texts. */
    static JsonObject error(Refusal refusal, String lang) {
        return of("error").mergeIn(refusal.toJson(Messages::text, lang));
    }

    static JsonObject error(ErrorCode code, String messageKey, String lang) {
        return error(new Refusal(code, messageKey), lang);
    }

    /** Turns any failure into an error frame; unexpected ones become a generic {@code unavailable}, never a stack trace. */
    static JsonObject error(Throwable failure, String lang) {
        return error(failure instanceof Refusal r ? r : new Refusal(ErrorCode.UNAVAILABLE), lang);
    }

    /** A referral message carries its items in {@code referrals} and, for clients that know no items, the same as {@code text}. */
    static JsonObject message(ChatMessage m) {
        JsonObject f = of("message").put("seq", m.seq()).put("from", m.from().wire()).put("text", m.text()).put("at", m.at().toString());
        if (!m.referrals().isEmpty()) f.put("referrals", referrals(m.referrals()));
        return f;
    }

    /** To the survivor: their own messages carry back the clientId they were sent with, so the widget settles the right one. */
    static JsonObject ownMessage(ChatMessage m) {
        return withClientId(message(m), m, Sender.SURVIVOR);
    }

    /** To the consoles: advocates' messages carry their clientId, so the console that sent one settles that bubble. */
    static JsonObject advocateMessage(String conversation, ChatMessage m) {
        return withClientId(message(m), m, Sender.ADVOCATE).put("conversation", conversation);
    }

    /**
     * The UTF-8 text of {@link #message}, {@link #ownMessage} or {@link #advocateMessage} written straight
     * out, field for field the same: every chat message becomes two or three of these, and building each as
     * a map to serialise it was most of the garbage a message made. Referral messages take the general path.
     * The frame is this thread's {@link JsonBytes}, valid until it starts the next one.
     *
     * @param own         whose messages carry their clientId on this socket, or null for nobody's
     * @param conversation added for the consoles, or null
     */
    static JsonBytes encodedMessage(ChatMessage m, Sender own, String conversation) {
        if (!m.referrals().isEmpty()) {
            JsonObject frame = own == null ? message(m) : withClientId(message(m), m, own);
            if (conversation != null) frame.put("conversation", conversation);
            return JsonBytes.start().json(FrameJson.encode(frame));
        }
        JsonBytes out = JsonBytes.start().raw("{\"type\":\"message\",\"seq\":").number(m.seq())
                .raw(",\"from\":\"").raw(m.from().wire()).raw("\",\"text\":").string(m.text())
                .raw(",\"at\":").instant(m.at());
        if (own != null && m.from() == own && m.clientId() != null) out.raw(",\"clientId\":").string(m.clientId());
        if (conversation != null) out.raw(",\"conversation\":").string(conversation);
        return out.raw('}');
    }

    /** {@code {"type":"ack","clientId":…,"seq":…}} and the console's {@code conversation} (or null), written straight out. */
    static JsonBytes encodedAck(String clientId, long seq, String conversation) {
        JsonBytes out = JsonBytes.start().raw("{\"type\":\"ack\",\"clientId\":").string(clientId).raw(",\"seq\":").number(seq);
        if (conversation != null) out.raw(",\"conversation\":").string(conversation);
        return out.raw('}');
    }

    private static JsonObject withClientId(JsonObject frame, ChatMessage m, Sender own) {
        if (m.from() == own && m.clientId() != null) frame.put("clientId", m.clientId());
        return frame;
    }

    static JsonObject conversation(Conversation c, List<ChatMessage> messages) {
        JsonArray list = new JsonArray();
        messages.forEach(m -> list.add(advocateMessage(c.id(), m)));
        JsonObject frame = of("conversation").put("conversation", c.id()).put("channel", c.channel().wire()).put("lang", c.lang())
                .put("contact", ContactMask.mask(c)).put("messages", list);
        return referred(frame, c.referred());
    }

    /** A conversation that came by a warm referral says from which program and what the survivor let travel, nothing more. */
    static JsonObject referred(JsonObject frame, Referred referred) {
        if (referred != null) frame.put("referredFrom", referred.fromProgram()).put("shared", referred.shared().wire());
        return frame;
    }

    /** Adds {@code opensAt}, {@code opensDay} ({@code today}/{@code tomorrow}, else absent) and the program's {@code timeZone}. */
    public static void reopening(JsonObject frame, ConversationService conversations) {
        conversations.opening().reopening().ifPresent(r -> r.into(frame));
    }

    public static JsonArray referrals(List<Referral> referrals) {
        JsonArray out = new JsonArray();
        referrals.forEach(r -> out.add(JsonObject.mapFrom(r)));
        return out;
    }
}
