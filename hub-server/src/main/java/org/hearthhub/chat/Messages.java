package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.live.AppendResult;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.live.NotLiveException;
import org.hearthhub.model.BlankText;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;
import org.hearthhub.util.Settled;

import java.time.Clock;
import java.util.List;

/**
 * The step every message takes, whoever sends it: the store appends it (refusing a repeated client id, giving the next
 * sequence number), then it is counted and told to every node. And what a message's text and client id may be.
 * This is the measured path of a chat message (docs/benchmarks.md): keep it free of futures and lambdas of its own.
 */
final class Messages {
    static final int MAX_TEXT_CHARS = 4000;

    private final LiveStore live;
    private final Clock clock;
    private final ConversationMeter meter;

    Messages(LiveStore live, Clock clock, ConversationMeter meter) {
        this.live = live;
        this.clock = clock;
        this.meter = meter;
    }

    Future<AppendResult> append(String conversationId, Sender from, String clientId, String text) {
        return append(conversationId, from, clientId, text, List.of());
    }

    Future<AppendResult> append(String conversationId, Sender from, String clientId, String text, List<Referral> referrals) {
        // Settled: a chat message's steps make no futures of their own when the store has already answered.
        return Settled.orElse(live.append(conversationId, from, clientId, text, referrals, clock.instant()),
                        e -> Future.failedFuture(e instanceof NotLiveException ? new Refusal(ErrorCode.NOT_FOUND) : e))
                .onSuccess(r -> {
                    if (r.duplicate()) return;
                    meter.message(from);
                    live.publish(new LiveEvent.MessageAdded(conversationId, r.message()));
                });
    }

    /** A client's own id for a message, echoed back to settle it: not blank, at most 64 characters. */
    static boolean validClientId(String clientId) {
        return !clientId.isBlank() && clientId.length() <= 64;
    }

    static Refusal validateText(String text, String clientId) {
        if (clientId != null && !validClientId(clientId)) return new Refusal(ErrorCode.BAD_REQUEST);
        // Nothing to see is an empty message, however many zero-width or spacing characters it holds.
        if (BlankText.showsNothing(text)) return new Refusal(ErrorCode.BAD_REQUEST, "error.empty_text");
        if (text.length() > MAX_TEXT_CHARS) return new Refusal(ErrorCode.TOO_LARGE);
        return null;
    }
}
