package org.hearthhub.referral;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Referred;
import org.hearthhub.sharing.Sharing;

import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A consented warm referral carried out: the chat starts again in the partner program's queue with only what the
 * survivor let travel, both programs' sharing registers record it (no content, no conversation, no contact), and
 * the first chat ends as {@code referred}, purged like any ended chat.
 */
final class ReferralMove {
    private static final Logger LOG = Logger.getLogger(ReferralMove.class.getName());

    private final HostedPrograms programs;

    ReferralMove(HostedPrograms programs) {
        this.programs = programs;
    }

    Future<WarmReferrals.Moved> accept(HostedProgram from, ReferralOffer offer, Referred.Shared shared, WarmReferrals.Arrival arrival) {
        HostedProgram to = programs.named(offer.toProgram()).orElse(null);
        if (to == null) return Future.failedFuture(new Refusal(ErrorCode.UNAVAILABLE));
        ConversationService first = from.conversations();
        return first.conversation(offer.conversation()).compose(c -> {
            // Ended or passed to a colleague meanwhile: the offer went with it.
            if (c == null || !c.isActive() || !offer.advocate().equals(c.advocate())) {
                return Future.failedFuture(Refusal.notFound("error.referral.unknown"));
            }
            Future<List<ChatMessage>> carried = shared == Referred.Shared.TRANSCRIPT
                    ? first.messagesAfter(c.id(), 0) : Future.succeededFuture(List.of());
            Referred referred = new Referred(from.program().name(), shared);
            String id = ConversationService.newConversationId();
            return carried.compose(messages -> arrive(to, id, arrival,
                            () -> to.conversations().startReferred(id, c.channel(), c.lang(), c.contact(), referred, messages)))
                    .compose(started -> leftFirst(first, c, offer, to, id, arrival).map(started))
                    .compose(started -> recorded(from, to, offer, shared).map(v -> {
                        WarmReferrals.publish(from, offer, "accepted", null);
                        return new WarmReferrals.Moved(to.id().value(), started.token(), started.conversation().id(),
                                offer.agency(), started.position(), started.estimatedWaitSeconds());
                    }));
        });
    }

    /**
     * The first chat ended as referred, only if its advocate still holds it: ended (a safety exit, a block) or passed
     * on since it was looked at, its copy queued in the partner program is taken back and the move fails, as if it had
     * ended first.
     */
    private static Future<Void> leftFirst(ConversationService first, Conversation c, ReferralOffer offer, HostedProgram to,
                                          String copy, WarmReferrals.Arrival arrival) {
        return first.endHeld(c.id(), offer.advocate(), EndReason.REFERRED, Actor.Party.SURVIVOR).compose(ended -> ended != null
                ? Future.succeededFuture()
                : withdrawn(to, copy, arrival).compose(v -> Future.failedFuture(Refusal.notFound("error.referral.unknown"))));
    }

    /** The partner's copy of a chat that ended here before it could move, and what its channel stored there, gone again. */
    private static Future<Void> withdrawn(HostedProgram to, String id, WarmReferrals.Arrival arrival) {
        return to.conversations().withdraw(id).compose(v -> arrival.undo(to.id().value(), id)).recover(e -> {
            LOG.log(Level.WARNING, "a warm referral's arrival was not taken back: " + e.getClass().getSimpleName());
            return Future.succeededFuture();
        });
    }

    /**
     * The chat queued in the partner program as {@code id}, once what its channel needs there is stored: an advocate
     * there may take it the moment it is queued. If it never got into the queue, what was stored is removed again; if
     * that cannot be told or done, it stays until the expiry the channel gave it.
     */
    private static Future<ConversationService.Started> arrive(HostedProgram to, String id, WarmReferrals.Arrival arrival,
                                                              Supplier<Future<ConversationService.Started>> start) {
        String there = to.id().value();
        return arrival.prepare(there, id).compose(v -> start.get()).recover(e -> to.live().conversation(id)
                .compose(queued -> queued != null ? Future.succeededFuture() : arrival.undo(there, id))
                .transform(undone -> {
                    if (undone.failed()) LOG.log(Level.WARNING, "a failed warm referral's arrival was not undone: "
                            + undone.cause().getClass().getSimpleName());
                    return Future.<ConversationService.Started>failedFuture(e);
                }));
    }

    /** One line in each program's register; a register that cannot write is logged, and the survivor still moves. */
    private static Future<Void> recorded(HostedProgram from, HostedProgram to, ReferralOffer offer, Referred.Shared shared) {
        Sharing line = Sharing.transfer(from.id().value(), to.id().value(), offer.agency(),
                Sharing.Categories.valueOf(shared.name()), offer.advocate());
        List<Future<?>> written = List.of(from.register().record(line), to.register().record(line));
        written.forEach(f -> f.onFailure(e -> LOG.log(Level.WARNING, "a warm referral moved but a sharing register did not record it: "
                + e.getClass().getSimpleName())));
        return Future.join(written).transform(all -> Future.succeededFuture());
    }
}
