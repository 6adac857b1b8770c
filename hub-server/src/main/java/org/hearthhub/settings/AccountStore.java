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

    /**
     * Calls {@code onChange} on the caller's Vert.x context whenever an account may have been saved by
     * another process sharing this store (another node, {@code user add}), so that a node's
     * {@link CurrentAccounts} can reload. As {@link ProgramSettingsStore#watchProgramSettings}: a store only
     * one process writes never calls it, and a failed future means the store cannot send such notices.
     */
    default Future<Void> watchAccounts(Runnable onChange) {
        return Future.succeededFuture();
    }
}
