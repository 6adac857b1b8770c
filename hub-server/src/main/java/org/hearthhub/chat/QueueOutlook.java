package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.Shift;

import java.time.Clock;
import java.util.List;

/** The queue as others see it: the wait estimate for a place in line, the public outlook, the consoles' snapshot. */
final class QueueOutlook {
    private final LiveStore live;
    private final Clock clock;

    QueueOutlook(LiveStore live, Clock clock) {
        this.live = live;
        this.clock = clock;
    }

    /** The wait estimate for a place in line, or null for none (position 0: not queued). */
    Future<Long> estimateSeconds(int position) {
        if (position == 0) return Future.succeededFuture(null);
        return Future.all(live.shifts(), live.recentWaits()).map(all -> {
            List<Shift> shifts = all.resultAt(0);
            return WaitEstimator.estimateSeconds(position, shifts.size(), all.resultAt(1));
        });
    }

    /** For the public status: read as counts, since every widget load asks. */
    Future<ConversationService.Outlook> outlook() {
        return live.counts().compose(n -> estimateSeconds(n.queued() + 1).map(e -> new ConversationService.Outlook(n.queued(), e)));
    }

    Future<QueueSnapshot> snapshot() {
        return Future.all(live.queue(), live.shifts(), live.recentWaits())
                .map(all -> new QueueSnapshot(all.resultAt(0), all.resultAt(1), all.resultAt(2), clock.instant()));
    }
}
