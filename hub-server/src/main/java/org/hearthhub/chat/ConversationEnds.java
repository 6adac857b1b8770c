package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;
import org.hearthhub.stats.DailyStatistics;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ending every side shares: the store's ending step (which purges the conversation), with its reason kept a while
 * ({@link RecentEnds}), then what follows an end: a web survivor's "did this help?" ticket, the {@link LiveEvent.Ended}
 * event, the day's count and, for a staff end, the audit entry.
 */
final class ConversationEnds {
    // The service's logger name, so operators' log filters keep finding these lines.
    private static final Logger LOG = Logger.getLogger(ConversationService.class.getName());

    private final LiveStore live;
    private final DailyStatistics stats;
    private final AuditLog audit;
    private final Clock clock;
    private final ConversationMeter meter;
    private final FeedbackTickets feedback;
    private final RecentEnds recentEnds;

    ConversationEnds(LiveStore live, DailyStatistics stats, AuditLog audit, Clock clock, ConversationMeter meter,
                     FeedbackTickets feedback) {
        this.live = live;
        this.stats = stats;
        this.audit = audit;
        this.clock = clock;
        this.meter = meter;
        this.feedback = feedback;
        this.recentEnds = new RecentEnds(live);
    }

    /**
     * Ends and purges a conversation, then counts it and records who ended it. Returns null when it
     * was no longer live (ending twice is harmless).
     */
    Future<Conversation> end(String conversationId, EndReason reason, Actor actor) {
        return endBy(conversationId, reason, actor, now -> live.end(conversationId, now));
    }

    /** {@link #end}, only while {@code advocate} holds the conversation (in one step with the check); null otherwise. */
    Future<Conversation> endHeld(String conversationId, String advocate, EndReason reason, Actor actor) {
        return endBy(conversationId, reason, actor, now -> live.endIfHeldBy(conversationId, advocate, now));
    }

    /** {@link #end}, only while the conversation is queued or {@code advocate} holds it (in one step with the check); null otherwise. */
    Future<Conversation> endQueuedOrHeld(String conversationId, String advocate, EndReason reason, Actor actor) {
        return endBy(conversationId, reason, actor, now -> live.endIfQueuedOrHeldBy(conversationId, advocate, now));
    }

    /** The store's ending {@code step} (null: nothing ended) with its reason kept ({@link RecentEnds}), then what follows an end. */
    private Future<Conversation> endBy(String conversationId, EndReason reason, Actor actor,
                                       Function<Instant, Future<Conversation>> step) {
        Instant now = clock.instant();
        return recentEnds.around(conversationId, reason, () -> step.apply(now)).compose(c -> ended(c, reason, actor, now));
    }

    /** Why a conversation ended, for two minutes after; null when that is not known (never ended, or long ago). */
    Future<EndReason> recentEnd(String conversationId) {
        return recentEnds.of(conversationId);
    }

    /**
     * Takes back a conversation that was never meant to go on: a warm referral's arrival here whose first chat ended
     * meanwhile. Gone as any ended chat is, and let go by any console that took it in that moment; not a chat in
     * this program's statistics, and no "did this help?" ticket.
     */
    Future<Void> withdraw(String conversationId) {
        return recentEnds.around(conversationId, EndReason.REFERRED, () -> live.end(conversationId, clock.instant())).map(c -> {
            if (c == null) return null;
            meter.ended(EndReason.REFERRED);
            live.publish(new LiveEvent.Ended(c.id(), EndReason.REFERRED, c.advocate(), null));
            if (c.isQueued()) live.publish(new LiveEvent.QueueChanged());
            return null;
        });
    }

    private Future<Conversation> ended(Conversation c, EndReason reason, Actor actor, Instant now) {
        if (c == null) return Future.succeededFuture(null);
        Future<String> ticket = c.channel() == Channel.WEB ? feedback.issue() : Future.succeededFuture();
        return ticket.map(t -> {
            meter.ended(reason);
            live.publish(new LiveEvent.Ended(c.id(), reason, c.advocate(), t));
            if (c.isQueued()) live.publish(new LiveEvent.QueueChanged());
            // Records are best effort: a failed stats or audit write must not keep a conversation alive.
            stats.recordEnded(c, reason, now).onFailure(e -> LOG.log(Level.WARNING, "statistics not recorded: " + e.getClass().getSimpleName()));
            // Only staff actions are audited: a survivor's own end, a quick exit or a timeout leaves nothing.
            if (reason.byStaff()) {
                audit.record(actor, "conversation.end", c.channel().wire(), reason.wire())
                        .onFailure(e -> LOG.log(Level.WARNING, "audit entry not written: " + e.getClass().getSimpleName()));
            }
            return c;
        });
    }
}
