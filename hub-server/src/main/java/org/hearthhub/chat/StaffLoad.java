package org.hearthhub.chat;

import io.vertx.core.Future;

import java.util.function.Function;

/**
 * What a person holds in the hub's other programs, so that capacity is the person's and not each program's:
 * an advocate at capacity 3 holding two chats in one program and one in another takes nothing more in either.
 * One program's {@link ConversationService} sees the others through this, made for it by the hub.
 */
public interface StaffLoad {

    /** What a person holds outside the program asking: how many conversations, and whether one is a hotline call. */
    record Elsewhere(int held, boolean onCall) {
        public static final Elsewhere NOTHING = new Elsewhere(0, false);
    }

    /**
     * Runs {@code step} with what {@code username} holds outside this program, as the person's turn: no other
     * step that could add to their holdings (an accept, a transfer to them, an answered call) runs meanwhile for
     * them in any program on any node, so reading the count and the assignment it allows are one step.
     */
    <T> Future<T> inTurn(String username, Function<Elsewhere, Future<T>> step);

    /** A hub of one program: nothing is held elsewhere, and the program's own assign step is atomic already. */
    StaffLoad ONE_PROGRAM = new StaffLoad() {
        @Override
        public <T> Future<T> inTurn(String username, Function<Elsewhere, Future<T>> step) {
            return step.apply(Elsewhere.NOTHING);
        }
    };
}
