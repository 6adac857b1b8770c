package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.live.LiveStore;
import org.hearthhub.live.LiveEvent;

import java.time.Duration;

/**
 * Which advocate's phone rings for a hotline call: one ring at a time, held as a claim in the live store under
 * the call's id. Each ring ({@code attempt}) gives up only its own claim, in one atomic step, so a ring whose
 * end is reported late never ends the one that replaced it.
 */
public final class CallRings {
    /** Time after the last ring for the phone's answer to reach the hub (the whisper and the keypress). */
    private static final int MARGIN_SECONDS = 40;

    private final LiveStore live;
    private final Duration hold;

    CallRings(LiveStore live, int ringSeconds) {
        this.live = live;
        this.hold = Duration.ofSeconds(ringSeconds + MARGIN_SECONDS);
    }

    /**
     * Claims the call's ring for this attempt: unless another ring holds it, or, with {@code replace} (a call
     * the advocate already holds, rung again), in place of any ring. True when this attempt now rings.
     */
    Future<Boolean> claim(String conversationId, String username, String attempt, boolean replace) {
        String mine = holder(username, attempt);
        Future<String> holder = replace ? live.putExpiring(key(conversationId), mine, hold).map(mine)
                : live.putIfAbsent(key(conversationId), mine, hold);
        return holder.map(mine::equals);
    }

    /** True while this ring of this advocate's phone is the call's current one (not answered, ended or replaced). */
    public Future<Boolean> isRinging(String conversationId, String username, String attempt) {
        return live.peek(key(conversationId)).map(holder(username, attempt)::equals);
    }

    /**
     * Ends a ring (answered, or not: no answer, busy, voicemail, a wrong key); a queued call keeps its place in
     * the queue (it never left it). True when this ring was still the current one.
     */
    public Future<Boolean> end(String conversationId, String username, String attempt) {
        return live.takeIf(key(conversationId), holder(username, attempt))
                .onSuccess(ended -> {
                    if (ended) live.publish(new LiveEvent.QueueChanged());
                });
    }

    private static String holder(String username, String attempt) {
        return username + "|" + attempt;
    }

    private static String key(String conversationId) {
        return "call:ringing:" + conversationId;
    }
}
