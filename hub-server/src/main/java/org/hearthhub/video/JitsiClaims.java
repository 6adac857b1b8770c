package org.hearthhub.video;

import java.util.Map;

/** The {@code context.user} claim both Jitsi dialects share. */
final class JitsiClaims {
    private JitsiClaims() {
    }

    /**
     * A display name and the moderator flag, nothing else. The flag is the string "true"/"false": JaaS
     * requires strings, prosody's context.user fields must be strings, and token_affiliation reads both.
     */
    static Map<String, String> user(Participant who) {
        return Map.of("name", who.displayName(), "moderator", String.valueOf(who.moderator()));
    }
}
