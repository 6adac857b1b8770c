package org.hearthhub.ws;

/**
 * A 64-bit FNV-1a hash of some chars: what a long-lived socket keeps to recognise a value it saw, instead of
 * the value. A string kept in an old object is a reference from old memory to young until the string is old too,
 * scanned by G1 at every young pause meanwhile (docs/benchmark-history.md, Histories 22 and 23); a long is not.
 * Two values share a fingerprint with odds of about one in 2^64.
 */
final class Fingerprint {
    private Fingerprint() {
    }

    static long of(CharSequence chars) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < chars.length(); i++) {
            h ^= chars.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
