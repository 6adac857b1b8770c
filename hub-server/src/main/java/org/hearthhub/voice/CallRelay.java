package org.hearthhub.voice;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.EndReason;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.sms.SmsFailure;
import org.hearthhub.sms.SmsKeys;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Turns live events into Twilio calls: an accepted call rings the advocate's program phone; an ended call
 * hangs up what is still on the line and removes the call's last traces (its SID, the number's HMAC, the place
 * the number held on the line), keeping only a block. Every node hears every event, so each action is first claimed in the live store.
 */
final class CallRelay {
    private static final Logger LOG = Logger.getLogger(CallRelay.class.getName());
    private static final Duration CLAIM_TTL = Duration.ofMinutes(2);
    /** Ended by the hub or by staff: the caller may still be on the line, so their leg is hung up at once. */
    private static final Set<EndReason> HUB_ENDS = EnumSet.of(EndReason.ADVOCATE, EndReason.SAFETY_EXIT, EndReason.BLOCKED,
            EndReason.TIMEOUT, EndReason.AWAY);

    private final LiveStore live;
    private final ConversationService conversations;
    private final AccountStore accounts;
    private final CurrentSettings settings;
    private final TwilioCalls calls;
    private final CallUrls urls;
    private final Vertx vertx;
    private final Duration forgetAfter;
    private final Supplier<String> hotline;
    private final CallerHolds holds;

    /**
     * @param forgetAfter how long after a leg ends its record is deleted from Twilio's call log; zero = never
     * @param hotline     the program's voice number as it is when a phone is rung (a coalition admin may change it)
     * @param holds       the places callers' numbers hold on the line, given back when their call ends
     */
    CallRelay(LiveStore live, ConversationService conversations, AccountStore accounts, CurrentSettings settings, TwilioCalls calls,
              CallUrls urls, Vertx vertx, Duration forgetAfter, Supplier<String> hotline, CallerHolds holds) {
        this.hotline = hotline;
        this.holds = holds;
        this.vertx = vertx;
        this.forgetAfter = forgetAfter;
        this.live = live;
        this.conversations = conversations;
        this.accounts = accounts;
        this.settings = settings;
        this.calls = calls;
        this.urls = urls;
    }

    void onEvent(LiveEvent event) {
        Future<Void> done;
        if (event instanceof LiveEvent.CallRinging r) done = ring(new Ring(r.conversation(), r.advocate(), r.attempt()));
        else if (event instanceof LiveEvent.Ended e) done = ended(e);
        // Starting or ending a shift is acting: calls may ring the advocate again.
        else if (event instanceof LiveEvent.ShiftChanged s) done = live.take(CallKeys.missed(s.username())).mapEmpty();
        else return;
        done.onFailure(e -> LOG.warning("Voice: an event was not handled: " + e.getClass().getSimpleName()));
    }

    private Future<Void> ring(Ring ring) {
        return live.increment(CallKeys.placing(ring.attempt()), CLAIM_TTL).compose(n -> n != 1 ? Future.succeededFuture()
                : live.take(CallKeys.missed(ring.advocate()))
                .compose(v -> holdIfHeld(ring))
                .compose(v -> accounts.account(ring.advocate()))
                .compose(account -> {
                    String phone = account.map(Account::phone).orElse(null);
                    if (phone == null) return notRung(ring, "voice.error.no_phone");
                    String from = hotline.get();
                    if (from == null) return notRung(ring, "voice.error.not_placed");
                    return calls.ring(from, phone, urls.whisper(ring), urls.status(ring))
                            .compose(sid -> live.putExpiring(CallKeys.ringLeg(ring.conversation()), sid, CLAIM_TTL))
                            .compose(v -> stopIfCallerLeft(ring.conversation()))
                            .recover(e -> SmsFailure.classify(e).kind() == SmsFailure.Kind.UNCERTAIN
                                    ? tell(ring.conversation(), ring.advocate(), "voice.error.uncertain")
                                    : notRung(ring, "voice.error.not_placed"));
                }));
    }

    /**
     * A call that is already held (transferred, or rung again after a miss) leaves its current advocate and
     * waits on hold while the new ring lasts; a queued one is on hold already.
     */
    private Future<Void> holdIfHeld(Ring ring) {
        return live.conversation(ring.conversation()).compose(c -> c == null || !c.isActive() ? Future.succeededFuture()
                : live.peek(CallKeys.callerLeg(c.id())).compose(value -> {
                    CallLeg leg = CallLeg.decode(value);
                    // The leg the caller leaves now ends nothing when it hangs up (Hotline.advocateLegEnded).
                    return leg == null ? Future.succeededFuture() : live.take(CallKeys.bridged(c.id()))
                            .compose(v -> calls.redirect(leg.callSid(), urls.hold(c.id())))
                            .recover(e -> tell(c.id(), ring.advocate(), "voice.error.hold_failed"));
                }));
    }

    /** The caller hung up while the ring was being placed: the end found no ring to stop, so it is stopped here. */
    private Future<Void> stopIfCallerLeft(String conversation) {
        return live.conversation(conversation).compose(c -> c != null ? Future.succeededFuture()
                : live.take(CallKeys.ringLeg(conversation)).compose(sid -> sid == null ? Future.succeededFuture() : hangUp(sid, null)));
    }

    /** The phone was not rung: the call stays at its place, free for anyone, and the advocate is told why. */
    private Future<Void> notRung(Ring ring, String messageKey) {
        return conversations.rings().end(ring.conversation(), ring.advocate(), ring.attempt())
                .compose(v -> tell(ring.conversation(), ring.advocate(), messageKey));
    }

    /**
     * The advocate's phone did not accept the call, and they are marked. A queued call keeps its place in the
     * queue; one they already hold (a transfer) waits on hold for them to ring again, pass it on, or end it.
     */
    Future<Void> missed(Ring ring) {
        Duration mark = conversations.timeouts().maxLifetime();
        return live.take(CallKeys.ringLeg(ring.conversation()))
                .compose(v -> live.putExpiring(CallKeys.missed(ring.advocate()), "1", mark))
                .compose(v -> live.conversation(ring.conversation()))
                .compose(c -> tell(ring.conversation(), ring.advocate(),
                        c != null && c.isActive() ? "voice.error.unanswered_held" : "voice.error.unanswered"));
    }

    /**
     * The conversation is purged; taking the caller's leg claims the end for this node. Whatever is still on
     * the line is hung up (a safety end at once), and a block keeps only the number's HMAC.
     */
    private Future<Void> ended(LiveEvent.Ended e) {
        return live.take(CallKeys.callerLeg(e.conversation())).compose(value -> {
            CallLeg leg = CallLeg.decode(value);
            if (leg == null) return Future.succeededFuture();
            int blockDays = SmsKeys.blockDays(settings.get());
            Future<Void> blocked = e.reason() == EndReason.BLOCKED && leg.contactKey() != null
                    && blockDays > 0 ? live.putExpiring(SmsKeys.blocked(leg.contactKey()), "1", Duration.ofDays(blockDays))
                    : Future.succeededFuture();
            Future<Void> callerHungUp = HUB_ENDS.contains(e.reason()) ? hangUp(leg.callSid(), e) : Future.succeededFuture();
            Future<Void> ringStopped = live.take(CallKeys.ringLeg(e.conversation()))
                    .compose(ringSid -> ringSid == null ? Future.succeededFuture() : hangUp(ringSid, null));
            return Future.all(blocked, callerHungUp, ringStopped).eventually(() -> {
                Future<Boolean> callGoesOn = callMarkGone(leg.callSid(), e.conversation()).compose(call -> givenBack(call, e, leg));
                // The call going on in another conversation is still in progress: Twilio would refuse to delete its
                // record (and be asked again, in vain). That conversation's end deletes it. Unsure: delete as before.
                return Future.all(callGoesOn, live.take(CallKeys.bridged(e.conversation())))
                        .onComplete(r -> {
                            if (!Boolean.TRUE.equals(callGoesOn.result())) forget(leg.callSid());
                        });
            }).mapEmpty();
        });
    }

    /**
     * Removes the call's mark (its SID → conversation) only if it names the conversation that ended, and answers what the
     * mark names now (null: nothing). A repeated request of the call may have opened this conversation as a duplicate
     * of the one the mark names: that one goes on, and the caller leg's status report finds it by this mark.
     */
    private Future<String> callMarkGone(String callSid, String conversation) {
        return live.takeIf(CallKeys.call(callSid), conversation).compose(taken -> taken ? Future.succeededFuture(null)
                : live.peek(CallKeys.call(callSid)));
    }

    /**
     * The place the caller's number held on the line goes back with the call's end, unless the call's mark still names
     * another conversation: a repeated request of the call opened this one, which ended as a duplicate while the call goes
     * on. Answers whether the call goes on so.
     */
    private Future<Boolean> givenBack(String call, LiveEvent.Ended e, CallLeg leg) {
        boolean otherConversation = call != null && !call.equals(e.conversation()) && !CallKeys.GONE.equals(call);
        return otherConversation ? Future.succeededFuture(true) : holds.release(leg.contactKey(), leg.callSid()).map(false);
    }

    /** A 4xx means the leg had already ended; only a hang-up that may not have happened is worth telling. */
    private Future<Void> hangUp(String callSid, LiveEvent.Ended e) {
        return calls.hangUp(callSid).recover(failure -> {
            SmsFailure.Kind kind = SmsFailure.classify(failure).kind();
            if (kind == SmsFailure.Kind.REJECTED || e == null || e.advocate() == null) return Future.succeededFuture();
            return tell(e.conversation(), e.advocate(), "voice.error.hangup_failed");
        });
    }

    /**
     * An advocate's leg is over (Twilio's status callback of a ring): its record goes, whether it rang unanswered or
     * talked for an hour. Only this callback names every leg: the ring's SID is kept for two minutes, and a transfer
     * replaces it.
     */
    void advocateLegOver(String callSid) {
        if (callSid != null && callSid.matches("CA[0-9a-fA-F]{32}")) forget(callSid);
    }

    /**
     * Deletes a finished leg's record from Twilio's call log after {@code voice.forgetCallsSeconds}. Twilio refuses
     * to delete a call it has not finished processing (error 20009), so a refusal is tried again, three times,
     * each after twice the wait. Timers are this node's: a record whose deletion a restart interrupted stays.
     */
    private void forget(String callSid) {
        if (callSid == null || forgetAfter.isZero()) return;
        forget(callSid, forgetAfter.toMillis(), FORGET_TRIES);
    }

    private void forget(String callSid, long afterMillis, int triesLeft) {
        vertx.setTimer(Math.max(1, afterMillis), t -> calls.deleteRecord(callSid).onFailure(e -> {
            if (triesLeft > 1) forget(callSid, afterMillis * 2, triesLeft - 1);
            else LOG.info("Voice: a call record was not deleted from Twilio's log (" + SmsFailure.classify(e).describe() + ")");
        }));
    }

    private static final int FORGET_TRIES = 4;

    /** The caller left their queue for good (not redirected by a transfer): the empty queue goes. */
    void queueLeft(String queueSid) {
        if (queueSid == null || !queueSid.matches("QU[0-9a-fA-F]{32}")) return;
        calls.deleteQueue(queueSid).onFailure(e -> LOG.info("Voice: a call's queue was not deleted (" + SmsFailure.classify(e).describe() + ")"));
    }

    private Future<Void> tell(String conversation, String advocate, String messageKey) {
        live.publish(new LiveEvent.AdvocateNotice(conversation, advocate, "unavailable", messageKey));
        return Future.succeededFuture();
    }
}
