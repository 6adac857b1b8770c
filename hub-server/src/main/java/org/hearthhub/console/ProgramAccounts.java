package org.hearthhub.console;

import io.vertx.core.Future;
import org.hearthhub.error.Refusal;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.util.Serially;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The hub's accounts as one program sees them: who works here, in what role, and the saves of an account that must
 * still work here. An account of another program is not found here, as if it did not exist. Every part that changes
 * this program's staff runs its read-check-write through {@link #oneAfterAnother}, so the parts share one order.
 */
final class ProgramAccounts {
    private final AccountStore store;
    /** The program whose staff this is (the accounts are the hub's: each lists the programs it works in). */
    private final String program;
    private final String defaultProgram;
    /** Account changes one after another on this node, so a read-check-write never interleaves with another. */
    private final Serially changes = new Serially();

    ProgramAccounts(AccountStore store, String program, String defaultProgram) {
        this.store = store;
        this.program = program;
        this.defaultProgram = defaultProgram;
    }

    String program() {
        return program;
    }

    String defaultProgram() {
        return defaultProgram;
    }

    /** Runs {@code change} once every change to this program's staff begun before it on this node has finished. */
    <T> Future<T> oneAfterAnother(Supplier<Future<T>> change) {
        return changes.run(change);
    }

    /** Only the people who work in this program. */
    Future<List<Account>> list() {
        return store.accounts().map(all -> all.stream().filter(this::worksHere).toList());
    }

    boolean worksHere(Account a) {
        return a.roleIn(program, defaultProgram).isPresent();
    }

    /** Whether the person works in another program too (which one is not this program's lead's to know). */
    boolean worksElsewhere(Account a) {
        return a.memberships(defaultProgram).keySet().stream().anyMatch(p -> !p.equals(program));
    }

    /** The person's role in this program (for an account that works here). */
    Role roleOf(Account a) {
        return a.roleIn(program, defaultProgram).orElse(a.role());
    }

    /** The account with {@code role} in this program (null: taken out of it). */
    Account withRoleHere(Account a, Role role) {
        return a.withRoleIn(program, role, defaultProgram);
    }

    /** The account as stored, whichever programs it works in (empty when there is none). */
    Future<Optional<Account>> lookUp(String username) {
        return store.account(username);
    }

    /** The acting lead's account as stored. */
    Future<Account> actingLead(String actor) {
        return store.account(actor).map(found -> found.orElseThrow(() -> Refusal.forbidden("error.lead_only")));
    }

    /** An account of this program; another program's is not found here, as if it did not exist. */
    Future<Account> existing(String username) {
        return store.account(username).compose(a -> a.isPresent() && worksHere(a.get())
                ? Future.succeededFuture(a.get())
                : Future.failedFuture(Refusal.notFound("error.no_account")));
    }

    /**
     * Saves {@code change} made to the account as stored, in one step against every other save of it (another node's,
     * another program's lead's: {@link AccountStore#updateAccount}); 404 when it no longer works here.
     */
    Future<Account> change(String username, UnaryOperator<Account> change) {
        return store.updateAccount(username, stored -> change.apply(stored.filter(this::worksHere)
                .orElseThrow(() -> Refusal.notFound("error.no_account"))));
    }

    /** Saves a new account as {@code create} makes it from what is stored under its name (nothing, unless another node made it). */
    Future<Account> create(String username, Function<Optional<Account>, Account> create) {
        return store.updateAccount(username, create);
    }

    /** The program must keep at least one enabled lead, or nobody could configure it again. */
    Future<Void> keepsALead(String losing) {
        return store.accounts().compose(all -> all.stream()
                .anyMatch(a -> a.roleIn(program, defaultProgram).orElse(null) == Role.LEAD && !a.disabled()
                        && !a.username().equals(losing))
                ? Future.succeededFuture()
                : Future.failedFuture(Refusal.badRequest("error.last_lead")));
    }

    /**
     * A new account working in this program alone: in the default program, stored as accounts always were; in
     * another, listing that program only.
     */
    Account newMember(Account a, Role role) {
        return program.equals(defaultProgram) ? a : a.withRole(role).withPrograms(Map.of(program, role));
    }
}
