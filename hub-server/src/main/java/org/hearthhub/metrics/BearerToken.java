package org.hearthhub.metrics;

import org.hearthhub.util.Ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Checks an {@code Authorization: Bearer …} header against one token in constant time: both sides are
 * hashed first, so neither the token's characters nor its length can be learned from how long a wrong
 * guess takes.
 */
final class BearerToken {
    private static final String SCHEME = "bearer ";
    private final byte[] expected;

    BearerToken(String token) {
        this.expected = digest(token);
    }

    boolean admits(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(authorization.substring(SCHEME.length()).strip()));
    }

    private static byte[] digest(String text) {
        return Ids.sha256Hex(text).getBytes(StandardCharsets.US_ASCII);
    }
}
