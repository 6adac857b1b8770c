package org.hearthhub.ws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.actor.Actor;
import org.hearthhub.auth.StaffAccess.Standing;
import org.hearthhub.auth.StaffAccess;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.chat.PartnerCards;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.live.AppendResult;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;
import org.hearthhub.model.Shift;
import org.hearthhub.model.SocketSide;
import org.hearthhub.model.StaffSession;
import org.hearthhub.referral.WarmReferrals;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.util.Settled;
import org.hearthhub.video.CallMedia;
import org.hearthhub.video.VideoRooms;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One signed-in advocate's socket (an advocate may have several). It shows the queue only while the
 * advocate is on shift, and every conversation the advocate holds, and lives no longer than its staff
 * session. State lives on the socket's context.
 */
final class AdvocateSocket {
    private static final int FRAMES_PER_SECOND = 30;
    /** Close status for a console a newer one of the same account replaced (as a survivor socket's, 4409). */
    static final int CONSOLE_ELSEWHERE = 4409;

    /** The turn of a frame already handled in full. */
    private static final Future<Void> DONE = Future.succeededFuture();

    private final ServerWebSocket socket;
    private final FrameOut out;
    private final Context context;
    private final StaffSession session;
    private final String sessionHash;
    private final StaffSessions sessions;
    private final StaffAccess access;
    private final ConversationService conversations;
    private final PartnerCards partnerCards;
    private final VideoRooms video;
    private final AccountStore accounts;
    private final SocketDirectory directory;
    private final FrameReader reader;
    private final FrameBudget budget;
    private final WarmReferrals.ProgramReferrals referrals;
    /** Conversations this socket shows, with their delivery cursors. Read from other threads by {@link #watched}. */
    private final Map<String, MessageCursor> held = new ConcurrentHashMap<>();
    private final OwnEchoes ownEchoes = new OwnEchoes();
    /** When this socket last passed on typing in each conversation it holds; forgotten as the conversation is released. */
    private final Map<String, Long> typingPassedAt = new ConcurrentHashMap<>();
    private Shift shift;
    /** The {@link QueueViews.View#key} of the queue last sent, once {@code queueShown}: a number, not the view's string. */
    private long lastQueue;
    private boolean queueShown;
    /**
     * The newest queue not sent because the console's connection was backed up. A queue view replaces the one before,
     * so a console that reads slowly in a surge gets the newest once it has caught up, not every view in between
     * (which would back it up further, until it was cut off for not reading).
     */
    private QueueViews owedQueue;
    /**
     * The latest frame's turn: its session check and its handling. Each frame waits for the one before,
     * so "start shift, end shift, start shift" sent together take effect in that order even though
     * each step waits on a store.
     */
    private Future<Void> previousFrame = DONE;
    private boolean sessionOver;
    /** Reads again what this console shows once its node may have missed events ({@link #reconcile}). */
    private final RetriedStep recheck;
    /** Which share of the periodic session checks this console falls in (SocketEndpoints#checkAdvocateSessions). */
    private final int checkSlot = ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);

    AdvocateSocket(ServerWebSocket socket, FrameOut out, Context context, StaffSession session, String sessionHash, StaffSessions sessions,
                   StaffAccess access, ConversationService conversations, PartnerCards partnerCards, VideoRooms video, AccountStore accounts,
                   SocketDirectory directory, FrameReader reader, WarmReferrals.ProgramReferrals referrals) {
        this.partnerCards = partnerCards;
        this.referrals = referrals;
        this.socket = socket;
        this.out = out;
        out.whenWritable(this::sendOwedQueue);
        this.context = context;
        this.session = session;
        this.sessionHash = sessionHash;
        this.sessions = sessions;
        this.access = access;
        this.conversations = conversations;
        this.video = video;
        this.accounts = accounts;
        this.directory = directory;
        this.reader = reader;
        this.budget = reader.budget(FRAMES_PER_SECOND);
        this.recheck = new RetriedStep(this::reconcile, this::later, () -> !sessionOver && !socket.isClosed());
        MessageAssembler.attach(socket, reader.hardLimit(), this::onText, this::onBinary);
        socket.closeHandler(v -> directory.remove(this));
    }

    /** The event loop this socket lives on: everything about it happens there. */
    Context context() {
        return context;
    }

    int checkSlot() {
        return checkSlot;
    }

    String username() {
        return session.username();
    }

    /** The conversations this socket shows; the directory forgets them as the socket closes. */
    Set<String> watched() {
        return held.keySet();
    }

    /** Registers the watch with the directory too, so events find this socket without a scan of every console. */
    private void hold(String conversation, MessageCursor cursor) {
        held.put(conversation, cursor);
        directory.watch(this, conversation);
    }

    /** Stops the conversation's cursor too: a catch-up read still under way delivers nothing after the chat left. */
    private boolean release(String conversation) {
        directory.unwatch(this, conversation);
        typingPassedAt.remove(conversation);
        MessageCursor cursor = held.remove(conversation);
        if (cursor == null) return false;
        cursor.stop();
        return true;
    }

    /**
     * Sends the advocate's current shift and held conversations, e.g. after a reconnect. When the store
     * cannot answer (a Redis blip) the handshake is long accepted, so there is nothing left to refuse: the
     * console is told, and closed with 1013 (try again later), and reconnects; left open it would show
     * nothing, not even whether the advocate is on shift.
     */
    void greet() {
        // Listen first, so that nothing published while we read the current state is missed.
        directory.add(this);
        conversations.shiftOf(username()).compose(s -> {
            shift = s;
            sendShift();
            return conversations.heldBy(username());
        }).compose(list -> Future.join(list.stream().map(this::show).toList())).onFailure(e -> {
            send(error(e, null));
            sessionOver = true; // frames already on their way are not acted on
            socket.close((short) 1013, "console state unavailable, reconnect");
        });
    }

    /** Every frame counts against the flood budget, including binary ones, which are never valid; a flood is told once a second. */
    private boolean withinBudget() {
        FrameBudget.Verdict verdict = budget.take();
        if (verdict == FrameBudget.Verdict.READ) return true;
        directory.overBudget(SocketSide.ADVOCATE);
        if (verdict == FrameBudget.Verdict.REFUSE_AND_ANSWER) send(error(new Refusal(ErrorCode.RATE_LIMITED), null));
        return false;
    }

    private void onBinary() {
        if (withinBudget()) send(error(new Refusal(ErrorCode.BAD_REQUEST), null));
    }

    /**
     * A frame the advocate sends is activity: it restarts the session's idle timer, and it is handled
     * only if the session is still live.
     */
    private void onText(Buffer text) {
        if (sessionOver || !withinBudget()) return;
        Future<Void> turn = Settled.after(Settled.after(previousFrame, previous -> sessions.touch(sessionHash)), check -> {
            if (sessionOver) return Future.succeededFuture();
            if (check.failed()) {
                send(error(check.cause(), null));
                return Future.succeededFuture();
            }
            if (check.result() == null) {
                endForLostSession();
                return Future.succeededFuture();
            }
            return handleText(text);
        });
        // A turn the in-memory store finished at once is not kept: storing each frame's new future in this
        // long-lived socket would be a reference from old memory to new per frame for G1 (History 22).
        if (!turn.isComplete()) previousFrame = turn;
        else if (previousFrame != DONE) previousFrame = DONE;
    }

    /**
     * Called on a timer, and deliberately not activity: an open console nobody uses must still reach its
     * idle timeout. A store that cannot answer proves nothing, so the socket then stays until the next check.
     *
     * @return completes (never fails) once the check is done: the console told and closed, if it had to be
     */
    Future<Void> recheckSession() {
        Promise<Void> checked = Promise.promise();
        context.runOnContext(v -> {
            if (sessionOver) {
                checked.complete();
                return;
            }
            sessions.peek(sessionHash).compose(current -> current == null ? Future.succeededFuture(Standing.SIGNED_OUT)
                    : access.check(current).map(StaffAccess.Verdict::standing)).onSuccess(standing -> {
                        // A lead may require TOTP (or reset someone's) while their console is open: enrol first.
                        if (standing == Standing.TOTP_ENROLMENT_DUE) close("error.totp_enrolment", 4403, "TOTP enrolment due");
                        else if (standing == Standing.PASSWORD_CHANGE_DUE) close("error.password_change", 4403, "password change due");
                        else if (standing == Standing.SIGNED_OUT) endForLostSession();
                    }).onComplete(done -> checked.complete());
        });
        return checked.future();
    }

    /**
     * A newer console of the same account took this one's place ({@code limits.consolesPerAccount}): the directory no
     * longer lists it, so it is told and closed with 4409, on which the console page does not reconnect by itself.
     */
    void giveWay() {
        context.runOnContext(v -> close("error.console_elsewhere", CONSOLE_ELSEWHERE, "console opened in a newer connection"));
    }

    /** Ended by logout, by a lead, or by its idle timeout: the console is told and closed, and shows nothing more. */
    private void endForLostSession() {
        close("error.session", 4401, "session ended");
    }

    private void close(String messageKey, int status, String reason) {
        if (sessionOver) return;
        send(Frames.error(ErrorCode.FORBIDDEN, messageKey, session.uiLanguage()));
        sessionOver = true;
        socket.close((short) status, reason);
    }

    /**
     * Passed on at most once in {@link SurvivorSocket#TYPING_GAP_MILLIS} a conversation, as a survivor's is (a signed-in
     * account can flood as well as anyone). Only a held conversation's time is kept; another's typing goes to the
     * store's check, which refuses it.
     */
    private Future<Void> typing(String conversation) {
        long now = reader.clock().millis();
        if (held.containsKey(conversation)) {
            Long last = typingPassedAt.get(conversation);
            if (last != null && now - last < SurvivorSocket.TYPING_GAP_MILLIS) return Future.succeededFuture();
            typingPassedAt.put(conversation, now);
        }
        return conversations.advocateTyping(username(), conversation);
    }

    /** Handles one frame; completes (never fails) once it has taken effect or its error was sent. */
    private Future<Void> handleText(Buffer text) {
        String conversation = null;
        Future<Void> handled;
        try {
            JsonObject frame = reader.read(text);
            conversation = frame.getValue("conversation") instanceof String s ? s : null;
            handled = handle(frame);
        } catch (Refusal e) {
            handled = Future.failedFuture(e);
        }
        String about = conversation;
        return Settled.orElse(handled, e -> {
            send(error(e, about));
            return Future.succeededFuture();
        });
    }

    private Future<Void> handle(JsonObject f) {
        String conversation = FrameReader.string(f, "conversation");
        return switch (f.getString("type")) {
            case "shift.start" -> startShift(FrameReader.number(f, "capacity"));
            case "shift.end" -> conversations.endShift(username());
            case "accept" -> conversations.accept(username(), required(conversation)).mapEmpty();
            case "message" -> {
                String clientId = FrameReader.string(f, "clientId");
                if (clientId == null) yield Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
                boolean plain = f.getValue("referrals") == null && f.getValue("partner") == null;
                if (plain) ownEchoes.expect(clientId);
                Future<AppendResult> sent = message(f, required(conversation), clientId);
                if (plain) sent.onFailure(e -> ownEchoes.forget(clientId));
                yield Settled.done(sent.onSuccess(r -> sendEncoded(Frames.encodedAck(clientId, r.message().seq(),
                        conversation))));
            }
            case "typing" -> typing(required(conversation));
            case "transfer" -> conversations.transfer(username(), required(conversation), FrameReader.string(f, "to")).mapEmpty();
            case "end" -> conversations.endByAdvocate(username(), required(conversation), FrameReader.flag(f, "safetyExit")).mapEmpty();
            case "block" -> conversations.block(username(), required(conversation)).mapEmpty();
            // Both sides hear of the offer through LiveEvent.VideoOffered, this socket included.
            case "video.offer" -> video.offer(username(), required(conversation),
                    CallMedia.fromWire(FrameReader.string(f, "media"))).mapEmpty();
            // Warm referral to a partner program: the answer comes as `referral` frames (LiveEvent.ReferralNews).
            case "referral.propose" -> referrals.propose(username(), required(conversation), FrameReader.string(f, "partner"),
                    FrameReader.string(f, "reason"));
            // The person at the console typed or clicked: every frame renews the session, this one does nothing else.
            case "active" -> Future.succeededFuture();
            default -> Future.failedFuture(new Refusal(ErrorCode.UNKNOWN_TYPE));
        };
    }

    /** An advocate's message is text, referral items, or a partner from the directory: one of the three. */
    private Future<AppendResult> message(JsonObject f, String conversation, String clientId) {
        String partner = FrameReader.partner(f);
        if (partner != null) return partnerCards.send(username(), conversation, clientId, partner);
        List<Referral> referrals = FrameReader.referrals(f);
        return referrals == null
                ? conversations.advocateMessage(username(), conversation, clientId, FrameReader.string(f, "text"))
                : conversations.advocateReferrals(username(), conversation, clientId, referrals);
    }

    private static String required(String conversation) {
        if (conversation == null || conversation.isBlank()) throw new Refusal(ErrorCode.BAD_REQUEST);
        return conversation;
    }

    private Future<Void> startShift(Long capacity) {
        return accounts.account(username()).compose(account -> {
            List<String> languages = account.map(a -> a.languages()).orElse(List.of("en"));
            Integer cap = capacity == null ? account.map(a -> a.capacity() > 0 ? a.capacity() : null).orElse(null)
                    : Integer.valueOf((int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, capacity)));
            return conversations.startShift(username(), session.displayName(), languages, cap);
        }).mapEmpty();
    }

    /** Starts watching a conversation and sends it whole to the console, with whether its survivor is away. */
    private Future<Void> show(Conversation c) {
        Future<List<ChatMessage>> read = conversations.messagesAfter(c.id(), 0);
        Future<Instant> away = conversations.awaySince(c.id());
        return Future.all(read, away).map(all -> {
            List<ChatMessage> messages = read.result();
            context.runOnContext(v -> {
                if (held.containsKey(c.id())) return;
                long last = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).seq();
                hold(c.id(), new MessageCursor(c.id(), last, conversations::messagesAfter,
                        m -> { if (!ownEchoes.absorbs(m)) sendEncoded(Frames.encodedMessage(m, Sender.ADVOCATE, c.id())); }, this::later));
                JsonObject frame = Frames.conversation(c, messages);
                if (away.result() != null) frame.put("awaySince", away.result().toString());
                send(frame);
                held.get(c.id()).catchUp();
            });
            return null;
        });
    }

    // ---- events, delivered on this socket's context

    void onEvent(LiveEvent event) {
        context.runOnContext(v -> handleEvent(event));
    }

    private void handleEvent(LiveEvent event) {
        if (sessionOver) return; // told why and closing: nothing more is written after its close frame
        if (event instanceof LiveEvent.MessageAdded m) {
            MessageCursor cursor = held.get(m.conversation());
            if (cursor != null) cursor.offer(m.message());
        } else if (event instanceof LiveEvent.MaybeMissed m) {
            held.values().forEach(MessageCursor::catchUp);
            recheck.run();
        } else if (event instanceof LiveEvent.Typing t) {
            if (t.from() == Actor.Party.SURVIVOR) send(Frames.of("typing").put("conversation", t.conversation()));
        } else if (event instanceof LiveEvent.Assigned a) {
            conversations.conversation(a.conversation()).onSuccess(c -> {
                if (c != null && username().equals(c.advocate())) show(c);
            });
        } else if (event instanceof LiveEvent.Transferred t) {
            if (username().equals(t.fromAdvocate())) {
                release(t.conversation());
                send(Frames.of("transferred").put("conversation", t.conversation()).put("to", t.toAdvocate()));
            } else if (username().equals(t.toAdvocate())) {
                conversations.conversation(t.conversation()).onSuccess(c -> {
                    if (c != null) show(c);
                });
            }
        } else if (event instanceof LiveEvent.Ended e) {
            letGoEnded(e.conversation(), e.reason());
        } else if (event instanceof LiveEvent.ShiftChanged s) {
            conversations.shiftOf(username()).onSuccess(current -> context.runOnContext(v -> {
                shift = current;
                queueShown = false;
                sendShift();
            }));
        } else if (event instanceof LiveEvent.VideoOffered v) {
            // The moderator's token is the offering advocate's alone: a chat passed to a colleague while the offer was
            // being signed is theirs now, but the call is not.
            if (held.containsKey(v.conversation()) && username().equals(v.advocate())) {
                send(Frames.of("video").put("conversation", v.conversation()).put("url", v.url()).put("jwt", v.advocateJwt())
                        .put("room", v.room()).put("domain", v.domain()).put("media", v.media()));
            }
        } else if (event instanceof LiveEvent.SurvivorPresence p) {
            if (held.containsKey(p.conversation())) {
                JsonObject frame = Frames.of("presence").put("conversation", p.conversation()).put("away", p.away());
                if (p.away()) frame.put("awaySince", p.awaySince().toString());
                send(frame);
            }
        } else if (event instanceof LiveEvent.AdvocateNotice n) {
            send(Frames.error(Objects.requireNonNullElse(ErrorCode.fromWire(n.code()), ErrorCode.UNAVAILABLE), n.message(),
                    session.uiLanguage())
                    .put("conversation", n.conversation()));
        } else if (event instanceof LiveEvent.CallRinging r) {
            // The call reaches the console (as a conversation) only once the advocate answers their phone and presses 1.
            send(Frames.of("call").put("conversation", r.conversation()).put("state", "ringing"));
        } else if (event instanceof LiveEvent.ReferralNews r) {
            if (username().equals(r.advocate())) sendEncoded(r.toAdvocate());
        } else if (event instanceof LiveEvent.SessionEnded s) {
            if (sessionHash.equals(s.sessionHash())) endForLostSession();
        } else if (event instanceof LiveEvent.LeftProgram l) {
            // This socket's program only (its directory hears its program's events): the session and other consoles stay.
            if (username().equals(l.username())) close("error.left_program", 4403, "no longer in this program");
        }
    }

    /** Told once: an event and a {@link #reconcile} may both find the chat gone. */
    private void letGoEnded(String conversation, EndReason reason) {
        if (!release(conversation)) return;
        JsonObject frame = Frames.of("ended").put("conversation", conversation);
        if (reason != null) frame.put("reason", reason.wire());
        send(frame);
    }

    /**
     * Shows what the events published while this node was not subscribed to the live Redis would have: a chat shown
     * that ended or was passed on is let go (with why it ended, kept 2 minutes; else no reason), one this advocate
     * holds now is shown, and a changed shift is sent with its queue. The queue itself is sent again by the
     * broadcaster if it changed. Each chat is read on its own, so one accepted after {@code heldBy} is not let go.
     */
    private Future<Void> reconcile() {
        Future<List<Conversation>> holding = conversations.heldBy(username());
        Future<Shift> current = conversations.shiftOf(username());
        Future<?> lettingGo = Future.all(List.copyOf(held.keySet()).stream().map(this::letGoIfNotHeld).toList());
        return Future.all(holding, current, lettingGo).compose(all -> {
            if (!Objects.equals(current.result(), shift)) {
                shift = current.result();
                queueShown = false;
                sendShift();
            }
            return Future.all(holding.result().stream().filter(c -> !held.containsKey(c.id())).map(this::show).toList());
        }).mapEmpty();
    }

    private Future<Void> letGoIfNotHeld(String id) {
        return conversations.conversation(id).compose(c -> {
            if (c == null) return conversations.recentEnd(id).map(reason -> {
                letGoEnded(id, reason);
                return null;
            });
            if (c.isActive() && !username().equals(c.advocate()) && release(id)) {
                send(Frames.of("transferred").put("conversation", id).put("to", c.advocate()));
            }
            return DONE;
        });
    }

    private void later(long millis, Runnable task) {
        context.owner().setTimer(millis, t -> task.run()); // set from this context, so run on it
    }

    /** The queue as this advocate is offered it; sent only on shift, only when it changed, and not while backed up. */
    void onQueue(QueueViews views) {
        context.runOnContext(v -> showQueue(views));
    }

    private void showQueue(QueueViews views) {
        if (shift == null) {
            owedQueue = null;
            return;
        }
        if (!out.writable()) {
            owedQueue = views;
            return;
        }
        owedQueue = null;
        QueueViews.View view = views.viewFor(shift);
        if (queueShown && view.key() == lastQueue) return;
        lastQueue = view.key();
        queueShown = true;
        if (!sessionOver) out.text(view.encoded());
    }

    private void sendOwedQueue() {
        if (owedQueue != null) showQueue(owedQueue);
    }

    private void sendShift() {
        JsonObject frame = Frames.of("shift").put("onShift", shift != null);
        if (shift != null) frame.put("capacity", shift.capacity()).put("languages", new JsonArray(shift.languages()));
        send(frame);
        if (shift != null) conversations.snapshot().onSuccess(q -> onQueue(new QueueViews(q)));
    }

    private JsonObject error(Throwable e, String conversation) {
        JsonObject frame = Frames.error(e, session.uiLanguage());
        if (conversation != null) frame.put("conversation", conversation);
        return frame;
    }

    private void send(JsonObject frame) {
        if (sessionOver) return;
        directory.sent(frame);
        out.text(FrameJson.encode(frame));
    }

    /** A chat message or an ack, already written out: never an error, so nothing for the directory to count. */
    private void sendEncoded(String frame) {
        if (!sessionOver) out.text(frame);
    }

    /** The same, as this thread's UTF-8 bytes ({@link JsonBytes}). */
    private void sendEncoded(JsonBytes frame) {
        if (!sessionOver) out.text(frame);
    }
}
