package org.hearthhub.settings;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.StoreJson;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Staff accounts in the settings Redis. Key, under the program's prefix {@code p} (the default program's is the hub's):
 * <pre>
 *   p accounts         hash    username → account JSON
 * </pre>
 * Each save is announced on {@code p accounts-changed} ({@link RedisChangeNotices}).
 */
final class RedisAccounts implements AccountStore {
    private static final LuaScript SAVE_ACCOUNT_IF = LuaScript.load("settings/save_account_if.lua");
    private static final LuaScript FIRST_ACCOUNT = LuaScript.load("settings/first_account.lua");
    private static final LuaScript REMOVE_FIRST_ACCOUNT = LuaScript.load("settings/remove_first_account.lua");

    private final RedisEndpoint redis;
    private final StoreJson json;
    private final RedisChangeNotices notices;
    private final String key;

    RedisAccounts(RedisEndpoint redis, String prefix, StoreJson json, RedisChangeNotices notices) {
        this.redis = redis;
        this.json = json;
        this.notices = notices;
        this.key = prefix + "accounts";
    }

    @Override
    public Future<Optional<Account>> account(String username) {
        if (username == null) return Future.succeededFuture(Optional.empty());
        return redis.call(r -> r.hget(key, username)).map(v -> Optional.ofNullable(v).map(s -> json.decode(s, Account.class)));
    }

    @Override
    public Future<List<Account>> accounts() {
        return RedisJsonHashes.values(redis, json, key, Account.class).map(out -> {
            out.sort(Comparator.comparing(Account::username));
            return out;
        });
    }

    @Override
    public Future<Void> saveAccount(Account account) {
        if (account == null || account.username() == null || account.username().isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("an account needs a username"));
        }
        return json.encode(account).compose(v -> redis.call(r -> r.hset(key, account.username(), v)))
                .compose(v -> notices.accountSaved());
    }

    /** As {@link RedisProgramSettings#updateProgramSettings}, with the account's stored JSON as what must not have changed. */
    @Override
    public Future<Account> updateAccount(String username, Function<Optional<Account>, Account> change) {
        return ContendedWrite.untilLanded("account not saved: other nodes kept saving", () -> redis.call(r -> r.hget(key, username)).compose(stored -> {
            Account changed = AccountChange.apply(username, change, Optional.ofNullable(stored).map(v -> json.decode(v, Account.class)));
            return json.encode(changed)
                    .compose(v -> SAVE_ACCOUNT_IF.<Long>run(redis, ScriptOutputType.INTEGER, List.of(key), username,
                            stored == null ? "" : stored, v))
                    .compose(saved -> saved == 0L ? ContendedWrite.<Account>missed() : notices.accountSaved().map(Optional.of(changed)));
        }));
    }

    @Override
    public Future<Boolean> saveFirstAccount(Account account) {
        if (account == null || account.username() == null || account.username().isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("an account needs a username"));
        }
        return json.encode(account)
                .compose(v -> FIRST_ACCOUNT.<Long>run(redis, ScriptOutputType.INTEGER, List.of(key), account.username(), v))
                .compose(saved -> saved == 1L
                        ? notices.accountSaved().map(true)
                        : Future.succeededFuture(false));
    }

    /** The account's JSON is encoded as {@link #saveFirstAccount} encoded it, so an unchanged account matches. */
    @Override
    public Future<Boolean> removeFirstAccount(Account account) {
        return json.encode(account)
                .compose(v -> REMOVE_FIRST_ACCOUNT.<Long>run(redis, ScriptOutputType.INTEGER, List.of(key), account.username(), v))
                .compose(removed -> removed == 1L
                        ? notices.accountSaved().map(true)
                        : Future.succeededFuture(false));
    }

    /** Another node's save, or {@code user add}, may have changed an account. */
    @Override
    public Future<Void> watchAccounts(Runnable onChange) {
        return notices.watchAccounts(onChange);
    }
}
