package org.hearthhub.ws;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.chat.QueueSnapshot;
import org.hearthhub.model.Shift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The advocates' {@code queue} frames for one queue snapshot. An advocate is sent the oldest
 * {@link #LIMIT} conversations offered to them and how many are offered in all ({@code total}), not
 * the whole queue: with thousands waiting, a full list per advocate per change was most of the hub's
 * work (and megabytes per frame) and more than a person can read. What is offered depends only on
 * the languages an advocate speaks, so each frame is built and encoded once per language set and
 * shared by every advocate with that set.
 */
final class QueueViews {
    static final int LIMIT = 50;

    private final QueueSnapshot snapshot;
    private final Map<List<String>, View> byLanguages = new ConcurrentHashMap<>();

    /**
     * @param key     what decides whether an advocate already has this view: the {@link Fingerprint} of the shown
     *                ids, their away marks and the total (a number, so the console keeping it holds no young string)
     * @param encoded the frame, ready to write
     */
    record View(long key, String encoded) {
    }

    QueueViews(QueueSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    View viewFor(Shift shift) {
        return byLanguages.computeIfAbsent(shift.languages(), langs -> build(shift));
    }

    private View build(Shift shift) {
        List<QueuedConversation> shown = new ArrayList<>(Math.min(LIMIT, snapshot.queued().size()));
        int total = 0;
        for (QueuedConversation c : snapshot.queued()) {
            if (!snapshot.offeredTo(c, shift)) continue;
            if (shown.size() < LIMIT) shown.add(c);
            total++;
        }
        JsonArray items = new JsonArray();
        StringBuilder key = new StringBuilder().append(total);
        for (QueuedConversation c : shown) {
            JsonObject item = new JsonObject().put("conversation", c.id()).put("channel", c.channel().wire())
                    .put("lang", c.lang()).put("waitingSeconds", snapshot.waitingSeconds(c));
            // Away: the survivor's connection closed; the place is kept for the grace, in case they come back.
            if (c.isAway()) item.put("away", true).put("awaySince", c.awaySince().toString());
            items.add(Frames.referred(item, c.referred()));
            key.append(',').append(c.id());
            if (c.isAway()) key.append('~');
        }
        return new View(Fingerprint.of(key), FrameJson.encode(Frames.of("queue").put("items", items).put("total", total)));
    }
}
