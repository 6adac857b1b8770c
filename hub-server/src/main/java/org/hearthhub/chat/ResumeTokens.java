package org.hearthhub.chat;

import org.hearthhub.util.Ids;

import java.util.regex.Pattern;

/**
 * A web survivor's resume token: the only secret that names their chat, 32 random bytes in base64url. The hub keeps
 * only its hash; a client passes it back unchanged, so a string of any other shape is no token the hub gave.
 */
public final class ResumeTokens {
    private static final int BYTES = 32;
    /** 32 bytes in base64url without padding: 43 characters. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private ResumeTokens() {
    }

    static String newToken() {
        return Ids.random(BYTES);
    }

    /** Whether {@code text} has the shape of a token the hub gives (not whether it names a live chat). */
    public static boolean wellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }
}
