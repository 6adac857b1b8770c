package org.hearthhub.model;

import java.util.Locale;

/**
 * Why a conversation ended, as sent in {@code ended} frames and counted in statistics. {@code AWAY}: it
 * waited in the queue with no survivor connected for longer than {@code queue.awayGraceSeconds}.
 * {@code REFERRED}: the survivor accepted a warm referral, and the chat went on in the partner program.
 */
public enum EndReason {
    SURVIVOR, ADVOCATE, QUICK_EXIT, SAFETY_EXIT, TIMEOUT, BLOCKED, AWAY, REFERRED;

    /** Ended by a staff member's action, which the audit log records; the survivor's and the hub's own are not. */
    public boolean byStaff() {
        return this == ADVOCATE || this == SAFETY_EXIT || this == BLOCKED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EndReason fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
