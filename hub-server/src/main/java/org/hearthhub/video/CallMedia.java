package org.hearthhub.video;

import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;

import java.util.Locale;

/**
 * What a call offered from chat is: a video call (camera off at join, as always), or a voice call, in
 * which both sides join with audio only and the camera is never asked for, for a survivor who cannot be
 * seen. Both use the conversation's one room; only how each side joins it differs.
 */
public enum CallMedia {
    VIDEO, AUDIO;

    /** The {@code media} value of the {@code video.offer} and {@code video} frames. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code video.offer} or {@code audio.offer}: voice and video offers are counted apart in the audit log. */
    String auditAction() {
        return wire() + ".offer";
    }

    /**
     * The frame's {@code media}: absent is a video call, as before voice calls existed; any other value
     * is a bad request, so that a typo never turns a voice call into a video one.
     */
    public static CallMedia fromWire(String media) {
        if (media == null) return VIDEO;
        for (CallMedia m : values()) {
            if (m.wire().equals(media)) return m;
        }
        throw new Refusal(ErrorCode.BAD_REQUEST, "error.unknown_media");
    }
}
