package org.hearthhub.auth;

import io.vertx.core.Future;
import org.hearthhub.settings.Account;

import java.util.ArrayList;
import java.util.List;

/**
 * A reset of a staff account by someone other than its owner, to let the person back in: a lead's in the console, or
 * the host operator's {@code hearth-hub user reset}. One place says what each part changes on the account, what the
 * access log says of it and what it ends, so the two make the same reset. Where the entries go is the caller's: a
 * lead's reset goes to every program the person works in (the console's AccountChangeLog), the host operator's too.
 *
 * @param passwordHash the new password's hash, or null to keep the password
 * @param totpOff      the authenticator is forgotten: the person signs in with the password alone, and enrols again at
 *                     once where a program requires it
 * @param enable       a disabled account may sign in again
 * @param unlock       the account's sign-in locks are lifted even without a new password (which always lifts them)
 */
public record AccountReset(String passwordHash, boolean totpOff, boolean enable, boolean unlock) {

    /** Where a reset's access-log entries go, by whoever made it: one entry, its action and detail (null: none). */
    @FunctionalInterface
    public interface Entries {
        Future<Void> record(String action, String detail);
    }

    /** A lead's password reset. */
    public static AccountReset password(String hash) {
        return new AccountReset(hash, false, false, false);
    }

    /** A lead's reset of a lost authenticator. */
    public static AccountReset totp() {
        return new AccountReset(null, true, false, false);
    }

    /**
     * The account as stored, reset. A password someone else chose is to be changed at the next sign-in, as the first
     * lead's is; its device cookies are voided where {@link #voidsDevices}; everything else stays.
     */
    public Account applyTo(Account stored) {
        Account a = passwordHash == null ? stored : stored.withPassword(passwordHash, true);
        if (totpOff) a = a.withTotpSecret(null);
        if (voidsDevices()) a = a.withDevicesVoided();
        return enable ? a.withDisabled(false) : a;
    }

    /**
     * Whether it voids the account's staff device cookies ({@link DeviceCookies}): a new password does, since whoever
     * knew the old one may have signed in with it somewhere, and so does a forgotten authenticator, since the lost phone
     * may be one of those devices. Enabling or unlocking alone says nothing against the person's devices.
     */
    public boolean voidsDevices() {
        return passwordHash != null || totpOff;
    }

    /**
     * Writes one access-log entry for each part done to {@code before} (an account that was not disabled is not
     * enabled), one after another, to {@code log}.
     */
    public Future<Void> record(Entries log, Account before) {
        List<String[]> entries = new ArrayList<>();
        if (passwordHash != null) entries.add(new String[]{"account.password.reset", null});
        if (totpOff) entries.add(new String[]{"account.totp.reset", null});
        // Worded as a lead's Enable is in the log.
        if (enable && before.disabled()) entries.add(new String[]{"account.update", "disabled=false"});
        if (unlock && passwordHash == null) entries.add(new String[]{"account.unlock", null});
        Future<Void> done = Future.succeededFuture();
        for (String[] e : entries) done = done.compose(v -> log.record(e[0], e[1]));
        return done;
    }

    /**
     * Whether it ends the account's sessions: a new password does, so an old cookie keeps no power it should have lost,
     * and so does a forgotten authenticator, since a session may have been signed in with the lost phone's code.
     */
    public boolean endsSessions() {
        return passwordHash != null || totpOff;
    }

    /**
     * Whether it lifts the account's sign-in locks, from every source, and the lock on its authenticator codes (wrong
     * codes typed with the right password): a new password always does (the one someone may have known is gone).
     */
    public boolean liftsLocks() {
        return passwordHash != null || unlock;
    }

    /** Ends what this reset ends in the live store: every session of the account; its sign-in and code locks. */
    public Future<Void> endWhatItEnds(String username, StaffSessions sessions, LoginAttempts loginAttempts) {
        return (endsSessions() ? sessions.endAllFor(username).<Void>mapEmpty() : Future.<Void>succeededFuture())
                .compose(v -> liftsLocks() ? loginAttempts.clear(username) : Future.<Void>succeededFuture());
    }
}
