package org.hearthhub.console;

import io.vertx.core.Future;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveEvents;

import java.util.List;

/**
 * What taking a person out of one program means on that program's live side: the chats they hold there (which keep
 * them in it until they are transferred or ended), their shift there ended, and their consoles for it closed on every
 * node (through the program's own event channel, so their consoles for other programs stay).
 */
final class ProgramLeave {
    private final ConversationService conversations;
    private final LiveEvents events;

    ProgramLeave(ConversationService conversations, LiveEvents events) {
        this.conversations = conversations;
        this.events = events;
    }

    Future<Integer> chatsHeld(String username) {
        return conversations.heldBy(username).map(List::size);
    }

    /** After the account no longer lists the program: no new console for it opens, and the open ones close now. */
    Future<Void> leave(String username) {
        return conversations.shiftOf(username)
                .compose(shift -> shift == null ? Future.<Void>succeededFuture() : conversations.endShift(username))
                .onComplete(done -> events.publish(new LiveEvent.LeftProgram(username)));
    }
}
