package org.hearthhub.console;

import io.vertx.core.Future;
import org.hearthhub.auth.AccountReset;
import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.auth.LoginAttempts;
import org.hearthhub.auth.LoginOutcome;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.error.Refusal;
import org.hearthhub.guard.Source;
import org.hearthhub.settings.Account;
import org.hearthhub.web.AuthRoutes;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How staff sign in, as leads reset it and the people themselves change it: passwords (hashed on worker threads),
 * the authenticator app and sign-in locks. A lead's reset is an {@link AccountReset}, made as the host operator's
 * {@code user reset} makes it, never to the lead's own account nor to one holding rights the lead lacks
 * ({@link StaffRights}), and written to the log of every program the person works in. The person's own changes ask
 * for the current password, which counts as a sign-in try. Each change runs one after another with the program's other
 * staff changes ({@link ProgramAccounts#oneAfterAnother}) and is audited (who, what, on whom; never a password or secret).
 */
final class StaffCredentials {
    private final ProgramAccounts accounts;
    private final StaffRights rights;
    private final PasswordHasher hasher;
    private final StaffSessions sessions;
    private final AccountChangeLog audit;
    private final LoginAttempts loginAttempts;
    private final Path dataDir;

    StaffCredentials(ProgramAccounts accounts, StaffRights rights, PasswordHasher hasher, StaffSessions sessions,
                     AccountChangeLog audit, LoginAttempts loginAttempts, Path dataDir) {
        this.accounts = accounts;
        this.rights = rights;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
        this.loginAttempts = loginAttempts;
        this.dataDir = dataDir;
    }

    Future<Void> resetPassword(String actor, String username, Object password) {
        StaffRights.notOwn(actor, username);
        String pw = StaffFields.password(password);
        return accounts.oneAfterAnother(() -> accounts.existing(username).compose(a -> rights.manager(actor, a))
                .compose(by -> hasher.hash(pw).compose(hash -> reset(actor, username, by, AccountReset.password(hash)))));
    }

    /**
     * A lost phone: the account signs in with its password alone until it enrols again (or must enrol, if required).
     * Every session of it ends, as with a password reset: one may have been signed in with that phone's code.
     */
    Future<Void> resetTotp(String actor, String username) {
        StaffRights.notOwn(actor, username);
        return accounts.oneAfterAnother(() -> accounts.existing(username).compose(a -> rights.manager(actor, a))
                .compose(by -> reset(actor, username, by, AccountReset.totp())));
    }

    /**
     * A lead's reset ({@link AccountReset}, as the host operator's {@code user reset} makes it), made to the account as
     * stored while the lead may still make it; written to the access log of every program the person works in
     * ({@link AccountChangeLog#everywhere}), and what it ends is ended.
     */
    private Future<Void> reset(String actor, String username, Account by, AccountReset reset) {
        AtomicReference<Account> before = new AtomicReference<>();
        return accounts.change(username, stored -> {
            rights.mayManage(by, stored);
            before.set(stored);
            return reset.applyTo(stored);
        })
                .compose(saved -> reset.record((action, detail) -> audit.everywhere(actor, action, saved, detail), before.get()))
                .compose(v -> reset.endWhatItEnds(username, sessions, loginAttempts));
    }

    /** Lets the account be tried again from every place it was locked out from (after a lockout that hurts its owner). */
    Future<Void> clearSignInLocks(String actor, String username) {
        return accounts.oneAfterAnother(() -> accounts.existing(username).compose(a -> rights.manager(actor, a)
                .compose(by -> loginAttempts.clear(username))
                .compose(v -> audit.everywhere(actor, "account.unlock", a, null))));
    }

    /**
     * Fails with 403 {@code error.current_password} unless {@code password} is this account's password. Typed from
     * {@code source}, it counts as a sign-in from there ({@link LoginAttempts#recheck}): past a few wrong ones the
     * source waits (429), then is locked out of the account, as the sign-in form would be.
     */
    Future<Void> checkPassword(Source source, Account account, Object password) {
        String typed = password instanceof String s ? s : "";
        // Nothing typed is no guess: refused as before, not counted against the place it came from.
        if (typed.isEmpty()) return Future.failedFuture(Refusal.forbidden("error.current_password"));
        return loginAttempts.recheck(source, account.username(), () -> hasher.verify(typed, account.passwordHash()))
                .compose(refusal -> refusal == null ? Future.<Void>succeededFuture()
                        : Future.failedFuture(refusal.status() == LoginOutcome.Status.BAD_CREDENTIALS
                                ? Refusal.forbidden("error.current_password") : AuthRoutes.tooManyTries(refusal)));
    }

    /**
     * The person's own change (the forced first one too): the current password first; afterwards every session of
     * theirs ends, their device cookies are void (someone who fears the password is known expects the other browsers
     * to stop being trusted; the caller renews the one that made the change), no change is due any more, and the first
     * lead's password file (if this was the first lead) is deleted. Answers the account as saved.
     */
    Future<Account> changeOwnPassword(Source source, String username, Object current, Object replacement) {
        String next = StaffFields.password(replacement);
        return accounts.oneAfterAnother(() -> accounts.existing(username)
                .compose(a -> checkPassword(source, a, current)
                        .compose(ok -> hasher.hash(next))
                        .compose(hash -> accounts.change(username, stored -> {
                            // A lead's reset landed meanwhile: the password checked is no longer the account's.
                            if (!stored.passwordHash().equals(a.passwordHash())) throw Refusal.forbidden("error.current_password");
                            return stored.withPassword(hash, false).withDevicesVoided();
                        })))
                .compose(saved -> audit.here(username, "account.password.change", username, null)
                        .compose(v -> sessions.endAllFor(username))
                        .compose(v -> FirstLeadBootstrap.forgetPasswordFile(hasher, dataDir, username))
                        .map(saved)));
    }

    /** The account as the person's own app set-up saved it, and whether that replaced an app (voiding their devices). */
    record AppSetUp(Account saved, boolean replacedOne) {
    }

    /**
     * The person's own authenticator app set up. One that replaces an app voids their device cookies, as their own
     * password change does (the caller renews the one that made it): someone replacing the app because the old phone is
     * lost expects that phone's browser to stop being trusted. A first app replaces nothing and voids nothing.
     */
    Future<AppSetUp> enrolTotp(String username, String secret) {
        AtomicBoolean replacedOne = new AtomicBoolean();
        return accounts.oneAfterAnother(() -> accounts.existing(username)
                .compose(a -> accounts.change(username, stored -> {
                    replacedOne.set(stored.totpSecret() != null);
                    return replacedOne.get() ? stored.withTotpSecret(secret).withDevicesVoided() : stored.withTotpSecret(secret);
                }))
                .compose(saved -> audit.here(username, "account.totp.enrol", username, null)
                        .map(v -> new AppSetUp(saved, replacedOne.get()))));
    }
}
