package org.hearthhub.sms;

/**
 * What the caps on the hub's own replies to texts report for operational metrics: each reply a cap refused, by the
 * cap. Counts only, by a fixed word, never a number.
 */
public interface AutoReplyMeter {
    AutoReplyMeter NONE = cap -> {
    };

    /** The caps of {@link AutoReplies}. */
    enum Cap {
        NUMBER_HOUR("number_hour"), NUMBER_DAY("number_day"), HUB_HOUR("hub_hour");

        private final String wire;

        Cap(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    void refused(Cap cap);
}
