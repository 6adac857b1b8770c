package org.hearthhub.ws;

import io.vertx.core.Vertx;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.chat.QueueSnapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Pushes queue positions to waiting survivors and the queue to advocates on shift. Changes that come
 * in a burst are coalesced into one push a short moment later, so a surge costs one snapshot per
 * interval rather than one per change per socket. Consoles get the queue within the interval (an
 * advocate acts on it); waiting survivors at most every {@value #SURVIVOR_FACTOR} intervals (a second by
 * default), because each push to them is one frame per waiting survivor: in a surge of thousands, every
 * round of accepts would otherwise move every place in line and cost a frame to each of them.
 */
final class QueueBroadcaster {
    static final int SURVIVOR_FACTOR = 20;

    private final Vertx vertx;
    private final ConversationService conversations;
    private final long coalesceMillis;
    private final AtomicBoolean consolesDue = new AtomicBoolean();
    private final AtomicBoolean survivorsDue = new AtomicBoolean();
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
        coalesce(consolesDue, coalesceMillis, this::pushToConsoles);
        coalesce(survivorsDue, coalesceMillis * SURVIVOR_FACTOR, this::pushToSurvivors);
    }

    /** One push {@code millis} from now unless one is already due: the changes until then ride on it. */
    private void coalesce(AtomicBoolean due, long millis, Consumer<QueueSnapshot> push) {
        if (!due.compareAndSet(false, true)) return;
        vertx.setTimer(millis, id -> {
            due.set(false);
            conversations.snapshot().onSuccess(push::accept);
        });
    }

    private void pushToSurvivors(QueueSnapshot q) {
        Map<String, Integer> positions = new HashMap<>();
        List<QueuedConversation> queued = q.queued();
        for (int i = 0; i < queued.size(); i++) positions.put(queued.get(i).id(), i + 1);
        for (SurvivorSocket s : directory.survivors()) {
            String id = s.conversation();
            Integer position = id == null ? null : positions.get(id);
            if (position != null) s.onQueuePosition(position, q.estimateSeconds(position));
        }
    }

    private void pushToConsoles(QueueSnapshot q) {
        QueueViews views = new QueueViews(q);
        for (AdvocateSocket a : directory.advocates()) a.onQueue(views);
    }
}
