package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.config.HubConfig;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.Shift;

import java.time.Clock;
import java.util.List;

/** Who is on shift, with what capacity and languages: an advocate's shift starting and ending, and finding it. */
final class Shifts {
    private final LiveStore live;
    private final AuditLog audit;
    private final HubConfig config;
    private final Clock clock;

    Shifts(LiveStore live, AuditLog audit, HubConfig config, Clock clock) {
        this.live = live;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    Future<Shift> start(String username, String displayName, List<String> languages, Integer capacity) {
        int cap = capacity == null ? config.queue().defaultCapacity() : capacity;
        if (cap < 1 || cap > config.queue().maxCapacity()) {
            return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.bad_capacity",
                    config.queue().maxCapacity()));
        }
        Shift shift = new Shift(username, displayName, cap, languages, clock.instant());
        return live.putShift(shift)
                .compose(v -> audit.record(Actor.staff(username), "shift.start", username, "capacity=" + cap))
                .map(v -> {
                    live.publish(new LiveEvent.ShiftChanged(username));
                    live.publish(new LiveEvent.QueueChanged());
                    return shift;
                });
    }

    /**
     * Ends the advocate's shift, only while they hold nothing, in one step with that check: a chat accepted from their
     * other console or transferred to them meanwhile is either theirs first (refused, still_holding) or refused
     * itself (not_on_shift), never left with someone off shift, whom nothing reaches.
     */
    Future<Void> end(String username) {
        return live.removeShiftIfIdle(username).compose(removed -> {
            if (!removed) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.still_holding"));
            return audit.record(Actor.staff(username), "shift.end", username, null)
                    .<Void>mapEmpty()
                    .onSuccess(v -> {
                        live.publish(new LiveEvent.ShiftChanged(username));
                        live.publish(new LiveEvent.QueueChanged());
                    });
        });
    }

    /** The advocate's shift, or null when they are not on shift. */
    Future<Shift> of(String username) {
        return live.shifts().map(all -> of(username, all));
    }

    static Shift of(String username, List<Shift> shifts) {
        return shifts.stream().filter(s -> s.username().equals(username)).findFirst().orElse(null);
    }
}
