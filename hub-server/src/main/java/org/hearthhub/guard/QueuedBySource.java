package org.hearthhub.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-source ledger: which queued conversations each source started through this node, plus starts
 * admitted but not yet queued (so that a burst of starts sent at once cannot all slip under the limit).
 * Entries go when their conversation leaves the queue; a source with none is forgotten. Only keyed hashes
 * are kept, in memory. Not thread-safe: {@link StartGuard} holds its lock around every call.
 */
final class QueuedBySource {
    /** A source's entries are re-checked against the live store at most this often, in case an event was lost. */
    static final Duration RECHECK = Duration.ofSeconds(30);

    private static final class Holding {
        final Set<String> conversations = new HashSet<>();
        int pending;
        Instant checkedAt = Instant.MIN;

        boolean isEmpty() {
            return conversations.isEmpty() && pending == 0;
        }
    }

    private final Map<String, Holding> bySource = new HashMap<>();
    private final Map<String, String> sourceOf = new HashMap<>();

    int count(Source source) {
        Holding h = holding(source, false);
        return h == null ? 0 : h.conversations.size() + h.pending;
    }

    void reserve(Source source) {
        holding(source, true).pending++;
    }

    void started(Source source, String conversation) {
        Holding h = holding(source, true);
        h.pending = Math.max(0, h.pending - 1);
        h.conversations.add(conversation);
        sourceOf.put(conversation, source.id());
    }

    void abandoned(Source source) {
        Holding h = holding(source, false);
        if (h == null) return;
        h.pending = Math.max(0, h.pending - 1);
        if (h.isEmpty()) bySource.remove(source.id());
    }

    /** The conversation left the queue (accepted, ended, timed out): it no longer counts against its source. */
    void left(String conversation) {
        String key = sourceOf.remove(conversation);
        Holding h = key == null ? null : bySource.get(key);
        if (h == null) return;
        h.conversations.remove(conversation);
        if (h.isEmpty()) bySource.remove(key);
    }

    /** The source's conversations, when they are due for a re-check (then not again for {@link #RECHECK}). */
    List<String> dueForRecheck(Source source, Instant now) {
        Holding h = holding(source, false);
        if (h == null || now.isBefore(h.checkedAt.plus(RECHECK))) return List.of();
        h.checkedAt = now;
        return List.copyOf(h.conversations);
    }

    /** How many sources hold anything: for tests that the ledger forgets. */
    int sources() {
        return bySource.size();
    }

    /** The holding under the current key, taking over one kept under the previous key (before a key rotation). */
    private Holding holding(Source source, boolean create) {
        Holding h = bySource.get(source.id());
        Holding old = source.previousId() == null ? null : bySource.remove(source.previousId());
        if (old != null) {
            if (h == null) {
                h = old;
                bySource.put(source.id(), h);
            } else {
                h.conversations.addAll(old.conversations);
                h.pending += old.pending;
            }
            h.conversations.forEach(c -> sourceOf.put(c, source.id()));
        }
        if (h == null && create) {
            h = new Holding();
            bySource.put(source.id(), h);
        }
        return h;
    }
}
