package org.hearthhub.voice;

/**
 * What the hotline reports for operational metrics: calls answered without being queued, by why. Counts only, by a
 * fixed word, never a number or a call.
 */
public interface HotlineMeter {
    HotlineMeter NONE = why -> {
    };

    /** Why a call was answered without a place in the queue ({@link CallerHolds}). */
    enum NotQueued {
        /** Another call from the same number is queued or connected. */
        SECOND_CALL("second_call"),
        /** The number is withheld, and {@code voice.maxWithheldCalls} withheld calls are queued or connected. */
        WITHHELD_FULL("withheld_full");

        private final String wire;

        NotQueued(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    void callRefused(NotQueued why);
}
