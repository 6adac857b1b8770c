package org.hearthhub.auth;

import io.vertx.core.Future;
import org.hearthhub.model.StaffSession;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.AccountStore;

/**
 * What a live staff session may do now, judged from the account as stored (not as it was at sign-in).
 * The one rule behind console pages, the staff and lead APIs and the console socket, so they cannot
 * drift apart.
 */
public final class StaffAccess {
    public enum Standing {
        /** The account exists, is enabled, and has a second factor if one of its programs requires one. */
        ALLOWED,
        /** The account was removed or disabled: the session must end. */
        SIGNED_OUT,
        /**
         * The password was set by someone else (first start, a lead): the person chooses their own before
         * anything else, TOTP enrolment included.
         */
        PASSWORD_CHANGE_DUE,
        /** One of its programs requires TOTP of this account and it has not enrolled: enrolment before anything else. */
        TOTP_ENROLMENT_DUE
    }

    /** @param account the stored account; null when {@link Standing#SIGNED_OUT} */
    public record Verdict(Standing standing, Account account) {
    }

    private final AccountStore store;
    private final TotpRules totp;

    public StaffAccess(AccountStore store, TotpRules totp) {
        this.store = store;
        this.totp = totp;
    }

    public Future<Verdict> check(StaffSession session) {
        return store.account(session.username()).map(found -> {
            Account account = found.orElse(null);
            if (account == null || account.disabled()) return new Verdict(Standing.SIGNED_OUT, null);
            if (account.mustChangePassword()) return new Verdict(Standing.PASSWORD_CHANGE_DUE, account);
            // Any of the person's programs may require it: one sign-in serves them all.
            boolean mustEnrol = account.totpSecret() == null && totp.requires(account);
            return new Verdict(mustEnrol ? Standing.TOTP_ENROLMENT_DUE : Standing.ALLOWED, account);
        });
    }
}
