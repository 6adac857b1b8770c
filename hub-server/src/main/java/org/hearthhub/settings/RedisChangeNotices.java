package org.hearthhub.settings;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.redis.RedisEndpoint;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * A program's change notices in the settings Redis, shared by the accounts and the settings parts: after a save, the
 * new settings version on {@code p settings-changed}, an empty message on {@code p accounts-changed} (never the
 * username), and who on this node hears of them. Both channels share one pub/sub connection, opened by the first
 * watcher, which is why this is one class and not a part of each. Its log lines keep RedisSettingsStore's logger name.
 */
final class RedisChangeNotices {
    private static final Logger LOG = Logger.getLogger(RedisSettingsStore.class.getName());

    private final Vertx vertx;
    private final RedisEndpoint redis;
    private final String changeChannel;
    private final String accountsChannel;
    /** Who hears of settings changes, each on the context it watched from; all share one pub/sub connection. */
    private final List<Runnable> settingsWatchers = new CopyOnWriteArrayList<>();
    /** Who hears of account changes, likewise. */
    private final List<Runnable> accountWatchers = new CopyOnWriteArrayList<>();
    private Future<Void> changeSubscription;

    RedisChangeNotices(Vertx vertx, RedisEndpoint redis, String prefix) {
        this.vertx = vertx;
        this.redis = redis;
        this.changeChannel = prefix + "settings-changed";
        this.accountsChannel = prefix + "accounts-changed";
    }

    Future<Void> settingsSaved(long version) {
        return announce(changeChannel, String.valueOf(version), "settings");
    }

    Future<Void> accountSaved() {
        return announce(accountsChannel, "", "account");
    }

    /**
     * Tells the other nodes that the settings or an account changed. The save itself has succeeded by now, so
     * a notice that cannot be sent (a Redis user without channel rights, a dropped connection) only delays
     * the other nodes until their next poll: it is logged, not reported as a failed save.
     */
    private Future<Void> announce(String channel, String message, String what) {
        return redis.call(r -> r.publish(channel, message))
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.warning(what + " saved, but the change notice was not sent, so other nodes see it at their next poll: "
                            + e.getClass().getSimpleName() + " (the settings Redis user needs access to the channels hearth:*; see docs/operations.md)");
                    return Future.succeededFuture();
                });
    }

    Future<Void> watchProgramSettings(Runnable onChange) {
        return watch(settingsWatchers, onChange);
    }

    Future<Void> watchAccounts(Runnable onChange) {
        return watch(accountWatchers, onChange);
    }

    private synchronized Future<Void> watch(List<Runnable> watchers, Runnable onChange) {
        Context context = vertx.getOrCreateContext();
        watchers.add(() -> context.runOnContext(v -> onChange.run()));
        if (changeSubscription == null) changeSubscription = subscribeToChanges();
        return changeSubscription;
    }

    /** One pub/sub connection for both channels; Lettuce subscribes it again by itself after a reconnect. */
    private Future<Void> subscribeToChanges() {
        return redis.openPubSub().compose(pubsub -> {
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    watchersOf(channel).forEach(Runnable::run);
                }

                /** Also after each re-subscription: notices published while disconnected are lost for good. */
                @Override
                public void subscribed(String channel, long count) {
                    watchersOf(channel).forEach(Runnable::run);
                }
            });
            return redis.on(pubsub.async().subscribe(changeChannel, accountsChannel));
        });
    }

    private List<Runnable> watchersOf(String channel) {
        if (changeChannel.equals(channel)) return settingsWatchers;
        if (accountsChannel.equals(channel)) return accountWatchers;
        return List.of();
    }
}
