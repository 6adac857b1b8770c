package org.hearthhub.ws;

import io.vertx.core.Vertx;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.chat.ConversationService;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pushes queue positions to waiting survivors and the queue to advocates on shift. Changes that come
 * in a burst are coalesced into one push a short moment later, so a surge costs one snapshot per
 * interval rather than one per change per socket.
 */
final class QueueBroadcaster {
    private final Vertx vertx;
    private final ConversationService conversations;
    private final long coalesceMillis;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private SocketDirectory directory;

    QueueBroadcaster(Vertx vertx, ConversationService conversations, long coalesceMillis) {
        this.vertx = vertx;
        this.conversations = conversations;
        this.coalesceMillis = coalesceMillis;
    }

    void attach(SocketDirectory directory) {
        this.directory = directory;
    }

    void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            vertx.setTimer(coalesceMillis, id -> {
                scheduled.set(false);
                push();
            });
        }
    }

    private void push() {
        conversations.snapshot().onSuccess(q -> {
            Map<String, Integer> positions = new HashMap<>();
            List<QueuedConversation> queued = q.queued();
            for (int i = 0; i < queued.size(); i++) positions.put(queued.get(i).id(), i + 1);
            for (SurvivorSocket s : directory.survivors()) {
                String id = s.conversation();
                Integer position = id == null ? null : positions.get(id);
                if (position != null) s.onQueuePosition(position, q.estimateSeconds(position));
            }
            QueueViews views = new QueueViews(q);
            for (AdvocateSocket a : directory.advocates()) a.onQueue(views);
        });
    }

}
