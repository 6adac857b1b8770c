package org.hearthhub.auth;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.vertx.core.Future;
import org.hearthhub.live.LiveStore;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * RFC 6238 codes: HMAC-SHA1, 30-second steps, 6 digits, one step of clock drift either way. A code
 * works once: its time step is recorded in the live store until it can no longer be accepted.
 */
public final class TotpVerifier {
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int DIGITS = 6;
    private static final int DRIFT_STEPS = 1;

    private final LiveStore live;
    private final Clock clock;
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS);

    public TotpVerifier(LiveStore live, Clock clock) {
        this.live = live;
        this.clock = clock;
    }

    /** True when {@code code} is current for this base32 secret and has not been used by this user before. */
    public Future<Boolean> verify(String username, String base32Secret, String code) {
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        if (!typed.matches("\\d{" + DIGITS + "}")) return Future.succeededFuture(false);
        Long step = matchingStep(base32Secret, typed);
        if (step == null) return Future.succeededFuture(false);
        // increment is atomic, so two requests racing with the same code cannot both see "first use".
        Duration stillAcceptable = STEP.multipliedBy(2L * DRIFT_STEPS + 1);
        return live.increment("totp-used:" + username + ":" + step, stillAcceptable).map(uses -> uses == 1L);
    }

    /** The time step whose code equals {@code typed}, or null. Compares every candidate, in constant time. */
    private Long matchingStep(String base32Secret, String typed) {
        SecretKeySpec key;
        try {
            key = new SecretKeySpec(TotpSecret.decode(base32Secret), generator.getAlgorithm());
        } catch (IllegalArgumentException badSecret) {
            return null;
        }
        long now = clock.instant().getEpochSecond() / STEP.getSeconds();
        Long found = null;
        for (long step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
            String expected = codeAt(key, Instant.ofEpochSecond(step * STEP.getSeconds()));
            if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), typed.getBytes(StandardCharsets.US_ASCII))) {
                found = step;
            }
        }
        return found;
    }

    private String codeAt(SecretKeySpec key, Instant at) {
        try {
            return String.format(Locale.ROOT, "%0" + DIGITS + "d", generator.generateOneTimePassword(key, at));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("TOTP secret unusable as an HMAC key", e);
        }
    }
}
