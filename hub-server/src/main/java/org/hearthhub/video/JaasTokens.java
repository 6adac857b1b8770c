package org.hearthhub.video;

import io.jsonwebtoken.Jwts;

import java.security.PrivateKey;
import org.hearthhub.util.Ids;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Date;
import java.util.Map;

/**
 * Tokens for 8x8 Jitsi as a Service: RS256 with the key whose public half is uploaded in the JaaS
 * console; header {@code kid} that key's id, {@code iss} "chat", {@code aud} "jitsi", {@code sub} the
 * tenant ({@code vpaas-magic-cookie-…}), a random {@code context.user.id}, {@code nbf} back-dated for
 * clock skew, and every paid-for feature that could copy the call off.
 */
public final class JaasTokens implements RoomTokens {
    /** Recording, streaming, transcripts and dialling out would each take the call beyond its two people. */
    static final Map<String, String> FEATURES = Map.of(
            "recording", "false",
            "livestreaming", "false",
            "transcription", "false",
            "outbound-call", "false",
            "sip-outbound-call", "false");

    /** 8x8's samples start a token's validity a little early: a JaaS server whose clock runs behind would refuse it. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    private final String keyId;
    private final String tenant;
    private final PrivateKey key;

    public JaasTokens(String keyId, String tenant, PrivateKey key) {
        this.keyId = keyId;
        this.tenant = tenant;
        this.key = key;
    }

    @Override
    public String mint(String room, Participant who, Instant notBefore, Instant expires) {
        return Jwts.builder()
                .header().keyId(keyId).type("JWT").and()
                .issuer("chat")
                .audience().single("jitsi")
                .subject(tenant)
                .claim("room", room)
                .notBefore(Date.from(notBefore.minus(CLOCK_SKEW)))
                .expiration(Date.from(expires))
                .claim("context", Map.of("user", userWithId(who), "features", FEATURES))
                .signWith(key, Jwts.SIG.RS256)
                .compact();
    }

    /**
     * JaaS expects {@code context.user.id}; a fresh random one per token, so it names no one and links
     * nothing (not the survivor to a later call, not two tokens to each other).
     */
    private static Map<String, String> userWithId(Participant who) {
        Map<String, String> user = new HashMap<>(JitsiClaims.user(who));
        user.put("id", Ids.random(16));
        return user;
    }

    @Override
    public String roomPath(String room) {
        return tenant + "/" + room;
    }
}
