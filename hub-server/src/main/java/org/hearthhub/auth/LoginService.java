package org.hearthhub.auth;

import io.vertx.core.Future;
import org.hearthhub.config.HubConfig;
import org.hearthhub.guard.Source;
import org.hearthhub.live.ExpiringValueStore;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.AccountStore;

import java.time.Clock;
import java.util.Optional;

import static org.hearthhub.auth.LoginOutcome.Status.BAD_CREDENTIALS;
import static org.hearthhub.auth.LoginOutcome.Status.BUSY;
import static org.hearthhub.auth.LoginOutcome.Status.TOTP_REQUIRED;

/**
 * Checks a username, password and optional TOTP code and opens a console session.
 *
 * <ul>
 *   <li>Unknown users, disabled accounts and wrong passwords give the same answer after the same work:
 *       a missing account is verified against a dummy hash.</li>
 *   <li>Failures count per source and username ({@link LoginAttempts}): one place guessing at an account
 *       is slowed, then locked out of it, while the owner elsewhere signs in as usual. Each try counts
 *       before the password is checked, so parallel guesses cannot slip past the limit; a full success
 *       clears that source's count.</li>
 *   <li>Wrong authenticator codes after the right password are also counted per account, from every source, and
 *       too many lock the account's codes for a while ({@link LoginAttempts}).</li>
 *   <li>A complete sign-in leaves a device cookie for the account ({@link DeviceCookies}). A sign-in that brings a
 *       valid one is from a known device: its failures count under the device rather than the source, it is not
 *       refused with unknown devices, and its password check goes ahead of theirs. Any other is from an unknown
 *       device: counted per source, and per account from every source, whose lock refuses unknown devices before
 *       any password work ({@link LoginAttempts}), so guessing from many places cannot lock out the owner.</li>
 *   <li>Password checks are shared fairly between sources ({@link FairHashing}); a source over its share
 *       is told to come back in a second, before anything is counted.</li>
 *   <li>Sign-ins, sign-outs and failures go to the access log ({@link SignInLog}).</li>
 * </ul>
 */
public final class LoginService {
    /** What a source over its share of password checks is told to wait. */
    static final long BUSY_RETRY_SECONDS = 1;

    private final AccountStore settings;
    private final PasswordHasher hasher;
    private final StaffSessions sessions;
    private final TotpVerifier totp;
    private final LoginAttempts attempts;
    private final FairHashing hashing;
    private final SignInLog log;
    private final DeviceCookies devices;
    private Future<String> dummyHash;

    public LoginService(AccountStore settings, ExpiringValueStore live, PasswordHasher hasher, StaffSessions sessions,
                        HubConfig.Auth cfg, Clock clock, LoginAttempts attempts, SignInLog log, DeviceCookies devices) {
        this.settings = settings;
        this.devices = devices;
        this.hasher = hasher;
        this.sessions = sessions;
        this.totp = new TotpVerifier(live, clock);
        this.attempts = attempts;
        this.hashing = new FairHashing(hasher, cfg.hashesPerSource(), cfg.hashQueue());
        this.log = log;
        dummyHash(); // made ahead, so the first unknown-user attempt is not slower than the rest
    }

    /** @param deviceCookie the browser's {@link DeviceCookies} value, or null when it sent none */
    public Future<LoginOutcome> login(Source source, String typedUsername, String password, String totpCode, String deviceCookie) {
        String username = Usernames.normalize(typedUsername);
        // A name no account can have is never looked up (nor sent to a store).
        Future<Optional<Account>> account = Usernames.isValid(username)
                ? settings.account(username) : Future.succeededFuture(Optional.empty());
        return account.compose(found -> attempts.of(source, username, found.isPresent()).compose(fromSource -> {
            String device = found.isPresent() ? devices.deviceOf(deviceCookie, username, found.get().devicesEpoch()) : null;
            Attempt at = new Attempt(device == null ? fromSource : fromSource.fromDevice(device), device, found, deviceCookie);
            return at.tries().refusal()
                    .compose(refusal -> refusal != null || at.knownDevice() ? Future.succeededFuture(refusal) : at.tries().unknownDevicesLocked())
                    .compose(refusal -> {
                        if (refusal != null) return Future.succeededFuture(refusal);
                        Optional<FairHashing.Slot> slot = at.knownDevice() ? hashing.reserveForDevice(device) : hashing.reserve(source);
                        if (slot.isEmpty()) return Future.succeededFuture(LoginOutcome.of(BUSY, BUSY_RETRY_SECONDS));
                        return counted(at, password, totpCode, slot.get()).onComplete(done -> slot.get().release());
                    });
        }));
    }

    /** One sign-in's tries (the source's, or the known device's), the device (null: unknown) and what it brought. */
    private record Attempt(LoginAttempts.Tries tries, String device, Optional<Account> account, String deviceCookie) {
        boolean knownDevice() {
            return device != null;
        }
    }

    /** Counted before the check, so parallel guesses cannot slip past a limit; an unknown device also per account. */
    private Future<LoginOutcome> counted(Attempt at, String password, String totpCode, FairHashing.Slot slot) {
        LoginAttempts.Tries tries = at.tries();
        return tries.count().compose(attempt -> {
            if (attempt > attempts.maxFailures()) return tries.lock();
            if (at.knownDevice()) return check(new Try(at, attempt, 0), password, totpCode, slot);
            return tries.countUnknownDevice().compose(unknown -> tries.overUnknownDeviceLimit(unknown)
                    ? tries.lockUnknownDevices()
                    : check(new Try(at, attempt, unknown), password, totpCode, slot));
        });
    }

    /** Ends a session by its cookie and notes the sign-out. */
    public Future<Void> signOut(String username, String cookieValue) {
        return sessions.end(cookieValue).onSuccess(v -> log.signedOut(username));
    }

    /** The access log's summaries of ended intervals; the hub calls this now and then. */
    public void writeDueLogEntries() {
        log.writeDue();
    }

    /**
     * One counted try: the sign-in, its number for the source (or known device) and, from an unknown device, for the
     * account from everywhere (0 from a known one).
     */
    private record Try(Attempt at, long attempt, long unknownDeviceAttempt) {
        LoginAttempts.Tries tries() {
            return at.tries();
        }

        Optional<Account> account() {
            return at.account();
        }
    }

    private Future<LoginOutcome> check(Try t, String password, String totpCode, FairHashing.Slot slot) {
        Optional<Account> account = t.account();
        return verifyOrDummy(account, password, slot).compose(passwordOk -> {
            if (!passwordOk) return failed(t, SignInLog.Failure.PASSWORD, BAD_CREDENTIALS);
            // A disabled account's right password fails as a wrong one does, and counts as one, or it would tell.
            if (account.get().disabled()) return failed(t, SignInLog.Failure.DISABLED, BAD_CREDENTIALS);
            Future<Void> noGuess = t.at().knownDevice() ? Future.succeededFuture() : t.tries().unknownDeviceNotAFailure();
            return noGuess.compose(v -> secondFactor(account.get(), totpCode, t));
        });
    }

    private Future<LoginOutcome> secondFactor(Account account, String totpCode, Try t) {
        if (account.totpSecret() == null) return succeed(account, t);
        if (totpCode == null || totpCode.isBlank()) {
            // The right password: not a failure to log or to slow down, but the try still counts.
            return t.attempt() >= attempts.maxFailures() ? t.tries().lock() : Future.succeededFuture(LoginOutcome.of(TOTP_REQUIRED));
        }
        // The codes locked: the right password was no guess, so the source's count takes the try back.
        return t.tries().codesLocked().compose(locked -> locked != null ? t.tries().notAFailure().map(locked)
                : totp.verify(account.username(), account.totpSecret(), totpCode).compose(ok -> ok ? succeed(account, t)
                        : t.tries().codeFailed().compose(codesLock -> failed(t, SignInLog.Failure.CODE, BAD_CREDENTIALS, codesLock))));
    }

    private Future<LoginOutcome> succeed(Account account, Try t) {
        return t.tries().succeeded()
                .compose(v -> sessions.create(account))
                .compose(created -> stillAsVerified(account).compose(same -> same
                        ? log.signedIn(account.username())
                                .map(v -> LoginOutcome.success(created,
                                        devices.issue(t.at().deviceCookie(), account.username(), account.devicesEpoch())))
                                .recover(e -> sessions.end(created.cookieValue()).transform(x -> Future.failedFuture(e)))
                        : sessions.end(created.cookieValue()).map(v -> LoginOutcome.of(BAD_CREDENTIALS))));
    }

    /**
     * Hashing takes a while: if the password was changed or the account disabled meanwhile (and every
     * session of it ended), a session made from the old password must not be the one that survives.
     */
    private Future<Boolean> stillAsVerified(Account verified) {
        return settings.account(verified.username()).map(now -> now.isPresent() && !now.get().disabled()
                && now.get().passwordHash().equals(verified.passwordHash()));
    }

    private Future<LoginOutcome> failed(Try t, SignInLog.Failure why, LoginOutcome.Status status) {
        return failed(t, why, status, null);
    }

    /**
     * The failure that uses up the allowance locks at once, so the person learns it now; {@code codesLock} is the
     * account's codes' lock this failure set, if it did.
     */
    private Future<LoginOutcome> failed(Try t, SignInLog.Failure why, LoginOutcome.Status status, LoginOutcome codesLock) {
        // A wrong code came with the right password: the account's codes lock counts it, not the unknown devices'.
        boolean guessFromUnknownDevice = !t.at().knownDevice() && why != SignInLog.Failure.CODE;
        Future<LoginOutcome> accountLock = !guessFromUnknownDevice ? Future.succeededFuture()
                : t.tries().unknownDeviceFailed(t.unknownDeviceAttempt(),
                        () -> t.account().ifPresent(a -> log.unknownDevicesLocked(a.username())));
        return accountLock.compose(unknownDevicesLock -> t.tries().failed(t.attempt()).map(sourceLock -> {
            LoginOutcome lock = codesLock != null ? codesLock : sourceLock != null ? sourceLock : unknownDevicesLock;
            if (t.account().isPresent()) log.failed(t.account().get().username(), why, lock != null);
            else log.failedForUnknownName();
            return lock != null ? lock : LoginOutcome.of(status);
        }));
    }

    /** True only for an existing account's right password; a missing account costs the same work. */
    private Future<Boolean> verifyOrDummy(Optional<Account> account, String password, FairHashing.Slot slot) {
        String pw = password == null ? "" : password;
        if (account.isPresent() && account.get().passwordHash() != null) {
            return slot.verify(pw, account.get().passwordHash());
        }
        return dummyHash().compose(hash -> slot.verify(pw, hash)).map(ignored -> false);
    }

    /** A hash of nothing anyone knows, made once with this hasher's parameters so timing matches real accounts. */
    private synchronized Future<String> dummyHash() {
        if (dummyHash == null || dummyHash.failed()) {
            dummyHash = hasher.hash(StaffSessions.randomToken());
        }
        return dummyHash;
    }
}
