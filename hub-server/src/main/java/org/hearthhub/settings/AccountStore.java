package org.hearthhub.settings;

import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/** Staff accounts: who may sign in, with which role, password hash and second factor. */
public interface AccountStore {

    Future<Optional<Account>> account(String username);

    Future<List<Account>> accounts();

    /** Creates or replaces the account with this username. */
    Future<Void> saveAccount(Account account);

    /**
     * Saves the account only if the store holds no account at all, as one atomic step, so that nodes
     * starting together on an empty store create one first lead between them. Completes with true when
     * this call saved it, false when some account already existed.
     */
    Future<Boolean> saveFirstAccount(Account account);
}
