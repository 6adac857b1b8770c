package org.hearthhub.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.model.Shift;

/** The queue, the shifts and recent waits at one moment; answers positions, estimates and routing. */
public record QueueSnapshot(List<QueuedConversation> queued, List<Shift> shifts, List<Long> recentWaits, Instant at) {

    public Long estimateSeconds(int position) {
        return position == 0 ? null : WaitEstimator.estimateSeconds(position, shifts.size(), recentWaits);
    }

    /**
     * Language-aware routing: during its preferred window a conversation is offered only to advocates
     * who speak its language, unless nobody on shift does.
     */
    public boolean offeredTo(QueuedConversation c, Shift advocate) {
        return offered(c, advocate, shifts, at);
    }

    /** The routing rule on its own, for one conversation and the advocates on shift at {@code at}. */
    public static boolean offered(QueuedConversation c, Shift advocate, List<Shift> onShift, Instant at) {
        if (advocate.speaks(c.lang()) || c.preferredUntil() == null || !at.isBefore(c.preferredUntil())) return true;
        return onShift.stream().noneMatch(s -> s.speaks(c.lang()));
    }

    public List<QueuedConversation> offeredTo(Shift advocate) {
        List<QueuedConversation> out = new ArrayList<>();
        for (QueuedConversation c : queued) {
            if (offeredTo(c, advocate)) out.add(c);
        }
        return out;
    }

    public long waitingSeconds(QueuedConversation c) {
        return Math.max(0, Duration.between(c.createdAt(), at).getSeconds());
    }
}
