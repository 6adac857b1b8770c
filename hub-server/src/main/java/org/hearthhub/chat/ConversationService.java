package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.config.HubConfig;
import org.hearthhub.live.AppendResult;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.Channel;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Referred;
import org.hearthhub.model.Sender;
import org.hearthhub.model.Shift;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.stats.DailyStatistics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Owns the life of every conversation, whatever its channel: queued → active → ended, transfers,
 * messages and their sequence numbers, shifts and capacity, timeouts and the purge at the end.
 * Sockets and webhooks are adapters that call in here; delivery happens through {@link LiveEvent}s.
 * <p>
 * The one door every channel uses; each method hands the call to the part that does that job, read there:
 * {@link SurvivorSide} (a survivor's start, resume, presence, messages, typing and end), {@link QueueOutlook} (the
 * outlook and the consoles' snapshot), {@link Shifts}, {@link StaffSide} (accept, calls, transfer, an advocate's
 * messages, ends and blocks), {@link Messages} (the step every message takes) and {@link ConversationEnds} (the
 * ending all share, and what follows it).
 */
public final class ConversationService {
    public static final int MAX_TEXT_CHARS = Messages.MAX_TEXT_CHARS;

    private final LiveStore live;
    private final ProgramOpening opening;
    private final FeedbackTickets feedback;
    private final ConversationTimeouts timeouts;
    private final CallRings rings;
    private final QueueOutlook queue;
    private final Messages messages;
    private final ConversationEnds ends;
    private final SurvivorSide survivor;
    private final Shifts shifts;
    private final StaffSide staff;

    public ConversationService(LiveStore live, CurrentSettings settings, DailyStatistics stats, AuditLog audit,
                               HubConfig config, Clock clock, ConversationMeter meter, StaffLoad load) {
        this.live = live;
        this.opening = new ProgramOpening(settings, live, clock);
        this.feedback = new FeedbackTickets(live, stats, Duration.ofMinutes(config.retention().feedbackMinutes()));
        this.queue = new QueueOutlook(live, clock);
        this.messages = new Messages(live, clock, meter);
        this.ends = new ConversationEnds(live, stats, audit, clock, meter, feedback);
        this.timeouts = new ConversationTimeouts(live, settings, config, clock, ends::end);
        this.rings = new CallRings(live, config.voice().ringSeconds());
        this.survivor = new SurvivorSide(live, config, clock, meter, opening, queue, messages, ends);
        this.shifts = new Shifts(live, audit, config, clock);
        this.staff = new StaffSide(live, audit, clock, meter, load, shifts, rings, messages, ends);
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

    // ---------------------------------------------------------------- parts handed out whole

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

    // ---------------------------------------------------------------- survivor side (SurvivorSide)

    /** Queues a new web conversation; fails with {@code closed} or {@code queue_full}. */
    public Future<Started> startWeb(String lang) {
        return survivor.startWeb(lang);
    }

    /** Queues a survivor another program referred here, ahead of those started here: {@link SurvivorSide#startReferred}. */
    public Future<Started> startReferred(String id, Channel channel, String lang, String contact, Referred referred, List<ChatMessage> carried) {
        return survivor.startReferred(id, channel, lang, contact, referred, carried);
    }

    /** Queues a conversation for a channel that has no resume token (SMS); {@code contact} is purged at end. */
    public Future<Queued> startContact(Channel channel, String lang, String contact) {
        return survivor.startContact(channel, lang, contact);
    }

    /** A new conversation's id (random, never reused). */
    public static String newConversationId() {
        return SurvivorSide.newConversationId();
    }

    /** The conversation of a resume token and what the survivor missed after {@code lastSeq}, within the resume rate. */
    public Future<Resumed> resume(String token, long lastSeq) {
        return survivor.resume(token, lastSeq);
    }

    /** A survivor connection now shows this conversation: {@link SurvivorSide#connected}. */
    public Future<Void> survivorConnected(String conversationId) {
        return survivor.connected(conversationId);
    }

    /** A survivor connection of this conversation closed: {@link SurvivorSide#disconnected}. */
    public Future<Void> survivorDisconnected(String conversationId) {
        return survivor.disconnected(conversationId);
    }

    /** When the survivor of this conversation went away, or null while connected. */
    public Future<Instant> awaySince(String conversationId) {
        return survivor.awaySince(conversationId);
    }

    public Future<AppendResult> survivorMessage(String conversationId, String clientId, String text) {
        return survivor.message(conversationId, clientId, text);
    }

    public void survivorTyping(String conversationId) {
        survivor.typing(conversationId);
    }

    public Future<Conversation> survivorEnd(String conversationId, boolean quickExit) {
        return survivor.end(conversationId, quickExit);
    }

    /** The same for the chat a resume token names (null: none live): {@link SurvivorSide#endByToken}. */
    public Future<Conversation> survivorEndByToken(String token, boolean quickExit) {
        return survivor.endByToken(token, quickExit);
    }

    // ---------------------------------------------------------------- the queue as others see it (QueueOutlook)

    /** For the public status: read as counts, since every widget load asks. */
    public Future<Outlook> outlook() {
        return queue.outlook();
    }

    public Future<QueueSnapshot> snapshot() {
        return queue.snapshot();
    }

    // ---------------------------------------------------------------- shifts (Shifts)

    public Future<Shift> startShift(String username, String displayName, List<String> languages, Integer capacity) {
        return shifts.start(username, displayName, languages, capacity);
    }

    /** Ends the advocate's shift, only while they hold nothing: {@link Shifts#end}. */
    public Future<Void> endShift(String username) {
        return shifts.end(username);
    }

    public Future<Shift> shiftOf(String username) {
        return shifts.of(username);
    }

    // ---------------------------------------------------------------- staff side (StaffSide)

    public Future<Accepted> accept(String username, String conversationId) {
        return staff.accept(username, conversationId);
    }

    /** The advocate whose phone rang for {@code attempt} answered: {@link StaffSide#answerCall}. */
    public Future<Accepted> answerCall(String username, String conversationId, String attempt) {
        return staff.answerCall(username, conversationId, attempt);
    }

    public Future<Accepted> transfer(String from, String conversationId, String to) {
        return staff.transfer(from, conversationId, to);
    }

    public Future<AppendResult> advocateMessage(String username, String conversationId, String clientId, String text) {
        return staff.message(username, conversationId, clientId, text);
    }

    /** Referrals an advocate sends as items, each keeping the lead's referral rules: {@link StaffSide#referrals}. */
    public Future<AppendResult> advocateReferrals(String username, String conversationId, String clientId, List<Referral> referrals) {
        return staff.referrals(username, conversationId, clientId, referrals);
    }

    public Future<Void> advocateTyping(String username, String conversationId) {
        return staff.typing(username, conversationId);
    }

    public Future<Conversation> endByAdvocate(String username, String conversationId, boolean safetyExit) {
        return staff.end(username, conversationId, safetyExit);
    }

    /** Ends a conversation the advocate holds, or one waiting in the queue, as blocked: {@link StaffSide#block}. */
    public Future<Conversation> block(String username, String conversationId) {
        return staff.block(username, conversationId);
    }

    public Future<List<Conversation>> heldBy(String username) {
        return staff.heldBy(username);
    }

    /** The conversation if this advocate holds it: {@code not_found} when it is not live, {@code forbidden} otherwise. */
    public Future<Conversation> held(String username, String conversationId) {
        return staff.held(username, conversationId);
    }

    // ---------------------------------------------------------------- messages (Messages) and reads (the live store)

    /** A message the hub itself adds to a conversation (e.g. an SMS delivery notice). */
    public Future<AppendResult> systemMessage(String conversationId, String text) {
        return messages.append(conversationId, Sender.SYSTEM, null, text);
    }

    public Future<List<ChatMessage>> messagesAfter(String conversationId, long afterSeq) {
        return live.messagesAfter(conversationId, afterSeq);
    }

    public Future<Conversation> conversation(String id) {
        return live.conversation(id);
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
