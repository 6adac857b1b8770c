package org.hearthhub.abuse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The widget's answer to a {@code challenge} frame: a nonce such that SHA-256(challenge + ":" + nonce)
 * starts with {@code bits} zero bits. Only the genuine survivor solves challenges; the attacker does not.
 */
final class ProofOfWork {
    private ProofOfWork() {
    }

    /** The first such nonce, or null when none turns up within 2^(bits+8) tries (a challenge no phone could meet). */
    static String solve(String challenge, int bits) {
        MessageDigest sha = sha256();
        long limit = 1L << Math.min(40, bits + 8);
        for (long nonce = 0; nonce < limit; nonce++) {
            byte[] d = sha.digest((challenge + ":" + nonce).getBytes(StandardCharsets.UTF_8));
            if (leadingZeroBits(d) >= bits) return Long.toString(nonce);
        }
        return null;
    }

    static int leadingZeroBits(byte[] digest) {
        int bits = 0;
        for (byte b : digest) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
        }
        return bits;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
