package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.live.AppendResult;
import org.hearthhub.live.AssignResult;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;
import org.hearthhub.model.Shift;
import org.hearthhub.util.Ids;
import org.hearthhub.util.Settled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What staff do to conversations: accepting one from the queue (a hotline call rings their phone first), answering a
 * call, passing one to a colleague, their messages, referrals and typing in a chat they hold, their ends and blocks.
 * Capacity is the person's across programs ({@link StaffLoad}); a call takes all of it.
 */
final class StaffSide {
    /** The console sends one at a time; a few more let a client send a short list in one message. */
    static final int MAX_REFERRALS_PER_MESSAGE = 5;

    private final LiveStore live;
    private final AuditLog audit;
    private final Clock clock;
    private final ConversationMeter meter;
    /** What each advocate holds in the hub's other programs: capacity is the person's, across programs. */
    private final StaffLoad load;
    private final Shifts shifts;
    private final CallRings rings;
    private final Messages messages;
    private final ConversationEnds ends;

    StaffSide(LiveStore live, AuditLog audit, Clock clock, ConversationMeter meter, StaffLoad load, Shifts shifts,
              CallRings rings, Messages messages, ConversationEnds ends) {
        this.live = live;
        this.audit = audit;
        this.clock = clock;
        this.meter = meter;
        this.load = load;
        this.shifts = shifts;
        this.rings = rings;
        this.messages = messages;
        this.ends = ends;
    }

    Future<ConversationService.Accepted> accept(String username, String conversationId) {
        if (conversationId == null) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
        Future<List<Shift>> onShift = live.shifts();
        Future<Conversation> wanted = live.conversation(conversationId);
        return Future.all(onShift, wanted).compose(all -> {
            Shift shift = Shifts.of(username, onShift.result());
            if (shift == null) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_on_shift"));
            Instant now = clock.instant();
            Conversation queued = wanted.result();
            if (queued != null && queued.isQueued()
                    && !QueueSnapshot.offered(QueuedConversation.of(queued), shift, onShift.result(), now)) {
                return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_offered"));
            }
            if (queued != null && queued.channel() == Channel.PHONE
                    && (queued.isQueued() || username.equals(queued.advocate()))) {
                return load.inTurn(username, elsewhere -> ring(shift, queued, elsewhere));
            }
            return load.inTurn(username, elsewhere -> onCall(username).compose(busy -> busy || elsewhere.onCall()
                    ? Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.on_call"))
                    : assignWithin(conversationId, shift, elsewhere, now)));
        });
    }

    /**
     * Assigns within the person's capacity across programs: their shift's capacity less what they hold in the
     * hub's other programs is the room this program's atomic assign step may fill.
     */
    private Future<ConversationService.Accepted> assignWithin(String conversationId, Shift shift, StaffLoad.Elsewhere elsewhere, Instant now) {
        String full = elsewhere.held() > 0 ? "error.at_capacity_programs" : "error.at_capacity";
        int room = shift.capacity() - elsewhere.held();
        if (room < 1) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, full));
        return assign(conversationId, shift.username(), shift.displayName(), room, now, full);
    }

    private Future<ConversationService.Accepted> assign(String conversationId, String username, String displayName, int capacity, Instant now,
                                    String atCapacityKey) {
        return live.assign(conversationId, username, displayName, capacity, now).compose(r -> switch (r.outcome()) {
            case ASSIGNED -> onAssigned(r.conversation(), username, now);
            case UNKNOWN -> Future.failedFuture(new Refusal(ErrorCode.NOT_FOUND));
            // Their shift ended (from another console) since it was read.
            case NOT_ON_SHIFT -> Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_on_shift"));
            case AT_CAPACITY -> Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, atCapacityKey));
            // Already theirs (their other console was first, or a second click): done, and nobody else took it.
            default -> r.conversation() != null && r.conversation().isActive() && username.equals(r.conversation().advocate())
                    ? live.messagesAfter(conversationId, 0).map(messages -> new ConversationService.Accepted(r.conversation(), messages))
                    : Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.taken"));
        });
    }

    // ---------------------------------------------------------------- hotline calls

    /** True while the advocate holds a call: a call takes their whole capacity while it lasts. */
    private Future<Boolean> onCall(String username) {
        return live.heldBy(username).map(held -> held.stream().anyMatch(c -> c.channel() == Channel.PHONE));
    }

    /**
     * Accepting a queued call rings the advocate's phone ({@link LiveEvent.CallRinging}, placed by the voice
     * channel); the call stays queued, and only one advocate's phone rings for it at a time. The advocate must
     * hold nothing else: a call takes their whole capacity. A call the advocate already holds (transferred to
     * them, or one their phone missed) rings their phone again, replacing any earlier ring.
     */
    private Future<ConversationService.Accepted> ring(Shift shift, Conversation call, StaffLoad.Elsewhere elsewhere) {
        boolean theirs = call.isActive() && shift.username().equals(call.advocate());
        return live.heldBy(shift.username()).compose(held -> {
            if (elsewhere.held() > 0 || held.stream().anyMatch(h -> !h.id().equals(call.id()))) {
                return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.call_needs_capacity"));
            }
            String attempt = Ids.random(12);
            return rings.claim(call.id(), shift.username(), attempt, theirs).compose(ringing -> {
                if (!ringing) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.call_ringing"));
                live.publish(new LiveEvent.CallRinging(call.id(), shift.username(), shift.displayName(), attempt));
                return Future.succeededFuture(new ConversationService.Accepted(call, List.of()));
            });
        });
    }

    /**
     * The advocate whose phone rang for {@code attempt} answered and pressed 1: the call is theirs if it is
     * still queued and they hold nothing else (capacity 1 for this one step). The ring ends either way.
     */
    Future<ConversationService.Accepted> answerCall(String username, String conversationId, String attempt) {
        return rings.isRinging(conversationId, username, attempt).compose(held -> {
            if (!held) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.taken"));
            return Future.all(shifts.of(username), live.conversation(conversationId)).compose(all -> {
                Shift shift = all.resultAt(0);
                Conversation c = all.resultAt(1);
                if (shift == null) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_on_shift"));
                // Transferred to them (or rung again): already theirs, nothing to assign.
                if (c != null && c.isActive() && username.equals(c.advocate())) return Future.succeededFuture(new ConversationService.Accepted(c, List.of()));
                // A call takes the whole capacity: nothing else held in this program (capacity 1) nor in any other.
                return load.inTurn(username, elsewhere -> elsewhere.held() > 0
                        ? Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.call_needs_capacity"))
                        : assign(conversationId, username, shift.displayName(), 1, clock.instant(), "error.at_capacity"));
            });
        }).eventually(() -> rings.end(conversationId, username, attempt));
    }

    private Future<ConversationService.Accepted> onAssigned(Conversation c, String username, Instant now) {
        Duration wait = Duration.between(c.createdAt(), now);
        long waited = wait.getSeconds();
        meter.waited(wait);
        live.publish(new LiveEvent.Assigned(c.id(), username, c.advocateName()));
        live.publish(new LiveEvent.QueueChanged());
        return live.recordWait(waited)
                .compose(v -> audit.record(Actor.staff(username), "conversation.accept", c.channel().wire(), null))
                .compose(v -> live.messagesAfter(c.id(), 0))
                .map(messages -> new ConversationService.Accepted(c, messages));
    }

    // ---------------------------------------------------------------- in a chat they hold

    Future<AppendResult> message(String username, String conversationId, String clientId, String text) {
        Refusal invalid = Messages.validateText(text, clientId);
        if (invalid != null) return Future.failedFuture(invalid);
        return Settled.then(held(username, conversationId), c -> c.channel() == Channel.PHONE
                ? Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.phone_call"))
                : messages.append(c.id(), Sender.ADVOCATE, clientId, text));
    }

    /**
     * Referrals an advocate sends as items: each must keep the rules of the lead's referral form, so
     * that the survivor's links can only be phone numbers and http(s) addresses. The hub writes the
     * message's text itself (the same referrals as plain lines), for SMS and for clients without items.
     */
    Future<AppendResult> referrals(String username, String conversationId, String clientId, List<Referral> referrals) {
        if (clientId == null || !Messages.validClientId(clientId) || referrals.isEmpty()) {
            return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
        }
        if (referrals.size() > MAX_REFERRALS_PER_MESSAGE) return Future.failedFuture(new Refusal(ErrorCode.TOO_LARGE));
        if (!referrals.stream().allMatch(Referral::keepsRules)) {
            return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.referral"));
        }
        return held(username, conversationId).compose(c -> {
            String text = ReferralText.lines(referrals, c.lang());
            if (text.length() > Messages.MAX_TEXT_CHARS) return Future.failedFuture(new Refusal(ErrorCode.TOO_LARGE));
            return messages.append(c.id(), Sender.ADVOCATE, clientId, text, referrals);
        });
    }

    Future<Void> typing(String username, String conversationId) {
        return held(username, conversationId).onSuccess(c -> live.publish(new LiveEvent.Typing(c.id(), Actor.staff(username)))).mapEmpty();
    }

    Future<ConversationService.Accepted> transfer(String from, String conversationId, String to) {
        return held(from, conversationId).compose(c -> shifts.of(to).compose(target -> {
            if (from.equals(to)) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.transfer_self"));
            if (target == null) {
                return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.target_not_on_shift"));
            }
            Instant now = clock.instant();
            // A call takes the whole capacity: nothing is passed to someone on a call, and a call only to someone free.
            // The target's capacity is theirs across programs: what they hold elsewhere leaves less room here.
            return load.inTurn(to, elsewhere -> onCall(to).compose(busy -> {
                if (busy || elsewhere.onCall()) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.target_on_call"));
                int room = c.channel() == Channel.PHONE ? (elsewhere.held() > 0 ? 0 : 1) : target.capacity() - elsewhere.held();
                if (room < 1) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.target_at_capacity"));
                return live.transfer(c.id(), from, to, target.displayName(), room, now);
            })).compose(r -> {
                if (r.outcome() == AssignResult.Outcome.AT_CAPACITY) {
                    return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.target_at_capacity"));
                }
                // The target's shift ended since it was read.
                if (r.outcome() == AssignResult.Outcome.NOT_ON_SHIFT) {
                    return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.target_not_on_shift"));
                }
                if (!r.ok()) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_held"));
                live.publish(new LiveEvent.Transferred(c.id(), from, to, target.displayName()));
                // A call moves when the new advocate's phone is answered: the caller waits on hold meanwhile.
                Future<?> rung = c.channel() == Channel.PHONE ? ring(target, r.conversation(), StaffLoad.Elsewhere.NOTHING) : Future.succeededFuture();
                return rung.compose(v -> audit.record(Actor.staff(from), "conversation.transfer", c.channel().wire(), "to=" + to))
                        .compose(v -> live.messagesAfter(c.id(), 0))
                        .map(messages -> new ConversationService.Accepted(r.conversation(), messages));
            });
        }));
    }

    Future<Conversation> end(String username, String conversationId, boolean safetyExit) {
        // Checked for its answer (not_found, not_held), then ended only if still theirs: passed to a colleague meanwhile, it is not ended.
        return held(username, conversationId).compose(c -> ends.endHeld(c.id(), username,
                safetyExit ? EndReason.SAFETY_EXIT : EndReason.ADVOCATE, Actor.staff(username)));
    }

    /**
     * Ends a conversation the advocate holds, or one waiting in the queue, as blocked. The end happens only while it is
     * still queued or still theirs, in one step with that check: a chat a colleague accepted (or was passed) meanwhile
     * is refused as it would have been a moment later ({@code forbidden}: {@code error.taken} for one that was queued,
     * {@code error.not_held} for one that was theirs), and goes on, its number not blocked.
     */
    Future<Conversation> block(String username, String conversationId) {
        return live.conversation(conversationId).compose(c -> {
            if (c == null) return Future.failedFuture(new Refusal(ErrorCode.NOT_FOUND));
            if (c.isActive() && !username.equals(c.advocate())) {
                return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_held"));
            }
            return shifts.of(username).compose(s -> s == null
                    ? Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_on_shift"))
                    : ends.endQueuedOrHeld(c.id(), username, EndReason.BLOCKED, Actor.staff(username)).compose(ended -> ended != null
                            ? Future.succeededFuture(ended)
                            : notBlocked(c, username)));
        });
    }

    /** Why a block of {@code seen} ended nothing: gone meanwhile (ending twice is harmless), or someone else's now. */
    private Future<Conversation> notBlocked(Conversation seen, String username) {
        return live.conversation(seen.id()).compose(now -> now == null
                ? Future.succeededFuture(null)
                : Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, seen.isQueued() ? "error.taken" : "error.not_held")));
    }

    Future<List<Conversation>> heldBy(String username) {
        return live.heldBy(username);
    }

    /** The conversation if this advocate holds it: {@code not_found} when it is not live, {@code forbidden} otherwise. */
    Future<Conversation> held(String username, String conversationId) {
        if (conversationId == null) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
        return Settled.then(live.conversation(conversationId), c -> {
            if (c == null) return Future.failedFuture(new Refusal(ErrorCode.NOT_FOUND));
            if (!c.isActive() || !username.equals(c.advocate())) {
                return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_held"));
            }
            return Future.succeededFuture(c);
        });
    }
}
