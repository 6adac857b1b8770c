package org.hearthhub.settings;

import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Staff accounts: who may sign in, with which role, password hash and second factor. */
public interface AccountStore {

    Future<Optional<Account>> account(String username);

    Future<List<Account>> accounts();

    /** Creates or replaces the account with this username. */
    Future<Void> saveAccount(Account account);

    /**
     * Applies {@code change} to the account as stored (empty when there is none) and saves what it answers, as one
     * step against every other save of that account: when another (another node's, another program's lead's) lands
     * between the read and the write, {@code change} is applied again to what it saved, so neither is lost (a lead's
     * Disable is never undone by the person's own change of languages made at the same moment). {@code change} must
     * depend on nothing but the account it is given and answer an account of the same username; when it throws
     * (a refusal: taken, unknown, wrong password), nothing is saved and the future fails with what it threw.
     * Answers the account saved.
     */
    Future<Account> updateAccount(String username, Function<Optional<Account>, Account> change);

    /**
     * Saves the account only if the store holds no account at all, as one atomic step, so that nodes
     * starting together on an empty store create one first lead between them. Completes with true when
     * this call saved it, false when some account already existed.
     */
    Future<Boolean> saveFirstAccount(Account account);

    /**
     * Takes back the first lead {@link #saveFirstAccount} saved for a start that then failed: removes it only while it
     * is stored as {@code account} (at least its password unchanged), in one step, so an account someone has signed in
     * to and changed stays. Completes with true when removed.
     */
    Future<Boolean> removeFirstAccount(Account account);

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
