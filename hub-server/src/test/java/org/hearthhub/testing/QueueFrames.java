package org.hearthhub.testing;

import io.vertx.core.json.JsonObject;

/** Reading an advocate's {@code queue} frames: one conversation's entry, and whether it is marked away. */
public final class QueueFrames {
    private QueueFrames() {
    }

    /** This conversation's entry in a queue frame, or null when it is not listed. */
    public static JsonObject entry(JsonObject queue, String conversation) {
        return queue.getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(i -> conversation.equals(i.getString("conversation"))).findFirst().orElse(null);
    }

    public static boolean away(JsonObject entry) {
        return entry.getBoolean("away", false);
    }

    /** Whether the queue frame lists this conversation with this away mark. */
    public static boolean listed(JsonObject queue, String conversation, boolean away) {
        JsonObject entry = entry(queue, conversation);
        return entry != null && away(entry) == away;
    }

    /** Waits for a queue frame listing this conversation with this away mark; returns its entry. */
    public static JsonObject awaitListed(WsClient advocate, String conversation, boolean away) {
        return entry(advocate.awaitMatching("queue", q -> listed(q, conversation, away)), conversation);
    }
}
