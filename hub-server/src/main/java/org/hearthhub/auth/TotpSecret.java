package org.hearthhub.auth;

import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base32;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * TOTP secrets in RFC 4648 base32, the form authenticator apps read, through commons-codec. Reading one,
 * spaces, dashes, padding and lower case are accepted (people copy secrets in groups); any other character,
 * or a length no encoding produces, is refused rather than skipped as the codec would by itself.
 */
public final class TotpSecret {
    /** 160 bits, as RFC 4226 recommends for HMAC-SHA1: 32 characters, no padding. */
    private static final int BYTES = 20;
    private static final Base32 BASE32 = new Base32(0, null, false, (byte) '=', CodecPolicy.STRICT);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TotpSecret() {
    }

    /** A fresh secret, in base32. */
    public static String random() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return BASE32.encodeAsString(bytes);
    }

    /** The key bytes of a base32 secret; IllegalArgumentException when it is not one. */
    public static byte[] decode(String text) {
        String s = text.toUpperCase(Locale.ROOT).replaceAll("[\\s=-]", "");
        // The codec skips characters outside its alphabet; a secret with one in it is not the secret.
        if (!BASE32.isInAlphabet(s)) throw new IllegalArgumentException("not a base32 secret");
        return BASE32.decode(s);
    }
}
