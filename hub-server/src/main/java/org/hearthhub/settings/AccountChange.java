package org.hearthhub.settings;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Applies a change to an account as {@link AccountStore#updateAccount} promises, for every store alike. */
final class AccountChange {
    private AccountChange() {
    }

    /** The changed account; throws what {@code change} throws, or when it answers another username. */
    static Account apply(String username, Function<Optional<Account>, Account> change, Optional<Account> stored) {
        Account changed = Objects.requireNonNull(change.apply(stored), "changed account");
        if (!changed.username().equals(username)) {
            throw new IllegalArgumentException("a change to " + username + " answered the account " + changed.username());
        }
        return changed;
    }
}
