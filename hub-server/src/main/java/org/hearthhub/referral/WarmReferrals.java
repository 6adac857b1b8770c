package org.hearthhub.referral;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.actor.Actor;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Referred;
import org.hearthhub.settings.Partner;
import org.hearthhub.util.Ids;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Warm referrals between programs on this hub, with the survivor's consent (docs/coalition.md, "Warm referrals"):
 * the advocate holding a chat proposes a partner program from the directory; the survivor is told which agency,
 * why, whether it is open and staffed, and chooses what travels (nothing, or the conversation so far); nothing
 * moves without that answer. On consent the chat goes on in the partner's queue, ahead of its new arrivals, and
 * the sharing is recorded in both programs' registers ({@link ReferralMove}). Offers live in the sending
 * program's live store only, one per conversation, and go when answered, withdrawn (the chat ended or was
 * transferred) or {@link #OFFER_LIFETIME} after they were made.
 */
public final class WarmReferrals {
    private static final Logger LOG = Logger.getLogger(WarmReferrals.class.getName());
    public static final Duration OFFER_LIFETIME = Duration.ofMinutes(10);
    public static final int MAX_REASON = 300;
    /** Proposals one conversation may get per {@link #OFFER_LIFETIME}: declining must end the asking. */
    static final int PROPOSALS_PER_WINDOW = 3;
    private static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern OFFER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Plain text the survivor reads: no markup, no control characters (a newline included). */
    private static final Pattern PLAIN = Pattern.compile("[^<>\\p{Cc}]+");

    private final Vertx vertx;
    private final HostedPrograms programs;
    private final ReferralMove move;
    private final Clock clock;

    public WarmReferrals(Vertx vertx, HostedPrograms programs, Clock clock) {
        this.vertx = vertx;
        this.programs = programs;
        this.move = new ReferralMove(programs);
        this.clock = clock;
        programs.whenOpened(p -> p.live().subscribe(e -> withdrawIfGone(p, e)));
    }

    /** What the survivor who accepted is told: where their chat went, with a resume token for it there (web). */
    public record Moved(String program, String token, String conversation, String agency, int position, Long estimatedWaitSeconds) {
        public boolean staffed() {
            return estimatedWaitSeconds != null;
        }
    }

    /**
     * What the survivor's channel needs beside a moved chat in the partner program, stored before the chat can be seen
     * in the partner's queue: an advocate there may take it at once, and what is then sent must already know it (a
     * texter is answered from the number they texted, docs/sms.md). The web needs nothing ({@link #NONE}).
     */
    public interface Arrival {
        Arrival NONE = new Arrival() {
            @Override
            public Future<Void> prepare(String program, String conversation) {
                return Future.succeededFuture();
            }

            @Override
            public Future<Void> undo(String program, String conversation) {
                return Future.succeededFuture();
            }
        };

        /** Stores what chat {@code conversation} will need in {@code program} before it is queued there; failing stops the move. */
        Future<Void> prepare(String program, String conversation);

        /** The move failed before the chat was queued in {@code program} (or {@link #prepare} failed half-way): removes what it stored. */
        Future<Void> undo(String program, String conversation);

        /**
         * The consented move to {@code agency} failed, for whatever reason, after the offer was taken (the advocate has
         * been told): a channel that cannot see the failure in the answer itself (a texter) may tell its survivor. The
         * web survivor gets the failed answer, so nothing by default.
         */
        default void failed(String agency) {
        }
    }

    /** The referrals of one program, as its sockets use them. */
    public ProgramReferrals of(HostedProgram program) {
        return new ProgramReferrals(this, program);
    }

    /** {@link WarmReferrals} bound to the program a socket serves. */
    public record ProgramReferrals(WarmReferrals referrals, HostedProgram program) {
        public Future<Void> propose(String username, String conversationId, String partnerId, String reason) {
            return referrals.propose(program, username, conversationId, partnerId, reason);
        }

        public Future<Moved> answer(String conversationId, String offerId, Object accept, String share) {
            return answer(conversationId, offerId, accept, share, Arrival.NONE);
        }

        /** The same, storing what {@code arrival} needs in the partner program before the moved chat is queued there. */
        public Future<Moved> answer(String conversationId, String offerId, Object accept, String share, Arrival arrival) {
            return referrals.answer(program, conversationId, offerId, accept, share, arrival);
        }

        public Future<JsonObject> pendingFrame(String conversationId) {
            return referrals.pendingFrame(program, conversationId);
        }

        /** The id of the offer waiting in this chat, or null. */
        public Future<String> pendingOffer(String conversationId) {
            return referrals.pending(program, conversationId).map(offer -> offer == null ? null : offer.id());
        }
    }

    // ---------------------------------------------------------------- the advocate proposes

    /**
     * Offers the survivor of a chat the advocate holds a move to a partner program. The advocate hears of it (and
     * of the answer) as a {@code referral} frame through {@link LiveEvent.ReferralNews}.
     */
    public Future<Void> propose(HostedProgram from, String username, String conversationId, String partnerId, String reason) {
        if (partnerId == null || !PARTNER_ID.matcher(partnerId).matches()) return Future.failedFuture(Refusal.badRequest("error.referral.partner"));
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON || !PLAIN.matcher(why).matches()) {
            return Future.failedFuture(Refusal.badRequest("error.referral.reason"));
        }
        ConversationService conversations = from.conversations();
        return conversations.held(username, conversationId).compose(c -> c.channel() == Channel.PHONE
                ? Future.failedFuture(Refusal.badRequest("error.referral.phone"))
                // The program's own entries and those it adopted from the coalition's directory alike.
                : from.partners().find(partnerId).compose(found -> proposeTo(found.orElse(null), from, username, c, why)));
    }

    /** Checks that the partner is a program on this hub, other than this one, and that no offer already waits. */
    private Future<Void> proposeTo(Partner partner, HostedProgram from, String username, Conversation c, String why) {
        if (partner == null) return Future.failedFuture(Refusal.notFound("error.partner.unknown"));
        if (!partner.onHub()) return Future.failedFuture(Refusal.badRequest("error.referral.outside"));
        if (partner.program().equals(from.id().value())) return Future.failedFuture(Refusal.badRequest("error.referral.self"));
        HostedProgram to = programs.named(partner.program()).orElse(null);
        if (to == null) return Future.failedFuture(Refusal.badRequest("error.referral.not_hosted"));
        return from.live().peek(pendingKey(c.id())).compose(pending -> pending != null
                ? Future.failedFuture(new Refusal(ErrorCode.CONFLICT, "error.referral.pending"))
                : from.live().increment("rl:referral:" + c.id(), OFFER_LIFETIME)).compose(n -> n > PROPOSALS_PER_WINDOW
                ? Future.failedFuture(new Refusal(ErrorCode.RATE_LIMITED, "error.referral.too_many"))
                : offer(from, to, c, partner, username, why));
    }

    private Future<Void> offer(HostedProgram from, HostedProgram to, Conversation c, Partner partner, String username, String reason) {
        Future<Boolean> open = to.conversations().opening().openNow();
        Future<ConversationService.Outlook> outlook = to.conversations().outlook();
        return Future.all(open, outlook).compose(all -> {
            boolean isOpen = open.result();
            boolean staffed = isOpen && outlook.result().staffed();
            String id = Ids.random(24);
            JsonObject toSurvivor = new JsonObject().put("type", "referral.offer").put("offer", id).put("agency", partner.name())
                    .put("services", new JsonArray(partner.services())).put("reason", reason).put("open", isOpen).put("staffed", staffed);
            if (!isOpen) to.conversations().opening().reopening().ifPresent(r -> r.into(toSurvivor));
            Instant expires = clock.instant().plus(OFFER_LIFETIME);
            ReferralOffer offer = new ReferralOffer(id, c.id(), to.id().value(), partner.id(), partner.name(), username, expires, toSurvivor);
            // The pending mark is claimed first, so two proposals at once (two tabs, two nodes) make one offer.
            return from.live().putIfAbsent(pendingKey(c.id()), id, keptFor()).compose(held -> !id.equals(held)
                    ? Future.failedFuture(new Refusal(ErrorCode.CONFLICT, "error.referral.pending"))
                    : from.live().putExpiring(offerKey(id), offer.encode(), keptFor())).map(v -> {
                        vertx.setTimer(OFFER_LIFETIME.toMillis(), t -> expire(from, offer));
                        JsonObject toAdvocate = advocateFrame(offer, "offered").put("open", isOpen).put("staffed", staffed);
                        from.live().publish(new LiveEvent.ReferralNews(c.id(), username, toSurvivor.encode(), toAdvocate.encode()));
                        from.audit().record(Actor.staff(username), "referral.propose", c.channel().wire(), "to=" + to.id().value())
                                .onFailure(e -> LOG.log(Level.WARNING, "audit entry not written: " + e.getClass().getSimpleName()));
                        return null;
                    });
        });
    }

    // ---------------------------------------------------------------- the survivor answers

    /**
     * The survivor's answer to their own chat's offer. Declining leaves the chat exactly as it was (null); accepting
     * moves it ({@link Moved}). An offer of another chat, an unknown, expired or answered one is {@code not_found},
     * and nothing moves.
     *
     * @param share   {@code none} or {@code transcript}; required when accepting
     * @param arrival what the survivor's channel stores in the partner program before the chat is queued there
     */
    public Future<Moved> answer(HostedProgram from, String conversationId, String offerId, Object accept, String share, Arrival arrival) {
        if (offerId == null || !OFFER_ID.matcher(offerId).matches() || !(accept instanceof Boolean yes)) {
            return Future.failedFuture(Refusal.badRequest("error.referral.answer"));
        }
        Referred.Shared shared = Referred.Shared.fromWire(share);
        if (yes && shared == null) return Future.failedFuture(Refusal.badRequest("error.referral.answer"));
        if (conversationId == null) return Future.failedFuture(Refusal.notFound("error.referral.unknown"));
        return claim(from, conversationId, offerId).compose(offer -> {
            if (!yes) {
                publish(from, offer, "declined", "declined");
                return Future.succeededFuture(null);
            }
            return move.accept(from, offer, shared, arrival).recover(e -> {
                if (!(e instanceof Refusal)) LOG.log(Level.WARNING, "a consented warm referral could not move: " + e.getClass().getSimpleName());
                publish(from, offer, "failed", null);
                arrival.failed(offer.agency());
                return Future.failedFuture(e);
            });
        });
    }

    /** Takes this chat's pending offer if it is {@code offerId} (one answer only, across nodes); {@code not_found} otherwise. */
    private Future<ReferralOffer> claim(HostedProgram from, String conversationId, String offerId) {
        Refusal unknown = Refusal.notFound("error.referral.unknown");
        return from.live().peek(pendingKey(conversationId)).compose(pending -> !offerId.equals(pending)
                ? Future.failedFuture(unknown)
                : from.live().take(pendingKey(conversationId))).compose(taken -> !offerId.equals(taken)
                ? Future.failedFuture(unknown)
                : from.live().take(offerKey(offerId))).compose(text -> {
                    ReferralOffer offer = ReferralOffer.decode(text);
                    if (offer == null || !offer.conversation().equals(conversationId) || !clock.instant().isBefore(offer.expiresAt())) {
                        return Future.failedFuture(unknown);
                    }
                    return Future.succeededFuture(offer);
                });
    }

    /** The offer this chat's survivor has not answered yet, or null: shown again when they reconnect. */
    public Future<ReferralOffer> pending(HostedProgram from, String conversationId) {
        return from.live().peek(pendingKey(conversationId))
                .compose(id -> id == null ? Future.succeededFuture(null) : from.live().peek(offerKey(id)))
                .map(ReferralOffer::decode)
                .map(offer -> offer != null && offer.conversation().equals(conversationId) && clock.instant().isBefore(offer.expiresAt())
                        ? offer : null);
    }

    /** The survivor frame of the offer pending in this chat, or null. */
    public Future<JsonObject> pendingFrame(HostedProgram from, String conversationId) {
        return pending(from, conversationId).map(offer -> offer == null ? null : offer.survivorFrame());
    }

    // ---------------------------------------------------------------- offers that go unanswered

    private void expire(HostedProgram from, ReferralOffer offer) {
        withdraw(from, offer.conversation(), offer.id(), "expired")
                .onFailure(e -> LOG.log(Level.FINE, "an expired referral offer was not withdrawn: " + e.getClass().getSimpleName()));
    }

    /** A chat that ended (but by this referral) or moved to another advocate takes its offer with it. */
    private void withdrawIfGone(HostedProgram from, LiveEvent event) {
        String conversation = event instanceof LiveEvent.Ended e && e.reason() != EndReason.REFERRED ? e.conversation()
                : event instanceof LiveEvent.Transferred t ? t.conversation() : null;
        if (conversation == null) return;
        withdraw(from, conversation, null, "withdrawn")
                .onFailure(e -> LOG.log(Level.FINE, "a referral offer was not withdrawn: " + e.getClass().getSimpleName()));
    }

    /** Removes the chat's pending offer ({@code offerId}'s only, when given), and tells both sides. */
    private Future<Void> withdraw(HostedProgram from, String conversationId, String offerId, String state) {
        return from.live().peek(pendingKey(conversationId)).compose(pending -> pending == null || offerId != null && !offerId.equals(pending)
                ? Future.succeededFuture(null)
                : from.live().take(pendingKey(conversationId))).compose(taken -> taken == null
                ? Future.succeededFuture(null)
                : from.live().take(offerKey(taken))).map(text -> {
                    ReferralOffer offer = ReferralOffer.decode(text);
                    if (offer != null) publish(from, offer, state, state);
                    return null;
                });
    }

    // ---------------------------------------------------------------- frames

    /** Tells the advocate (and, with {@code survivorState}, the survivor) what became of the offer. */
    static void publish(HostedProgram from, ReferralOffer offer, String advocateState, String survivorState) {
        String toSurvivor = survivorState == null ? null
                : new JsonObject().put("type", "referral.closed").put("offer", offer.id()).put("state", survivorState).encode();
        from.live().publish(new LiveEvent.ReferralNews(offer.conversation(), offer.advocate(), toSurvivor,
                advocateFrame(offer, advocateState).encode()));
    }

    static JsonObject advocateFrame(ReferralOffer offer, String state) {
        return new JsonObject().put("type", "referral").put("conversation", offer.conversation()).put("state", state)
                .put("partner", offer.partner()).put("agency", offer.agency());
    }

    static String pendingKey(String conversationId) {
        return "referral:pending:" + conversationId;
    }

    static String offerKey(String offerId) {
        return "referral:offer:" + offerId;
    }

    /** Kept a minute past the lifetime, so the expiry timer finds the offer to withdraw and tell of. */
    private static Duration keptFor() {
        return OFFER_LIFETIME.plusMinutes(1);
    }
}
