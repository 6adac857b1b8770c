package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.Shift;

import java.util.List;

/** Who is on shift, on any node. */
public interface ShiftStore {

    Future<Void> putShift(Shift shift);

    /**
     * Takes the advocate off shift, only if they hold no active conversation, in one step with that check: an accept
     * or a transfer to them cannot land between the two, and {@link ConversationStore#assign}/{@link
     * ConversationStore#transfer} refuse (in their own step) someone no longer on shift. Answers false, and nothing
     * changed, while they hold one; true otherwise (also when they were not on shift).
     */
    Future<Boolean> removeShiftIfIdle(String username);

    Future<List<Shift>> shifts();
}
