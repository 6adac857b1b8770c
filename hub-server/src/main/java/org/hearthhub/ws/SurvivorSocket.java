package org.hearthhub.ws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.hearthhub.actor.Actor;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.guard.ProofOfWork;
import org.hearthhub.guard.Source;
import org.hearthhub.guard.StartGuard;
import org.hearthhub.i18n.Languages;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Sender;
import org.hearthhub.model.SocketSide;
import org.hearthhub.model.SurvivorSocketClosing;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.referral.WarmReferrals;
import org.hearthhub.settings.ReferralsFor;
import org.hearthhub.util.Settled;

import java.util.function.Function;

/**
 * One survivor's socket: at most one conversation, no authentication beyond the resume token.
 * All state is touched only on the socket's event-loop context.
 */
final class SurvivorSocket {
    private static final int FRAMES_PER_SECOND = 20;
    /**
     * Typing is passed on at most once in this long, each way: the widget and the console send it every 3 s at most
     * and show it for 6 s and 4 s, so more is only a flood of events to every node and socket (20 or 30 a second
     * within the frame budgets).
     */
    static final long TYPING_GAP_MILLIS = 2_000;

    private final ServerWebSocket socket;
    private final FrameOut out;
    private final Context context;
    /** Where this socket came from, as a keyed hash: what the per-source guards count by. */
    private final Source source;
    private final StartGuard guard;
    private final ConversationService conversations;
    private final CurrentSettings settings;
    private final SocketDirectory directory;
    private final FrameReader reader;
    private final FrameBudget budget;
    private final WarmReferrals.ProgramReferrals referrals;
    /** A referral answer is on its way: the chat's end as {@code referred} is this socket's move, told by {@code moved}. */
    private boolean answering;
    private String lang = Languages.DEFAULT;
    private String conversation;
    private MessageCursor cursor;
    private int lastPosition = -1;
    private Long lastEstimate;
    /** The advocate this socket last said holds its chat; null while it waits in the queue. */
    private String shownAdvocate;
    private boolean busy;
    /** An end (false) or quick exit (true) that came while a start or resume was under way: done once it is. */
    private Boolean endWhenDone;
    /** A start or resume arrived: the socket is not one held open for nothing (see SocketUpkeep). */
    private boolean begun;
    /** The proof-of-work challenge this socket was last given: good for one answer, kept nowhere else. */
    private String challenge;
    private boolean closed;
    /** Reads the chat again once this socket hears its events ({@link #recheckOnce}); retried while it shows one. */
    private final RetriedStep recheck = new RetriedStep(this::recheckOnce, this::later, () -> !closed && conversation != null);
    /** When this socket's typing was last passed on, on the hub's clock. */
    private long typingPassedAt = -TYPING_GAP_MILLIS;
    /** Connected/away changes of this socket, reaching the store one after another in the order they happened. */
    private Future<Void> presence = Future.succeededFuture();

    SurvivorSocket(ServerWebSocket socket, FrameOut out, Context context, Source source, StartGuard guard, ConversationService conversations,
                   CurrentSettings settings, SocketDirectory directory, FrameReader reader, WarmReferrals.ProgramReferrals referrals) {
        this.socket = socket;
        this.out = out;
        this.referrals = referrals;
        this.context = context;
        this.source = source;
        this.guard = guard;
        this.conversations = conversations;
        this.settings = settings;
        this.directory = directory;
        this.reader = reader;
        this.budget = reader.budget(FRAMES_PER_SECOND);
        MessageAssembler.attach(socket, reader.hardLimit(), this::onText, this::onBinary);
        socket.closeHandler(v -> onClose());
    }

    /** The event loop this socket lives on: everything about it happens there. */
    Context context() {
        return context;
    }

    /** The survivor's last connection to a conversation closing marks them away (see ConversationService). */
    private void onClose() {
        directory.remove(this);
        closed = true;
        if (conversation != null) presence(conversations::survivorDisconnected, conversation);
    }

    private void presence(Function<String, Future<Void>> change, String id) {
        presence = presence.transform(previous -> change.apply(id));
    }

    String conversation() {
        return conversation;
    }

    boolean begun() {
        return begun;
    }

    /** Every frame counts against the flood budget, including binary ones, which are never valid; a flood is told once a second. */
    private boolean withinBudget() {
        FrameBudget.Verdict verdict = budget.take();
        if (verdict == FrameBudget.Verdict.READ) return true;
        directory.overBudget(SocketSide.SURVIVOR);
        if (verdict == FrameBudget.Verdict.REFUSE_AND_ANSWER) send(Frames.error(ErrorCode.RATE_LIMITED, "error.rate_limited", lang));
        return false;
    }

    private void onBinary() {
        if (withinBudget()) send(Frames.error(ErrorCode.BAD_REQUEST, "error.bad_request", lang));
    }

    private void onText(Buffer text) {
        if (!withinBudget()) return;
        Future<Void> handled;
        try {
            JsonObject frame = reader.read(text);
            handled = handle(frame);
        } catch (Refusal e) {
            handled = Future.failedFuture(e);
        }
        handled.onComplete(r -> {
            if (r.failed()) send(Frames.error(r.cause(), lang));
            if (!busy) endIfAsked();
        });
    }

    private Future<Void> handle(JsonObject frame) {
        String type = frame.getString("type");
        if (type.equals("start") || type.equals("resume")) begun = true;
        return switch (type) {
            case "start" -> start(FrameReader.string(frame, "lang"), FrameReader.string(frame, "proof"));
            case "resume" -> resume(FrameReader.string(frame, "token"), FrameReader.number(frame, "lastSeq"));
            case "message" -> message(FrameReader.string(frame, "clientId"), FrameReader.string(frame, "text"));
            case "typing" -> typing();
            case "end" -> end(false);
            case "exit" -> end(true);
            case "referral.answer" -> answerReferral(FrameReader.string(frame, "offer"), frame.getValue("accept"),
                    FrameReader.string(frame, "share"));
            default -> Future.failedFuture(new Refusal(ErrorCode.UNKNOWN_TYPE));
        };
    }

    /**
     * A start passes the {@link StartGuard} first: it may cost a proof of work ({@code challenge}, then
     * {@code start} again with {@code proof}), or be refused with the referrals. Closed hours are told first.
     */
    private Future<Void> start(String requestedLang, String proof) {
        if (conversation != null || busy) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.already_started"));
        lang = Languages.normalize(requestedLang);
        if (!conversations.opening().withinHours()) {
            send(closedFrame());
            return Future.succeededFuture();
        }
        boolean proved = proof != null;
        if (proved) {
            String asked = challenge;
            challenge = null; // single use, right or wrong
            if (asked == null || !ProofOfWork.solves(asked, proof, guard.challengeBits())) {
                return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.bad_proof"));
            }
        }
        StartGuard.Verdict verdict = guard.admit(source, proved);
        if (verdict == StartGuard.Verdict.CHALLENGE) {
            challenge = ProofOfWork.newChallenge();
            send(Frames.of("challenge").put("challenge", challenge).put("bits", guard.challengeBits()));
            return Future.succeededFuture();
        }
        if (verdict != StartGuard.Verdict.START) {
            send(refusal(verdict == StartGuard.Verdict.REFUSE_SURGE ? "surge" : "source"));
            return Future.succeededFuture();
        }
        busy = true;
        return conversations.startWeb(lang)
                .onComplete(r -> {
                    busy = false;
                    if (r.succeeded()) guard.started(source, r.result().conversation().id());
                    else guard.abandoned(source);
                })
                .map(s -> {
                    bind(s.conversation().id(), 0);
                    remember(s.position(), s.estimatedWaitSeconds());
                    send(Frames.of("started").put("conversation", s.conversation().id()).put("token", s.token())
                            .put("position", s.position()).put("estimatedWaitSeconds", s.estimatedWaitSeconds())
                            .put("staffed", s.staffed()));
                    shownAdvocate = null;
                    recheck.run();
                    return (Void) null;
                })
                .recover(e -> {
                    if (e instanceof Refusal ce && ce.code() == ErrorCode.CLOSED) {
                        send(closedFrame());
                        return Future.succeededFuture();
                    }
                    return Future.failedFuture(e);
                });
    }

    /** Never a silent refusal: why, in the survivor's language, and where else to turn. */
    private JsonObject refusal(String reason) {
        return Frames.error(new Refusal(ErrorCode.RATE_LIMITED, "error.refused_" + reason).with("reason", reason)
                .with("referrals", Frames.referrals(ReferralsFor.lang(settings.get(), lang))), lang);
    }

    JsonObject closedFrame() {
        JsonObject frame = Frames.of("closed").put("referrals", Frames.referrals(ReferralsFor.lang(settings.get(), lang)));
        Frames.reopening(frame, conversations);
        return frame;
    }

    private Future<Void> resume(String token, Long lastSeq) {
        if (conversation != null || busy) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.already_started"));
        busy = true;
        long after = lastSeq == null ? 0 : Math.max(0, lastSeq);
        return conversations.resume(token, after).onComplete(r -> busy = false).<Void>map(r -> {
            lang = r.conversation().lang();
            JsonObject resumed = Frames.of("resumed").put("conversation", r.conversation().id())
                    .put("state", r.conversation().state().wire());
            if (r.position() > 0) {
                resumed.put("position", r.position()).put("estimatedWaitSeconds", r.estimatedWaitSeconds())
                        .put("staffed", r.estimatedWaitSeconds() != null);
                remember(r.position(), r.estimatedWaitSeconds());
            }
            if (r.conversation().advocateName() != null) resumed.put("advocate", r.conversation().advocateName());
            send(resumed);
            shownAdvocate = r.conversation().advocateName();
            // Missed messages include the survivor's own, so a reloaded widget can redraw the whole chat.
            long last = after;
            for (ChatMessage m : r.missed()) {
                send(Frames.ownMessage(m));
                last = m.seq();
            }
            bind(r.conversation().id(), last);
            recheck.run();
            // An offer not answered yet is asked again: the page was reloaded on the consent screen.
            referrals.pendingFrame(r.conversation().id()).onSuccess(offer -> {
                if (offer != null) send(offer);
            });
            return null;
        }).recover(e -> {
            if (!(e instanceof Refusal refused && refused.code() == ErrorCode.RATE_LIMITED)) return Future.failedFuture(e);
            // Closed, not answered: a client's reconnect backs off, where an answered resume would be sent again at once.
            closeFor(SurvivorSocketClosing.RESUMES_OVER_LIMIT);
            return Future.succeededFuture();
        });
    }

    /**
     * The survivor's answer to a warm referral offered in their chat. Accepted, the chat went on in the partner
     * program: {@code moved} tells the widget where, with a resume token there, and this socket lets the old chat go.
     */
    private Future<Void> answerReferral(String offer, Object accept, String share) {
        if (conversation == null) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.not_started"));
        answering = true;
        return referrals.answer(conversation, offer, accept, share).onComplete(r -> answering = false).map(moved -> {
            if (moved == null) return null;
            send(Frames.of("moved").put("program", moved.program()).put("token", moved.token())
                    .put("conversation", moved.conversation()).put("agency", moved.agency()).put("position", moved.position())
                    .put("estimatedWaitSeconds", moved.estimatedWaitSeconds()).put("staffed", moved.staffed()));
            letGo();
            return null;
        });
    }

    /**
     * This socket no longer shows its chat (it ended, moved to another program, or went on in a newer socket). Its
     * cursor is stopped, not just dropped: a catch-up read still under way delivers nothing after the chat left.
     */
    private void letGo() {
        if (conversation == null) return;
        directory.unbind(this, conversation);
        conversation = null;
        cursor.stop();
        cursor = null;
    }

    private Future<Void> message(String clientId, String text) {
        if (conversation == null) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.not_started"));
        if (clientId == null) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
        return Settled.done(conversations.survivorMessage(conversation, clientId, text)
                .onSuccess(r -> sendEncoded(Frames.encodedAck(clientId, r.message().seq(), null))));
    }

    private Future<Void> typing() {
        if (conversation == null) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.not_started"));
        long now = reader.clock().millis();
        if (now - typingPassedAt >= TYPING_GAP_MILLIS) {
            typingPassedAt = now;
            conversations.survivorTyping(conversation);
        }
        return Future.succeededFuture();
    }

    private Future<Void> end(boolean quickExit) {
        if (conversation == null && busy) {
            // The chat a start or resume brings is ended as soon as it is bound: a quick exit must not leave it open.
            endWhenDone = quickExit || Boolean.TRUE.equals(endWhenDone);
            return Future.succeededFuture();
        }
        if (conversation == null) {
            // Quick exit before a chat started still gets a clean answer: the widget leaves either way.
            if (quickExit) send(Frames.of("ended").put("reason", "quick_exit"));
            return quickExit ? Future.succeededFuture() : Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.not_started"));
        }
        return conversations.survivorEnd(conversation, quickExit).mapEmpty();
    }

    /** The end asked for while a start or resume was under way, now that it is done (with a chat bound, or none). */
    private void endIfAsked() {
        Boolean quickExit = endWhenDone;
        if (quickExit == null) return;
        endWhenDone = null;
        end(quickExit).onFailure(e -> send(Frames.error(e, lang)));
    }

    private void bind(String id, long lastSeq) {
        conversation = id;
        cursor = new MessageCursor(id, lastSeq, conversations::messagesAfter, m -> {
            if (m.from() != Sender.SURVIVOR) sendEncoded(Frames.encodedMessage(m, null, null));
        }, this::later);
        presence(conversations::survivorConnected, id);
        if (closed) {
            // Closed while its start or resume was under way: away at once, or it would hold its place unseen; and
            // filed nowhere, or it would take one of the chat's places (limits.socketsPerChat) from a live socket.
            presence(conversations::survivorDisconnected, id);
            return;
        }
        SurvivorSocket displaced = directory.bind(this, id);
        if (displaced != null) displaced.giveWay();
        cursor.catchUp();
    }

    /**
     * A newer socket took this one's place in its chat ({@code limits.socketsPerChat}): the directory no longer
     * routes the chat here. The socket lets the chat go and closes with 4409, on which the widget does not
     * reconnect by itself.
     */
    void giveWay() {
        context.runOnContext(v -> {
            if (closed || conversation == null) return;
            presence(conversations::survivorDisconnected, conversation);
            letGo();
            closeFor(SurvivorSocketClosing.CONTINUED_ELSEWHERE);
        });
    }

    private void closeFor(SurvivorSocketClosing why) {
        directory.closing(why);
        socket.close(why.status(), why.reason());
    }

    private void remember(int position, Long estimate) {
        lastPosition = position;
        lastEstimate = estimate;
    }

    // ---- events, delivered on this socket's context by the directory

    void onEvent(LiveEvent event) {
        context.runOnContext(v -> handleEvent(event));
    }

    private void handleEvent(LiveEvent event) {
        if (conversation == null) return;
        if (event instanceof LiveEvent.MessageAdded m) {
            cursor.offer(m.message());
        } else if (event instanceof LiveEvent.MaybeMissed m) {
            cursor.catchUp();
            recheck.run();
        } else if (event instanceof LiveEvent.Assigned a) {
            showAdvocate(a.advocateName());
        } else if (event instanceof LiveEvent.Transferred t) {
            showAdvocate(t.toName());
        } else if (event instanceof LiveEvent.Typing t) {
            if (t.from() != Actor.Party.SURVIVOR) send(Frames.of("typing"));
        } else if (event instanceof LiveEvent.VideoOffered v) {
            send(Frames.of("video").put("url", v.url()).put("domain", v.domain())
                    .put("room", v.room()).put("jwt", v.survivorJwt()).put("media", v.media()));
        } else if (event instanceof LiveEvent.ReferralNews r) {
            sendEncoded(r.toSurvivor());
        } else if (event instanceof LiveEvent.Ended e) {
            if (e.reason() == EndReason.REFERRED && answering) {
                letGo();
                return;
            }
            JsonObject ended = Frames.of("ended").put("reason", e.reason().wire());
            if (e.feedbackTicket() != null) ended.put("feedbackTicket", e.feedbackTicket());
            send(ended);
            letGo();
        }
    }

    /** Says who holds the chat now; once: a recheck and a late event may both bring the same news. */
    private void showAdvocate(String name) {
        if (name != null && name.equals(shownAdvocate)) return;
        lastPosition = 0;
        typingPassedAt = -TYPING_GAP_MILLIS; // what was typed in the queue (or to the advocate before) reached no one else
        shownAdvocate = name;
        send(Frames.of("assigned").put("advocate", name));
    }

    /**
     * Shows what the chat's events would have shown had this socket heard them: it hears them only once bound, after its
     * start or resume read the chat, and not while this node's subscription to the live Redis was down. An end (a
     * safety exit, whose {@code ended} makes the widget leave) or an accept or transfer landing in that gap would
     * otherwise never reach the survivor. Its reads can fail just after the subscription is back (the command
     * connection may not be yet): {@link #recheck} tries again.
     */
    private Future<Void> recheckOnce() {
        String id = conversation;
        if (id == null) return Future.succeededFuture();
        return conversations.conversation(id).compose(now -> {
            if (!id.equals(conversation)) return Future.succeededFuture(); // let go meanwhile, as its event said
            if (now != null) {
                if (now.isActive() && !java.util.Objects.equals(now.advocateName(), shownAdvocate)) showAdvocate(now.advocateName());
                return Future.succeededFuture();
            }
            return conversations.recentEnd(id).map(reason -> {
                if (!id.equals(conversation)) return null;
                send(Frames.of("ended").put("reason", (reason == null ? EndReason.ADVOCATE : reason).wire()));
                letGo();
                return null;
            });
        });
    }

    private void later(long millis, Runnable task) {
        context.owner().setTimer(millis, t -> task.run()); // set from this context, so run on it
    }

    /** Called by the queue broadcaster on this socket's context with this conversation's current place. */
    void onQueuePosition(int position, Long estimate) {
        context.runOnContext(v -> {
            if (conversation == null || lastPosition == 0 || position == 0) return;
            if (position != lastPosition || !java.util.Objects.equals(estimate, lastEstimate)) {
                remember(position, estimate);
                // no estimate for a place in line means nobody is on shift (WaitEstimator)
                send(Frames.of("queue").put("position", position).put("estimatedWaitSeconds", estimate).put("staffed", estimate != null));
            }
        });
    }

    private void send(JsonObject frame) {
        directory.sent(frame);
        out.text(FrameJson.encode(frame));
    }

    /** A chat message or an ack, already written out: never an error, so nothing for the directory to count. */
    private void sendEncoded(String frame) {
        out.text(frame);
    }

    /** The same, as this thread's UTF-8 bytes ({@link JsonBytes}). */
    private void sendEncoded(JsonBytes frame) {
        out.text(frame);
    }

}
