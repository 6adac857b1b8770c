package org.hearthhub.live;

import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ConversationState;
import org.hearthhub.model.Referred;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A conversation as a Redis hash: one field per component, absent when null. The Lua scripts read
 * and write {@code state} (QUEUED/ACTIVE), {@code advocate}, {@code advocateName}, {@code assignedAt},
 * {@code lastActivityAt} and {@code tokenHash} by these names, and keep {@code createdMs} and
 * {@code activeMs} (creation and last activity in epoch milliseconds) beside them, which Lua can
 * compare, for the timeout sweep.
 */
final class ConversationFields {
    private ConversationFields() {
    }

    /** Field/value pairs, as HSET takes them. */
    static List<String> flatten(Conversation c) {
        List<String> out = new ArrayList<>(24);
        put(out, "id", c.id());
        put(out, "channel", c.channel().wire());
        put(out, "lang", c.lang());
        put(out, "state", c.state().name());
        put(out, "createdAt", c.createdAt());
        put(out, "assignedAt", c.assignedAt());
        put(out, "lastActivityAt", c.lastActivityAt());
        put(out, "tokenHash", c.tokenHash());
        put(out, "advocate", c.advocate());
        put(out, "advocateName", c.advocateName());
        put(out, "preferredUntil", c.preferredUntil());
        put(out, "contact", c.contact());
        if (c.referred() != null) {
            put(out, "referredFrom", c.referred().fromProgram());
            put(out, "shared", c.referred().shared().wire());
        }
        put(out, "createdMs", c.createdAt().toEpochMilli());
        put(out, "activeMs", c.lastActivityAt().toEpochMilli());
        return out;
    }

    /** From a flat field/value list as HGETALL returns it inside a script; null when empty. */
    static Conversation fromFlat(List<?> flat) {
        if (flat == null || flat.isEmpty()) return null;
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) m.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        return fromMap(m);
    }

    static Conversation fromMap(Map<String, String> m) {
        if (m == null || m.isEmpty() || m.get("id") == null) return null;
        return new Conversation(
                m.get("id"),
                Channel.fromWire(m.get("channel")),
                m.get("lang"),
                ConversationState.valueOf(m.get("state")),
                instant(m.get("createdAt")),
                instant(m.get("assignedAt")),
                instant(m.get("lastActivityAt")),
                m.get("tokenHash"),
                m.get("advocate"),
                m.get("advocateName"),
                instant(m.get("preferredUntil")),
                m.get("contact"),
                m.get("referredFrom") == null ? null
                        : new Referred(m.get("referredFrom"), Referred.Shared.fromWire(m.get("shared"))));
    }

    private static void put(List<String> out, String field, Object value) {
        if (value == null) return;
        out.add(field);
        out.add(value.toString());
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
