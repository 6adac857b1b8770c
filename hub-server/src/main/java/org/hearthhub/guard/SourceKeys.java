package org.hearthhub.guard;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Turns a client address into a {@link Source}: HMAC-SHA256 under a random key that lives only in this
 * process's memory and is replaced every {@code rotation}. Once a key is two rotations old nobody, the hub
 * included, can tell which address a hash stood for, and a restart forgets every key.
 */
public final class SourceKeys {
    public static final Duration DEFAULT_ROTATION = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One Mac per thread: looking the algorithm up costs more than the hash, and a Mac is not thread-safe. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private final Clock clock;
    private final Duration rotation;
    private byte[] current = newKey();
    private byte[] previous;
    private Instant rotatedAt;

    public SourceKeys(Clock clock, Duration rotation) {
        this.clock = clock;
        this.rotation = rotation;
        this.rotatedAt = clock.instant();
    }

    public SourceKeys(Clock clock) {
        this(clock, DEFAULT_ROTATION);
    }

    /** Called for every request and handshake, from every event loop: only the key swap is under the lock. */
    public Source of(String address) {
        byte[] now;
        byte[] before;
        synchronized (this) {
            rotateIfDue();
            now = current;
            before = previous;
        }
        String a = grouped(address == null ? "" : address);
        return new Source(hash(now, a), before == null ? null : hash(before, a));
    }

    private void rotateIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(rotatedAt.plus(rotation))) return;
        // Two rotations without traffic: the previous key is as old as it may get, drop it too.
        previous = now.isBefore(rotatedAt.plus(rotation.multipliedBy(2))) ? current : null;
        current = newKey();
        rotatedAt = now;
    }

    /**
     * An IPv6 client usually holds a whole /64 (and can pick any address in it at will), so its sources
     * are counted by that prefix; an IPv4 address is one source. An IPv4-mapped IPv6 address
     * ({@code ::ffff:192.0.2.1}, as a dual-stack proxy may pass an IPv4 client) is that IPv4 address, one
     * source with it: its /64 would be every IPv4 client at once. A string that is not an IP literal is
     * taken as it is, and never looked up ({@link IpLiterals}): this runs on an event loop for every
     * request and handshake, and behind a trusted proxy the string comes from a header.
     */
    static String grouped(String address) {
        if (address.indexOf(':') < 0) return address;
        byte[] ip = IpLiterals.parse(address);
        if (ip == null) return address;
        if (ip.length == 4) return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
        return java.util.HexFormat.of().formatHex(ip, 0, 8) + "::/64";
    }

    private static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static String hash(byte[] key, String address) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal(address.getBytes(StandardCharsets.UTF_8));
            // 96 bits: collisions between real sources are negligible, and it is no use to anyone without the key.
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(out, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
