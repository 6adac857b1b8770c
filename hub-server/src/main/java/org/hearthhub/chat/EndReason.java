package org.hearthhub.chat;

import java.util.Locale;

/**
 * Why a conversation ended, as sent in {@code ended} frames and counted in statistics. {@code AWAY}: it
 * waited in the queue with no survivor connected for longer than {@code queue.awayGraceSeconds}.
 */
public enum EndReason {
    SURVIVOR, ADVOCATE, QUICK_EXIT, SAFETY_EXIT, TIMEOUT, BLOCKED, AWAY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EndReason fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
