package org.hearthhub.video;

import io.jsonwebtoken.Jwts;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Tokens for 8x8 Jitsi as a Service: RS256 with the key whose public half is uploaded in the JaaS
 * console; header {@code kid} that key's id, {@code iss} "chat", {@code aud} "jitsi", {@code sub} the
 * tenant ({@code vpaas-magic-cookie-…}), and every paid-for feature that could copy the call off.
 */
public final class JaasTokens implements RoomTokens {
    /** Recording, streaming, transcripts and dialling out would each take the call beyond its two people. */
    static final Map<String, String> FEATURES = Map.of(
            "recording", "false",
            "livestreaming", "false",
            "transcription", "false",
            "outbound-call", "false",
            "sip-outbound-call", "false");

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
                .notBefore(Date.from(notBefore))
                .expiration(Date.from(expires))
                .claim("context", Map.of("user", JitsiClaims.user(who), "features", FEATURES))
                .signWith(key, Jwts.SIG.RS256)
                .compact();
    }

    @Override
    public String roomPath(String room) {
        return tenant + "/" + room;
    }
}
