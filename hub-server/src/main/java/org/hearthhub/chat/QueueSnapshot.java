package org.hearthhub.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The queue, the shifts and recent waits at one moment; answers positions, estimates and routing. */
public record QueueSnapshot(List<Conversation> queued, List<Shift> shifts, List<Long> recentWaits, Instant at) {

    /** 1-based position, or 0 when not queued. */
    public int position(String conversationId) {
        for (int i = 0; i < queued.size(); i++) {
            if (queued.get(i).id().equals(conversationId)) return i + 1;
        }
        return 0;
    }

    public Long estimateSeconds(int position) {
        return position == 0 ? null : WaitEstimator.estimateSeconds(position, shifts.size(), recentWaits);
    }

    /**
     * Language-aware routing: during its preferred window a conversation is offered only to advocates
     * who speak its language, unless nobody on shift does.
     */
    public boolean offeredTo(Conversation c, Shift advocate) {
        if (advocate.speaks(c.lang()) || c.preferredUntil() == null || !at.isBefore(c.preferredUntil())) return true;
        return shifts.stream().noneMatch(s -> s.speaks(c.lang()));
    }

    public List<Conversation> offeredTo(Shift advocate) {
        List<Conversation> out = new ArrayList<>();
        for (Conversation c : queued) {
            if (offeredTo(c, advocate)) out.add(c);
        }
        return out;
    }

    public long waitingSeconds(Conversation c) {
        return Math.max(0, Duration.between(c.createdAt(), at).getSeconds());
    }
}
