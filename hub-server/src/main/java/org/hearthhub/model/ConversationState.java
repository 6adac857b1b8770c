package org.hearthhub.model;

import java.util.Locale;

/** queued → active → ended; a transfer keeps a conversation active with another advocate. */
public enum ConversationState {
    QUEUED, ACTIVE, ENDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
