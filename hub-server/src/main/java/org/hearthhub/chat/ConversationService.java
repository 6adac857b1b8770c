package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.config.HubConfig;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.i18n.Languages;
import org.hearthhub.live.AppendResult;
import org.hearthhub.live.AssignResult;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.live.QueueFullException;
import org.hearthhub.model.Channel;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ConversationState;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.model.Referred;
import org.hearthhub.model.Sender;
import org.hearthhub.model.Shift;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.model.Referral;
import org.hearthhub.stats.DailyStatistics;
import org.hearthhub.util.Ids;
import org.hearthhub.util.Settled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Owns the life of every conversation, whatever its channel: queued → active → ended, transfers,
 * messages and their sequence numbers, shifts and capacity, timeouts and the purge at the end.
 * Sockets and webhooks are adapters that call in here; delivery happens through {@link LiveEvent}s.
 */
public final class ConversationService {
    public static final int MAX_TEXT_CHARS = Messages.MAX_TEXT_CHARS;
    /** The console sends one at a time; a few more let a client send a short list in one message. */
    public static final int MAX_REFERRALS_PER_MESSAGE = 5;

    private final LiveStore live;
    private final AuditLog audit;
    private final HubConfig config;
    private final Clock clock;
    private final ConversationMeter meter;
    /** What each advocate holds in the hub's other programs: capacity is the person's, across programs. */
    private final StaffLoad load;
    private final ProgramOpening opening;
    private final FeedbackTickets feedback;
    private final ConversationTimeouts timeouts;
    private final CallRings rings;
    private final QueueViews queue;
    private final Messages messages;
    private final ConversationEnds ends;

    public ConversationService(LiveStore live, CurrentSettings settings, DailyStatistics stats, AuditLog audit,
                               HubConfig config, Clock clock, ConversationMeter meter, StaffLoad load) {
        this.load = load;
        this.live = live;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.meter = meter;
        this.opening = new ProgramOpening(settings, live, clock);
        this.feedback = new FeedbackTickets(live, stats, Duration.ofMinutes(config.retention().feedbackMinutes()));
        this.queue = new QueueViews(live, clock);
        this.messages = new Messages(live, clock, meter);
        this.ends = new ConversationEnds(live, stats, audit, clock, meter, feedback);
        this.timeouts = new ConversationTimeouts(live, settings, config, clock, ends::end);
        this.rings = new CallRings(live, config.voice().ringSeconds());
    }

    public record Started(Conversation conversation, String token, int position, Long estimatedWaitSeconds) {
        /** Someone is on shift: without an advocate there is no estimate ({@link WaitEstimator}). */
        public boolean staffed() {
            return estimatedWaitSeconds != null;
        }
    }

    /** A conversation just queued and its 1-based place in line. */
    public record Queued(Conversation conversation, int position) {
    }

    /** What someone about to start would face: how many wait, and the estimate for one more. */
    public record Outlook(int queueLength, Long estimatedWaitSeconds) {
        /** Someone is on shift: the estimate for one more in line is null exactly when nobody is ({@link WaitEstimator}). */
        public boolean staffed() {
            return estimatedWaitSeconds != null;
        }
    }

    public record Resumed(Conversation conversation, int position, Long estimatedWaitSeconds, List<ChatMessage> missed) {
    }

    public record Accepted(Conversation conversation, List<ChatMessage> messages) {
    }

    // ---------------------------------------------------------------- survivor side

    /** Whether the program takes new conversations now, and when it opens next. */
    public ProgramOpening opening() {
        return opening;
    }

    /** The "did this help?" answers a web survivor may give once, after the end. */
    public FeedbackTickets feedback() {
        return feedback;
    }

    /** Which advocate's phone rings for each hotline call. */
    public CallRings rings() {
        return rings;
    }

    /** How long conversations may last, and the sweep that ends those past it. */
    public ConversationTimeouts timeouts() {
        return timeouts;
    }

    /**
     * Queues a new web conversation; fails with {@code closed} or {@code queue_full}. How many starts a
     * source or the whole hub may make is the socket's {@link org.hearthhub.guard.StartGuard}'s business.
     */
    public Future<Started> startWeb(String lang) {
        return opening.openNow().compose(open -> {
            if (!open) return Future.failedFuture(new Refusal(ErrorCode.CLOSED));
            String token = Ids.random(32);
            return enqueue(newConversationId(), Channel.WEB, lang, Ids.sha256Hex(token), null, null)
                    .compose(q -> queue.estimateSeconds(q.position())
                            .map(estimate -> new Started(q.conversation(), token, q.position(), estimate)));
        });
    }

    /**
     * Queues a survivor another program referred here with their consent, ahead of the conversations started here
     * (after those referred earlier), carrying {@code carried}: the messages they let travel, or none. Queued
     * within hours or not, staffed or not: the survivor was told before they answered. A web survivor gets a new
     * resume token and counts as away until their widget reconnects here; a texter ({@code contact}) has none.
     *
     * @param id the new conversation's id, from {@link #newConversationId()}: chosen by the caller, so what the
     *           survivor's channel needs beside the chat can be stored before the chat can be seen in the queue
     */
    public Future<Started> startReferred(String id, Channel channel, String lang, String contact, Referred referred, List<ChatMessage> carried) {
        String token = channel == Channel.WEB ? Ids.random(32) : null;
        Instant now = clock.instant();
        return enqueue(id, channel, lang, token == null ? null : Ids.sha256Hex(token), contact, referred).compose(q -> {
            Future<Void> copied = Future.succeededFuture();
            for (ChatMessage m : carried) {
                copied = copied.compose(v -> live.append(q.conversation().id(), m.from(), m.clientId(), m.text(), m.referrals(), m.at())
                        .mapEmpty());
            }
            Future<Void> away = token == null ? Future.succeededFuture()
                    : live.survivorDisconnected(q.conversation().id(), now).mapEmpty();
            return copied.compose(v -> away).compose(v -> queue.estimateSeconds(q.position()))
                    .map(estimate -> new Started(q.conversation(), token, q.position(), estimate));
        });
    }

    /** Queues a conversation for a channel that has no resume token (SMS); {@code contact} is purged at end. */
    public Future<Queued> startContact(Channel channel, String lang, String contact) {
        return enqueue(newConversationId(), channel, lang, null, contact, null);
    }

    /** A new conversation's id (random, never reused). */
    public static String newConversationId() {
        return Ids.random(16);
    }

    /** The position comes from the enqueue step itself: a surge of starts must not each read the whole queue. */
    private Future<Queued> enqueue(String id, Channel channel, String lang, String tokenHash, String contact, Referred referred) {
        Instant now = clock.instant();
        Conversation c = new Conversation(id, channel, Languages.normalize(lang), ConversationState.QUEUED,
                now, null, now, tokenHash, null, null, now.plusSeconds(config.queue().languageFirstSeconds()), contact, referred);
        return live.enqueue(c, config.queue().maxLength())
                .recover(e -> Future.failedFuture(e instanceof QueueFullException ? new Refusal(ErrorCode.QUEUE_FULL) : e))
                .map(position -> {
                    meter.started(channel);
                    live.publish(new LiveEvent.QueueChanged());
                    return new Queued(c, position);
                });
    }

    /** For the public status: read as counts, since every widget load asks. */
    public Future<Outlook> outlook() {
        return queue.outlook();
    }

    /**
     * Finds the conversation of a resume token and what the survivor missed after {@code lastSeq}; refused
     * ({@code rate_limited}) past {@code limits.resumesPerMinute} resumes of the chat this minute, since each one
     * writes the chat's kept messages again.
     */
    public Future<Resumed> resume(String token, long lastSeq) {
        if (token == null || token.isBlank()) return Future.failedFuture(new Refusal(ErrorCode.UNKNOWN_TOKEN));
        return live.conversationByTokenHash(Ids.sha256Hex(token))
                .compose(id -> id == null ? Future.succeededFuture(null) : live.conversation(id))
                .compose(c -> {
                    if (c == null) return Future.failedFuture(new Refusal(ErrorCode.UNKNOWN_TOKEN));
                    return withinMinute("rl:resume:", c.id(), config.limits().resumesPerMinute(), () -> resumed(c, lastSeq));
                });
    }

    private Future<Resumed> resumed(Conversation c, long lastSeq) {
        Future<Integer> position = c.isQueued() ? live.position(c.id()) : Future.succeededFuture(0);
        Future<Long> estimate = position.compose(queue::estimateSeconds);
        Future<List<ChatMessage>> missed = live.messagesAfter(c.id(), Math.max(0, lastSeq));
        return Future.all(estimate, missed).map(all -> new Resumed(c, position.result(), estimate.result(), missed.result()));
    }

    /**
     * A survivor connection now shows this conversation (it started, or resumed). If the survivor was away,
     * the advocate holding it is told they are back, and a queued one loses its away mark.
     */
    public Future<Void> survivorConnected(String conversationId) {
        return live.survivorConnected(conversationId).map(wasAway -> {
            if (wasAway) publishPresence(conversationId, null);
            return null;
        });
    }

    /**
     * A survivor connection of this conversation closed. When it was their last (on any node) they are away:
     * the advocate holding the chat is told, and a queued one is shown as away and leaves the queue
     * {@code queue.awayGraceSeconds} later unless they come back ({@link ConversationTimeouts#sweep}).
     */
    public Future<Void> survivorDisconnected(String conversationId) {
        Instant now = clock.instant();
        return live.survivorDisconnected(conversationId, now).map(becameAway -> {
            if (becameAway) publishPresence(conversationId, now);
            return null;
        });
    }

    private void publishPresence(String conversationId, Instant awaySince) {
        live.publish(new LiveEvent.SurvivorPresence(conversationId, awaySince));
        live.publish(new LiveEvent.QueueChanged());
    }

    /** When the survivor of this conversation went away, or null while connected. */
    public Future<Instant> awaySince(String conversationId) {
        return live.awaySince(conversationId);
    }

    public Future<AppendResult> survivorMessage(String conversationId, String clientId, String text) {
        Refusal invalid = Messages.validateText(text, clientId);
        if (invalid != null) return Future.failedFuture(invalid);
        return withinMinute("rl:msg:", conversationId, config.limits().survivorMessagesPerMinute(),
                () -> messages.append(conversationId, Sender.SURVIVOR, clientId, text));
    }

    /**
     * {@code then}, unless the chat has done this more than {@code perMinute} times this minute (counted under
     * {@code counter} in the live store, so on all nodes together): then {@code rate_limited}.
     */
    private <T> Future<T> withinMinute(String counter, String conversationId, int perMinute, Supplier<Future<T>> then) {
        return Settled.then(live.increment(counter + conversationId, Duration.ofMinutes(1)),
                n -> n > perMinute ? Future.failedFuture(new Refusal(ErrorCode.RATE_LIMITED)) : then.get());
    }

    public void survivorTyping(String conversationId) {
        live.publish(new LiveEvent.Typing(conversationId, Actor.Party.SURVIVOR));
    }

    public Future<Conversation> survivorEnd(String conversationId, boolean quickExit) {
        return end(conversationId, quickExit ? EndReason.QUICK_EXIT : EndReason.SURVIVOR, Actor.Party.SURVIVOR);
    }

    // ---------------------------------------------------------------- advocate side

    public Future<Shift> startShift(String username, String displayName, List<String> languages, Integer capacity) {
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
    public Future<Void> endShift(String username) {
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

    public Future<Shift> shiftOf(String username) {
        return live.shifts().map(all -> shiftOf(username, all));
    }

    private static Shift shiftOf(String username, List<Shift> shifts) {
        return shifts.stream().filter(s -> s.username().equals(username)).findFirst().orElse(null);
    }

    public Future<Accepted> accept(String username, String conversationId) {
        if (conversationId == null) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
        Future<List<Shift>> shifts = live.shifts();
        Future<Conversation> wanted = live.conversation(conversationId);
        return Future.all(shifts, wanted).compose(all -> {
            Shift shift = shiftOf(username, shifts.result());
            if (shift == null) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_on_shift"));
            Instant now = clock.instant();
            Conversation queued = wanted.result();
            if (queued != null && queued.isQueued()
                    && !QueueSnapshot.offered(QueuedConversation.of(queued), shift, shifts.result(), now)) {
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
    private Future<Accepted> assignWithin(String conversationId, Shift shift, StaffLoad.Elsewhere elsewhere, Instant now) {
        String full = elsewhere.held() > 0 ? "error.at_capacity_programs" : "error.at_capacity";
        int room = shift.capacity() - elsewhere.held();
        if (room < 1) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, full));
        return assign(conversationId, shift.username(), shift.displayName(), room, now, full);
    }

    private Future<Accepted> assign(String conversationId, String username, String displayName, int capacity, Instant now,
                                    String atCapacityKey) {
        return live.assign(conversationId, username, displayName, capacity, now).compose(r -> switch (r.outcome()) {
            case ASSIGNED -> onAssigned(r.conversation(), username, now);
            case UNKNOWN -> Future.failedFuture(new Refusal(ErrorCode.NOT_FOUND));
            // Their shift ended (from another console) since it was read.
            case NOT_ON_SHIFT -> Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_on_shift"));
            case AT_CAPACITY -> Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, atCapacityKey));
            // Already theirs (their other console was first, or a second click): done, and nobody else took it.
            default -> r.conversation() != null && r.conversation().isActive() && username.equals(r.conversation().advocate())
                    ? live.messagesAfter(conversationId, 0).map(messages -> new Accepted(r.conversation(), messages))
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
    private Future<Accepted> ring(Shift shift, Conversation call, StaffLoad.Elsewhere elsewhere) {
        boolean theirs = call.isActive() && shift.username().equals(call.advocate());
        return live.heldBy(shift.username()).compose(held -> {
            if (elsewhere.held() > 0 || held.stream().anyMatch(h -> !h.id().equals(call.id()))) {
                return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.call_needs_capacity"));
            }
            String attempt = Ids.random(12);
            return rings.claim(call.id(), shift.username(), attempt, theirs).compose(ringing -> {
                if (!ringing) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.call_ringing"));
                live.publish(new LiveEvent.CallRinging(call.id(), shift.username(), shift.displayName(), attempt));
                return Future.succeededFuture(new Accepted(call, List.of()));
            });
        });
    }

    /**
     * The advocate whose phone rang for {@code attempt} answered and pressed 1: the call is theirs if it is
     * still queued and they hold nothing else (capacity 1 for this one step). The ring ends either way.
     */
    public Future<Accepted> answerCall(String username, String conversationId, String attempt) {
        return rings.isRinging(conversationId, username, attempt).compose(held -> {
            if (!held) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.taken"));
            return Future.all(shiftOf(username), live.conversation(conversationId)).compose(all -> {
                Shift shift = all.resultAt(0);
                Conversation c = all.resultAt(1);
                if (shift == null) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_on_shift"));
                // Transferred to them (or rung again): already theirs, nothing to assign.
                if (c != null && c.isActive() && username.equals(c.advocate())) return Future.succeededFuture(new Accepted(c, List.of()));
                // A call takes the whole capacity: nothing else held in this program (capacity 1) nor in any other.
                return load.inTurn(username, elsewhere -> elsewhere.held() > 0
                        ? Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.call_needs_capacity"))
                        : assign(conversationId, username, shift.displayName(), 1, clock.instant(), "error.at_capacity"));
            });
        }).eventually(() -> rings.end(conversationId, username, attempt));
    }

    private Future<Accepted> onAssigned(Conversation c, String username, Instant now) {
        Duration wait = Duration.between(c.createdAt(), now);
        long waited = wait.getSeconds();
        meter.waited(wait);
        live.publish(new LiveEvent.Assigned(c.id(), username, c.advocateName()));
        live.publish(new LiveEvent.QueueChanged());
        return live.recordWait(waited)
                .compose(v -> audit.record(Actor.staff(username), "conversation.accept", c.channel().wire(), null))
                .compose(v -> live.messagesAfter(c.id(), 0))
                .map(messages -> new Accepted(c, messages));
    }

    public Future<AppendResult> advocateMessage(String username, String conversationId, String clientId, String text) {
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
    public Future<AppendResult> advocateReferrals(String username, String conversationId, String clientId, List<Referral> referrals) {
        if (clientId == null || !Messages.validClientId(clientId) || referrals.isEmpty()) {
            return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
        }
        if (referrals.size() > MAX_REFERRALS_PER_MESSAGE) return Future.failedFuture(new Refusal(ErrorCode.TOO_LARGE));
        if (!referrals.stream().allMatch(Referral::keepsRules)) {
            return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.referral"));
        }
        return held(username, conversationId).compose(c -> {
            String text = ReferralText.lines(referrals, c.lang());
            if (text.length() > MAX_TEXT_CHARS) return Future.failedFuture(new Refusal(ErrorCode.TOO_LARGE));
            return messages.append(c.id(), Sender.ADVOCATE, clientId, text, referrals);
        });
    }

    /** A message the hub itself adds to a conversation (e.g. an SMS delivery notice). */
    public Future<AppendResult> systemMessage(String conversationId, String text) {
        return messages.append(conversationId, Sender.SYSTEM, null, text);
    }

    public Future<Void> advocateTyping(String username, String conversationId) {
        return held(username, conversationId).onSuccess(c -> live.publish(new LiveEvent.Typing(c.id(), Actor.staff(username)))).mapEmpty();
    }

    public Future<Accepted> transfer(String from, String conversationId, String to) {
        return held(from, conversationId).compose(c -> shiftOf(to).compose(target -> {
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
                        .map(messages -> new Accepted(r.conversation(), messages));
            });
        }));
    }

    public Future<Conversation> endByAdvocate(String username, String conversationId, boolean safetyExit) {
        // Checked for its answer (not_found, not_held), then ended only if still theirs: passed to a colleague meanwhile, it is not ended.
        return held(username, conversationId).compose(c -> endHeld(c.id(), username,
                safetyExit ? EndReason.SAFETY_EXIT : EndReason.ADVOCATE, Actor.staff(username)));
    }

    /**
     * Ends a conversation the advocate holds, or one waiting in the queue, as blocked. The end happens only while it is
     * still queued or still theirs, in one step with that check: a chat a colleague accepted (or was passed) meanwhile
     * is refused as it would have been a moment later ({@code forbidden}: {@code error.taken} for one that was queued,
     * {@code error.not_held} for one that was theirs), and goes on, its number not blocked.
     */
    public Future<Conversation> block(String username, String conversationId) {
        return live.conversation(conversationId).compose(c -> {
            if (c == null) return Future.failedFuture(new Refusal(ErrorCode.NOT_FOUND));
            if (c.isActive() && !username.equals(c.advocate())) {
                return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_held"));
            }
            return shiftOf(username).compose(s -> s == null
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

    public Future<List<Conversation>> heldBy(String username) {
        return live.heldBy(username);
    }

    /** The conversation if this advocate holds it: {@code not_found} when it is not live, {@code forbidden} otherwise. */
    public Future<Conversation> held(String username, String conversationId) {
        if (conversationId == null) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
        return Settled.then(live.conversation(conversationId), c -> {
            if (c == null) return Future.failedFuture(new Refusal(ErrorCode.NOT_FOUND));
            if (!c.isActive() || !username.equals(c.advocate())) {
                return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.not_held"));
            }
            return Future.succeededFuture(c);
        });
    }

    public Future<List<ChatMessage>> messagesAfter(String conversationId, long afterSeq) {
        return live.messagesAfter(conversationId, afterSeq);
    }

    public Future<Conversation> conversation(String id) {
        return live.conversation(id);
    }

    public Future<QueueSnapshot> snapshot() {
        return queue.snapshot();
    }

    // ---------------------------------------------------------------- ending (ConversationEnds)

    /**
     * Ends and purges a conversation, then counts it and records who ended it. Returns null when it
     * was no longer live (ending twice is harmless).
     */
    public Future<Conversation> end(String conversationId, EndReason reason, Actor actor) {
        return ends.end(conversationId, reason, actor);
    }

    /** {@link #end}, only while {@code advocate} holds the conversation (in one step with the check); null otherwise. */
    public Future<Conversation> endHeld(String conversationId, String advocate, EndReason reason, Actor actor) {
        return ends.endHeld(conversationId, advocate, reason, actor);
    }

    /** Why a conversation ended, for two minutes after; null when that is not known (never ended, or long ago). */
    public Future<EndReason> recentEnd(String conversationId) {
        return ends.recentEnd(conversationId);
    }

    /** A warm referral's arrival whose first chat ended meanwhile, taken back: {@link ConversationEnds#withdraw}. */
    public Future<Void> withdraw(String conversationId) {
        return ends.withdraw(conversationId);
    }
}
