package org.hearthhub.live;

import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory store's counters over a window and its expiring values (tickets, marks, each user's list of
 * sessions). Counting is on a chat message's path, so counters are a concurrent map counted in place from any
 * loop; values are guarded by the store's lock, as every confined step is.
 */
final class InMemoryValues implements ExpiringValueStore {
    private final Object lock;
    private final Clock clock;
    private final Map<String, CountWindow> counters = new ConcurrentHashMap<>();
    private final Map<String, Expiring<String>> values = new HashMap<>();

    InMemoryValues(Object lock, Clock clock) {
        this.lock = lock;
        this.clock = clock;
    }

    private record Expiring<T>(T value, Instant expiresAt) {
        boolean live(Instant now) {
            return expiresAt.isAfter(now);
        }
    }

    /** From any loop: one key of a concurrent map, counted in place. */
    @Override
    public Future<Long> increment(String key, Duration window) {
        long now = clock.millis();
        while (true) {
            CountWindow current = counters.computeIfAbsent(key, k -> new CountWindow(now + window.toMillis()));
            long count = current.increment(now);
            if (count > 0) return Future.succeededFuture(count);
            counters.remove(key, current); // its window is over: the next turn starts a new one
        }
    }

    /** From any loop: the key's window, if it has one, counts one less in place. */
    @Override
    public Future<Void> takeBack(String key) {
        CountWindow current = counters.get(key);
        if (current != null) current.takeBack(clock.millis());
        return Future.succeededFuture();
    }

    /** From any loop. */
    @Override
    public Future<Void> resetCounter(String key) {
        counters.remove(key);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> putExpiring(String key, String value, Duration ttl) {
        synchronized (lock) {
            values.put(key, new Expiring<>(value, clock.instant().plus(ttl)));
            return Future.succeededFuture();
        }
    }

    @Override
    public Future<String> putIfAbsent(String key, String value, Duration ttl) {
        synchronized (lock) {
            Expiring<String> existing = values.get(key);
            if (existing != null && existing.live(clock.instant())) return Future.succeededFuture(existing.value());
            values.put(key, new Expiring<>(value, clock.instant().plus(ttl)));
            return Future.succeededFuture(value);
        }
    }

    @Override
    public Future<Boolean> takeIf(String key, String expected) {
        synchronized (lock) {
            Expiring<String> v = values.get(key);
            if (v == null || !v.live(clock.instant()) || !v.value().equals(expected)) return Future.succeededFuture(false);
            values.remove(key);
            return Future.succeededFuture(true);
        }
    }

    @Override
    public Future<String> take(String key) {
        synchronized (lock) {
            return Future.succeededFuture(takeLive(key));
        }
    }

    @Override
    public Future<String> peek(String key) {
        synchronized (lock) {
            Expiring<String> v = values.get(key);
            return Future.succeededFuture(v != null && v.live(clock.instant()) ? v.value() : null);
        }
    }

    // The steps below are parts of the store's steps that span its parts: callers hold the lock.

    /** Whether a value is set under this key and has not expired. */
    boolean isSet(String key) {
        Expiring<String> v = values.get(key);
        return v != null && v.live(clock.instant());
    }

    /** The value under this key while it is live at {@code now}, else null. */
    String valueAt(String key, Instant now) {
        Expiring<String> v = values.get(key);
        return v == null || !v.live(now) ? null : v.value();
    }

    void putUntil(String key, String value, Instant expiresAt) {
        values.put(key, new Expiring<>(value, expiresAt));
    }

    /** Removes the value under this key; it, or null when there was none or it had expired. */
    String takeLive(String key) {
        Expiring<String> v = values.remove(key);
        return v != null && v.live(clock.instant()) ? v.value() : null;
    }

    /** Drops counters and values that have lapsed: only those seen over, as a window is never live again once over. */
    void sweep(Instant now, long nowMillis) {
        counters.forEach((key, window) -> {
            if (window.closeIfOver(nowMillis)) counters.remove(key, window);
        });
        values.values().removeIf(e -> !e.live(now));
    }

    boolean containsText(String needle) {
        return values.values().stream().anyMatch(v -> v.value().contains(needle));
    }

    /** Adds the names of the values, then of the counters, held (lapsed ones too), as Redis names its keys. */
    void addKeysHeld(List<String> out) {
        values.keySet().forEach(k -> out.add("value:" + k));
        counters.keySet().forEach(k -> out.add("counter:" + k));
    }

    int countersHeld() {
        return counters.size();
    }
}
