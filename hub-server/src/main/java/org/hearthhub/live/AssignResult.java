package org.hearthhub.live;

import org.hearthhub.model.Conversation;

/** Outcome of an atomic assignment or transfer. */
public record AssignResult(Outcome outcome, Conversation conversation) {
    public enum Outcome { ASSIGNED, NOT_QUEUED, NOT_HELD, NOT_ON_SHIFT, AT_CAPACITY, UNKNOWN }

    public boolean ok() {
        return outcome == Outcome.ASSIGNED;
    }
}
