package org.hearthhub.settings;

import io.vertx.core.Future;
import org.hearthhub.util.NewestKnown;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The staff accounts as last loaded, so that every console request, sign-in and open console's session
 * check reads memory instead of the store (a file parsed under the store's lock, or a Redis round trip).
 * Saves go through to the store and then reload, so this node sees its own change as soon as the save
 * completes; other nodes' changes arrive by {@link #reload}, which {@link SettingsSync} calls on the store's
 * change notice and at every safety poll, as for {@link CurrentSettings}. Only one process writes a data
 * directory, so a node on files reloads only after its own saves.
 */
public final class CurrentAccounts implements AccountStore {
    private static final Logger LOG = Logger.getLogger(CurrentAccounts.class.getName());

    /** The accounts sorted by username, and by username. */
    private record Loaded(List<Account> all, Map<String, Account> byUsername) {
        static Loaded of(List<Account> accounts) {
            List<Account> all = accounts.stream().sorted(Comparator.comparing(Account::username)).toList();
            Map<String, Account> byUsername = new HashMap<>();
            for (Account a : all) byUsername.put(a.username(), a);
            return new Loaded(all, Map.copyOf(byUsername));
        }
    }

    private final AccountStore store;
    /** Null until the first load. */
    private final NewestKnown<Loaded> current = new NewestKnown<>(null);

    public CurrentAccounts(AccountStore store) {
        this.store = store;
    }

    /**
     * Reads every account from the store. Loads can overlap (a change notice during a save's reload); the
     * one begun last wins ({@link NewestKnown}), so an older read finishing late never hides a newer change.
     */
    public Future<Void> reload() {
        return load().mapEmpty();
    }

    private Future<Loaded> load() {
        long since = current.begin();
        return store.accounts().map(accounts -> current.keep(Loaded.of(accounts), since));
    }

    private Future<Loaded> loaded() {
        Loaded now = current.get();
        return now != null ? Future.succeededFuture(now) : load();
    }

    @Override
    public Future<Optional<Account>> account(String username) {
        if (username == null) return Future.succeededFuture(Optional.empty());
        return loaded().map(l -> Optional.ofNullable(l.byUsername().get(username)));
    }

    @Override
    public Future<List<Account>> accounts() {
        return loaded().map(Loaded::all);
    }

    @Override
    public Future<Void> saveAccount(Account account) {
        return store.saveAccount(account).compose(v -> reloadAfterSave());
    }

    @Override
    public Future<Account> updateAccount(String username, Function<Optional<Account>, Account> change) {
        return store.updateAccount(username, change).compose(saved -> reloadAfterSave().map(saved));
    }

    @Override
    public Future<Boolean> saveFirstAccount(Account account) {
        return store.saveFirstAccount(account).compose(saved -> reloadAfterSave().map(saved));
    }

    @Override
    public Future<Boolean> removeFirstAccount(Account account) {
        return store.removeFirstAccount(account).compose(removed -> reloadAfterSave().map(removed));
    }

    /**
     * The save succeeded whatever the reload does: if the store cannot be read back just now, this node
     * catches up at its next reload (with a shared store, the notice of this very save or the safety poll).
     */
    private Future<Void> reloadAfterSave() {
        return reload().recover(e -> {
            LOG.warning("account saved, but the accounts were not read back: " + e.getClass().getSimpleName());
            return Future.succeededFuture();
        });
    }

    /** Other nodes' changes are what {@link #reload} is for; this node's own go through the methods above. */
    @Override
    public Future<Void> watchAccounts(Runnable onChange) {
        return store.watchAccounts(onChange);
    }
}
