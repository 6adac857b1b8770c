package org.hearthhub.guard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The price of a start the hub is wary of: find a nonce such that SHA-256(challenge + ":" + nonce) begins
 * with {@code bits} zero bits. The widget pays it in a fraction of a second; a script that wants thousands
 * of chats pays it thousands of times. Checking costs the hub one hash.
 */
public final class ProofOfWork {
    /** Longer nonces are refused unread: a counter never needs more. */
    public static final int MAX_NONCE_CHARS = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ProofOfWork() {
    }

    /** A fresh random challenge (128 bits, base64url): unguessable, so no proof can be computed in advance. */
    public static String newChallenge() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static boolean solves(String challenge, String nonce, int bits) {
        if (challenge == null || nonce == null || nonce.isEmpty() || nonce.length() > MAX_NONCE_CHARS) return false;
        return leadingZeroBits(sha256(challenge + ":" + nonce)) >= bits;
    }

    static int leadingZeroBits(byte[] hash) {
        int zeros = 0;
        for (byte b : hash) {
            if (b != 0) return zeros + Integer.numberOfLeadingZeros(b & 0xff) - 24;
            zeros += 8;
        }
        return zeros;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
