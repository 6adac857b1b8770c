package org.hearthhub.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The file store's staff accounts: {@code accounts.json}, every account, rewritten atomically, in the store's lane. */
final class FileAccounts implements AccountStore {
    private static final TypeReference<List<Account>> ACCOUNTS = new TypeReference<>() {
    };

    private final FileLane lane;
    private final ObjectMapper json;
    private final Path file;

    FileAccounts(FileLane lane, ObjectMapper json, Path root) {
        this.lane = lane;
        this.json = json;
        this.file = root.resolve("accounts.json");
    }

    @Override
    public Future<Optional<Account>> account(String username) {
        return lane.io(() -> read().stream().filter(a -> a.username().equals(username)).findFirst());
    }

    @Override
    public Future<List<Account>> accounts() {
        return lane.io(this::read);
    }

    @Override
    public Future<Void> saveAccount(Account account) {
        if (account == null || account.username() == null || account.username().isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("an account needs a username"));
        }
        return lane.io(() -> {
            write(read(), account);
            return null;
        });
    }

    /** Read, change and write under the store's one lock: no other save of this process comes between. */
    @Override
    public Future<Account> updateAccount(String username, Function<Optional<Account>, Account> change) {
        return lane.io(() -> {
            List<Account> all = read();
            Account changed = AccountChange.apply(username, change, all.stream().filter(a -> a.username().equals(username)).findFirst());
            write(all, changed);
            return changed;
        });
    }

    private void write(List<Account> stored, Account account) throws IOException {
        List<Account> all = new ArrayList<>(stored);
        all.removeIf(a -> a.username().equals(account.username()));
        all.add(account);
        all.sort(Comparator.comparing(Account::username));
        JsonFiles.replace(json, file, all);
    }

    /** Atomic because every file operation of this store runs under its one lock. */
    @Override
    public Future<Boolean> saveFirstAccount(Account account) {
        if (account == null || account.username() == null || account.username().isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("an account needs a username"));
        }
        return lane.io(() -> {
            if (!read().isEmpty()) return false;
            JsonFiles.replace(json, file, List.of(account));
            return true;
        });
    }

    /** Atomic because every file operation of this store runs under its one lock. */
    @Override
    public Future<Boolean> removeFirstAccount(Account account) {
        return lane.io(() -> {
            List<Account> all = new ArrayList<>(read());
            // Its hash (salted at random) is this account's alone; the lead changing their password changes it.
            if (!all.removeIf(a -> a.username().equals(account.username()) && a.passwordHash().equals(account.passwordHash()))) {
                return false;
            }
            JsonFiles.replace(json, file, all);
            return true;
        });
    }

    private List<Account> read() throws IOException {
        return JsonFiles.read(json, file, ACCOUNTS, List::of);
    }
}
