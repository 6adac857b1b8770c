package org.hearthhub.video;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Tokens for a self-hosted Jitsi with prosody's token authentication: HS256 with the shared app
 * secret, {@code iss} the app id, {@code aud} "jitsi" (listed in prosody's {@code asap_accepted_audiences}),
 * {@code sub} the XMPP domain. See docs/video.md for the matching prosody settings.
 */
public final class SelfHostedTokens implements RoomTokens {
    static final String AUDIENCE = "jitsi";
    static final int MIN_SECRET_BYTES = 32;

    private final String appId;
    private final String xmppDomain;
    private final SecretKey key;

    /** @param domain the Jitsi host name; a port, if any, is not part of the XMPP domain */
    public SelfHostedTokens(String appId, String appSecret, String domain) {
        byte[] secret = appSecret.getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the app secret must be at least " + MIN_SECRET_BYTES + " bytes for HS256");
        }
        this.appId = appId;
        this.xmppDomain = domain.replaceFirst(":\\d+$", "");
        this.key = Keys.hmacShaKeyFor(secret);
    }

    @Override
    public String mint(String room, Participant who, Instant notBefore, Instant expires) {
        return Jwts.builder()
                .header().type("JWT").and()
                .issuer(appId)
                // single(): a one-element array may be refused by prosody
                .audience().single(AUDIENCE)
                .subject(xmppDomain)
                .claim("room", room)
                .notBefore(Date.from(notBefore))
                .expiration(Date.from(expires))
                .claim("context", Map.of("user", JitsiClaims.user(who)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    @Override
    public String roomPath(String room) {
        return room;
    }
}
