package org.hearthhub.auth;

import io.vertx.core.Future;
import org.hearthhub.config.HubConfig;
import org.hearthhub.guard.Source;
import org.hearthhub.guard.SourceKeys;
import org.hearthhub.live.ExpiringValueStore;
import org.hearthhub.util.Ids;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Failed sign-ins, counted in the live store per source and username, so that guessing at an account
 * from one place locks that place out of that account, not its owner signing in from anywhere else.
 *
 * <ul>
 *   <li>From the second failure on, the next try from that source waits 1, 2, 4 … seconds (at most a
 *       minute), and the {@code maxFailedLogins}th failure locks that source out of that username for
 *       {@code lockoutMinutes}. Failures are counted within {@code lockoutMinutes}.</li>
 *   <li>Keys are {@code login:SOURCE:GENERATION:NAME}. Clearing an account's locks (a lead, or a lead's
 *       password reset) starts a new generation for it: every older key is never read again and expires.</li>
 *   <li>A name that matches no account is counted under a keyed hash of it (the key lives in memory only),
 *       so a password typed into the username box is never stored; such names lock just like real ones,
 *       or the difference would tell which usernames exist.</li>
 *   <li>Sources and those name hashes change with their hourly key rotation, so a count may restart then:
 *       at most one more allowance an hour for a patient guesser, for never keeping an address.</li>
 *   <li>Wrong authenticator codes typed with the right password are also counted per account, from every source
 *       ({@code login-codes:GENERATION:NAME}): twice {@code maxFailedLogins} of them lock the account's codes for
 *       {@code lockoutMinutes}, or someone who has the password could spread guesses at the six digits over
 *       many addresses. Only the password's holder can cause this lock; a lead lifts it with the others.</li>
 *   <li>A sign-in from a known device (a valid {@link DeviceCookies device cookie} for the name) is counted under the
 *       device instead of the source ({@code login:d-DEVICE:GENERATION:NAME}): its own waits and lock, wherever it is.</li>
 *   <li>Sign-ins from unknown devices are also counted per account, from every source
 *       ({@code login-unknown:GENERATION:NAME}): {@code maxUnknownDeviceFailures} failures lock unknown devices out of
 *       the account for {@code lockoutMinutes}, so many addresses get no more guesses than that between them. Each
 *       try counts before its check, as a source's does, and one with the right password is taken back: only
 *       failures lock. Known devices are not subject to it, so the owner is not locked out with the guessers.</li>
 * </ul>
 */
public final class LoginAttempts {
    /** The failure after which each next try has to wait. */
    static final int WAITS_FROM = 2;
    public static final Duration MAX_WAIT = Duration.ofMinutes(1);
    /**
     * A generation outlives every key made under it by far (locks last at most a day), so when it lapses
     * the account is back at the first generation, whose keys expired long before. Device cookies do not depend on it
     * (their epoch is the account's, {@link DeviceCookies}), so losing it loses nothing but counts.
     */
    private static final Duration GENERATION_TTL = Duration.ofDays(7);
    private static final String FIRST_GENERATION = "0";

    private final ExpiringValueStore live;
    private final Clock clock;
    private final int maxFailures;
    private final int maxUnknownDeviceFailures;
    private final Duration lockout;
    private final SourceKeys unknownNames;

    public LoginAttempts(ExpiringValueStore live, HubConfig.Auth cfg, Clock clock) {
        this.live = live;
        this.clock = clock;
        this.maxFailures = cfg.maxFailedLogins();
        this.maxUnknownDeviceFailures = cfg.maxUnknownDeviceFailures();
        this.lockout = Duration.ofMinutes(cfg.lockoutMinutes());
        this.unknownNames = new SourceKeys(clock);
    }

    /** The attempts of one source at one username; {@code isAccount} says whether an account has that name. */
    Future<Tries> of(Source source, String username, boolean isAccount) {
        if (!isAccount) {
            // The same round trip as for an account, under a key no account has: the name is never sent.
            return live.peek(generationKey("~"))
                    .map(ignored -> new Tries(source.id(), FIRST_GENERATION, "~" + unknownNames.of(username).id()));
        }
        return live.peek(generationKey(username))
                .map(generation -> new Tries(source.id(), generation == null ? FIRST_GENERATION : generation, username));
    }

    /**
     * A signed-in person's password typed again (to change it, or to replace their authenticator app), checked by
     * {@code check} and counted as a sign-in try of that source at that account: its waits and lock apply, and
     * its failures lead to them. Otherwise a stolen session could guess at the password with no limit at all.
     * Answers null when the password was right; {@code BAD_CREDENTIALS} when wrong; {@code WAIT} or {@code LOCKED}
     * (with the seconds to wait) when the source must wait first, in which case nothing was checked.
     */
    public Future<LoginOutcome> recheck(Source source, String username, Supplier<Future<Boolean>> check) {
        return of(source, username, true).compose(tries -> tries.refusal().compose(refusal -> refusal != null
                ? Future.succeededFuture(refusal)
                // Counted before the check, as a sign-in is, so parallel guesses cannot slip past the limit.
                : tries.count().compose(attempt -> attempt > maxFailures ? tries.lock()
                        : check.get().compose(right -> right ? tries.succeeded().map((LoginOutcome) null)
                                : tries.failed(attempt).map(lock -> lock != null ? lock
                                        : LoginOutcome.of(LoginOutcome.Status.BAD_CREDENTIALS))))));
    }

    /** Lifts every lock and forgets every count on this account, from every source, on every node. */
    public Future<Void> clear(String username) {
        return live.putExpiring(generationKey(username), Ids.random(6), GENERATION_TTL);
    }

    int maxFailures() {
        return maxFailures;
    }

    /** Wrong codes with the right password, from anywhere, before the account's codes lock. */
    int maxCodeFailures() {
        return 2 * maxFailures;
    }

    /** How long the next try waits after this many failures in a row. */
    static Duration waitAfter(long failures) {
        if (failures < WAITS_FROM) return Duration.ZERO;
        long seconds = 1L << Math.min(failures - WAITS_FROM, 30);
        return Duration.ofSeconds(Math.min(seconds, MAX_WAIT.toSeconds()));
    }

    private static String generationKey(String username) {
        return "login-gen:" + username;
    }

    /** One source's (or known device's) attempts at one username, in this generation. */
    final class Tries {
        private final String generation;
        private final String name;
        private final String prefix;
        /** The account's wrong codes, from every source. */
        private final String codes;
        /** The account's tries from unknown devices, from every source. */
        private final String unknownDevices;

        private Tries(String source, String generation, String name) {
            this.generation = generation;
            this.name = name;
            this.prefix = "login:" + source + ":" + generation + ":" + name;
            this.codes = "login-codes:" + generation + ":" + name;
            this.unknownDevices = "login-unknown:" + generation + ":" + name;
        }

        /** The same username's attempts from a known device: counted under the device, wherever it is. */
        Tries fromDevice(String deviceId) {
            return new Tries("d-" + deviceId, generation, name);
        }

        /** Unknown devices locked out of the account, from everywhere, as the refusal; null when this one may try. */
        Future<LoginOutcome> unknownDevicesLocked() {
            return live.peek(unknownDevices + ":lock").map(lock -> lock == null ? null
                    : LoginOutcome.of(LoginOutcome.Status.UNKNOWN_DEVICES_LOCKED, secondsUntil(lock)));
        }

        /** Counts this unknown device's try at the account before its password is checked. */
        Future<Long> countUnknownDevice() {
            return live.increment(unknownDevices + ":fail", lockout);
        }

        /** The password was right: the try counted by {@link #countUnknownDevice} was no guess. */
        Future<Void> unknownDeviceNotAFailure() {
            return live.takeBack(unknownDevices + ":fail");
        }

        /** Past the account's allowance for unknown devices? */
        boolean overUnknownDeviceLimit(long attempt) {
            return attempt > maxUnknownDeviceFailures;
        }

        /**
         * After an unknown device's failure: the account's lock for unknown devices when this one reached the limit,
         * else null; {@code justLocked} is told when this failure is the one that reached it exactly (once a lock).
         */
        Future<LoginOutcome> unknownDeviceFailed(long attempt, Runnable justLocked) {
            if (attempt < maxUnknownDeviceFailures) return Future.succeededFuture(null);
            if (attempt == maxUnknownDeviceFailures) justLocked.run();
            return lockUnknownDevices();
        }

        Future<LoginOutcome> lockUnknownDevices() {
            return live.putExpiring(unknownDevices + ":lock", until(lockout), lockout)
                    .map(v -> LoginOutcome.of(LoginOutcome.Status.UNKNOWN_DEVICES_LOCKED, lockout.toSeconds()));
        }

        /** The account's codes locked for everyone, as the refusal; null when a code may be checked. */
        Future<LoginOutcome> codesLocked() {
            return live.peek(codes + ":lock").map(lock -> lock == null ? null
                    : LoginOutcome.of(LoginOutcome.Status.CODES_LOCKED, secondsUntil(lock)));
        }

        /** After a wrong code typed with the right password: the account's lock when this one reached the limit, else null. */
        Future<LoginOutcome> codeFailed() {
            return live.increment(codes + ":fail", lockout).compose(wrong -> wrong < maxCodeFailures()
                    ? Future.succeededFuture(null)
                    : live.putExpiring(codes + ":lock", until(lockout), lockout)
                            .map(v -> LoginOutcome.of(LoginOutcome.Status.CODES_LOCKED, lockout.toSeconds())));
        }

        /** A lock or a wait in force, as the refusal to answer now; null when this try may be checked. */
        Future<LoginOutcome> refusal() {
            return live.peek(prefix + ":lock").compose(lock -> lock != null
                    ? Future.succeededFuture(LoginOutcome.of(LoginOutcome.Status.LOCKED, secondsUntil(lock)))
                    : live.peek(prefix + ":wait").map(wait -> wait == null ? null
                            : LoginOutcome.of(LoginOutcome.Status.WAIT, secondsUntil(wait))));
        }

        /** Counts this try before its password is checked, so parallel tries cannot slip past the limit. */
        Future<Long> count() {
            return live.increment(prefix + ":fail", lockout);
        }

        /** The password was right but the try went no further: the try counted by {@link #count} was no failure. */
        Future<Void> notAFailure() {
            return live.takeBack(prefix + ":fail");
        }

        /** After a failed try: the wait before the next one, or the lock as the answer (else null). */
        Future<LoginOutcome> failed(long attempt) {
            if (attempt >= maxFailures) return lock();
            Duration wait = waitAfter(attempt);
            if (wait.isZero()) return Future.succeededFuture(null);
            return live.putExpiring(prefix + ":wait", until(wait), wait).map(v -> null);
        }

        Future<LoginOutcome> lock() {
            return live.putExpiring(prefix + ":lock", until(lockout), lockout)
                    .map(v -> LoginOutcome.of(LoginOutcome.Status.LOCKED, lockout.toSeconds()));
        }

        /** A full sign-in: this source starts again from nothing for this username. */
        Future<Void> succeeded() {
            return live.resetCounter(prefix + ":fail");
        }

        private String until(Duration d) {
            return Long.toString(clock.millis() + d.toMillis());
        }

        private long secondsUntil(String untilMillis) {
            long left;
            try {
                left = Long.parseLong(untilMillis) - clock.millis();
            } catch (NumberFormatException e) {
                left = lockout.toMillis();
            }
            return Math.max(1, (left + 999) / 1000);
        }
    }
}
