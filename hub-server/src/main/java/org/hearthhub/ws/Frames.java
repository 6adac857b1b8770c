package org.hearthhub.ws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.chat.ChatMessage;
import org.hearthhub.chat.Conversation;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.chat.Sender;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.i18n.Messages;
import org.hearthhub.settings.Referral;

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

    static JsonObject message(ChatMessage m) {
        return of("message").put("seq", m.seq()).put("from", m.from().wire()).put("text", m.text()).put("at", m.at().toString());
    }

    /** To the survivor: their own messages carry back the clientId they were sent with, so the widget settles the right one. */
    static JsonObject ownMessage(ChatMessage m) {
        JsonObject f = message(m);
        if (m.from() == Sender.SURVIVOR && m.clientId() != null) f.put("clientId", m.clientId());
        return f;
    }

    static JsonObject advocateMessage(String conversation, ChatMessage m) {
        return message(m).put("conversation", conversation);
    }

    static JsonObject conversation(Conversation c, List<ChatMessage> messages) {
        JsonArray list = new JsonArray();
        messages.forEach(m -> list.add(message(m).put("conversation", c.id())));
        return of("conversation").put("conversation", c.id()).put("channel", c.channel().wire()).put("lang", c.lang())
                .put("contact", ContactMask.mask(c)).put("messages", list);
    }

    /** Adds {@code opensAt}, {@code opensDay} ({@code today}/{@code tomorrow}, else absent) and the program's {@code timeZone}. */
    public static void reopening(JsonObject frame, ConversationService conversations) {
        conversations.reopening().ifPresent(r -> {
            frame.put("opensAt", r.at().toString()).put("timeZone", r.timeZone());
            if (r.day() != null) frame.put("opensDay", r.day());
        });
    }

    public static JsonArray referrals(List<Referral> referrals) {
        JsonArray out = new JsonArray();
        for (Referral r : referrals) {
            out.add(new JsonObject().put("name", r.name()).put("phone", r.phone()).put("text", r.text()).put("url", r.url()));
        }
        return out;
    }
}
