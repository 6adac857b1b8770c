package org.hearthhub.auth;

import io.vertx.core.Future;
import org.hearthhub.config.HubConfig;
import org.hearthhub.live.LiveStore;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.SettingsStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.hearthhub.auth.LoginOutcome.Status.BAD_CREDENTIALS;
import static org.hearthhub.auth.LoginOutcome.Status.LOCKED;
import static org.hearthhub.auth.LoginOutcome.Status.TOTP_REQUIRED;

/**
 * Checks a username, password and optional TOTP code and opens a console session.
 *
 * <ul>
 *   <li>Unknown users, disabled accounts and wrong passwords give the same answer after the same work:
 *       a missing account is verified against a dummy hash.</li>
 *   <li>Each attempt counts against the username (known or not) before the password is checked, so
 *       parallel guesses cannot slip past the limit; after {@code maxFailedLogins} within
 *       {@code lockoutMinutes} the name is locked for {@code lockoutMinutes}, right password or not.
 *       A full success clears the count.</li>
 * </ul>
 */
public final class LoginService {
    private final SettingsStore settings;
    private final LiveStore live;
    private final PasswordHasher hasher;
    private final StaffSessions sessions;
    private final TotpVerifier totp;
    private final int maxFailures;
    private final Duration lockout;
    private Future<String> dummyHash;

    public LoginService(SettingsStore settings, LiveStore live, PasswordHasher hasher, StaffSessions sessions,
                        HubConfig.Auth cfg, Clock clock) {
        this.settings = settings;
        this.live = live;
        this.hasher = hasher;
        this.sessions = sessions;
        this.totp = new TotpVerifier(live, clock);
        this.maxFailures = cfg.maxFailedLogins();
        this.lockout = Duration.ofMinutes(cfg.lockoutMinutes());
        dummyHash(); // made ahead, so the first unknown-user attempt is not slower than the rest
    }

    public Future<LoginOutcome> login(String typedUsername, String password, String totpCode) {
        String username = Usernames.normalize(typedUsername);
        if (!Usernames.isValid(username)) {
            // No such account can exist; do the same hashing work, but keep junk names out of the store.
            return verifyOrDummy(Optional.empty(), password).map(ok -> LoginOutcome.of(BAD_CREDENTIALS));
        }
        return live.peek(lockKey(username)).compose(lock -> {
            if (lock != null) return Future.succeededFuture(LoginOutcome.of(LOCKED));
            return live.increment(failKey(username), lockout).compose(attempt -> attempt > maxFailures
                    ? lock(username)
                    : check(username, password, totpCode, attempt));
        });
    }

    private Future<LoginOutcome> check(String username, String password, String totpCode, long attempt) {
        return settings.account(username)
                .compose(account -> verifyOrDummy(account, password)
                        .compose(passwordOk -> passwordOk && account.isPresent() && !account.get().disabled()
                                ? secondFactor(account.get(), totpCode, attempt)
                                : failed(username, attempt, BAD_CREDENTIALS)));
    }

    private Future<LoginOutcome> secondFactor(Account account, String totpCode, long attempt) {
        if (account.totpSecret() == null) return succeed(account);
        if (totpCode == null || totpCode.isBlank()) return failed(account.username(), attempt, TOTP_REQUIRED);
        return totp.verify(account.username(), account.totpSecret(), totpCode)
                .compose(ok -> ok ? succeed(account) : failed(account.username(), attempt, BAD_CREDENTIALS));
    }

    private Future<LoginOutcome> succeed(Account account) {
        return live.resetCounter(failKey(account.username()))
                .compose(v -> sessions.create(account))
                .compose(created -> stillAsVerified(account).compose(same -> same
                        ? Future.succeededFuture(LoginOutcome.success(created))
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

    /** The attempt that uses up the allowance locks the name at once, so the person learns it now. */
    private Future<LoginOutcome> failed(String username, long attempt, LoginOutcome.Status status) {
        return attempt >= maxFailures ? lock(username) : Future.succeededFuture(LoginOutcome.of(status));
    }

    private Future<LoginOutcome> lock(String username) {
        return live.putExpiring(lockKey(username), "1", lockout).map(v -> LoginOutcome.of(LOCKED));
    }

    private Future<Boolean> verifyOrDummy(Optional<Account> account, String password) {
        String pw = password == null ? "" : password;
        if (account.isPresent() && account.get().passwordHash() != null) {
            return hasher.verify(pw, account.get().passwordHash());
        }
        return dummyHash().compose(hash -> hasher.verify(pw, hash)).map(ignored -> false);
    }

    /** A hash of nothing anyone knows, made once with this hasher's parameters so timing matches real accounts. */
    private synchronized Future<String> dummyHash() {
        if (dummyHash == null || dummyHash.failed()) {
            dummyHash = hasher.hash(StaffSessions.randomToken());
        }
        return dummyHash;
    }

    private static String failKey(String username) {
        return "login-fail:" + username;
    }

    private static String lockKey(String username) {
        return "login-lock:" + username;
    }
}
