package org.hearthhub.chat;

import java.time.Duration;
import org.hearthhub.model.Channel;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Sender;

/**
 * What the conversation service reports for operational metrics: counts and durations by fixed
 * categories only. Counted where the change is made (not where events are received), so a sum over
 * several nodes counts each change once.
 */
public interface ConversationMeter {
    ConversationMeter NONE = new ConversationMeter() {
    };

    default void started(Channel channel) {
    }

    default void waited(Duration wait) {
    }

    default void message(Sender from) {
    }

    default void ended(EndReason reason) {
    }
}
