package org.hearthhub.auth;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.hearthhub.guard.Source;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The password checks of sign-ins, shared fairly between sources. Argon2 is slow on purpose, so junk
 * logins from one place would otherwise queue up in front of everyone else's sign-in. Here a source holds
 * at most {@code auth.hashesPerSource} checks (reserved, waiting or running), all sources together at
 * most {@code auth.hashQueue} waiting; past either a check is refused at once, before any work. Waiting
 * checks start round-robin across sources, never more at once than the hashing pool has threads, and
 * one source never runs on every thread: a sign-in from elsewhere finds a thread free while a single
 * source floods, and waits for at most one check of each other source when many do.
 *
 * <p>Known devices (a sign-in with a valid {@link DeviceCookies device cookie}) have a share of their own: a quarter
 * of {@code auth.hashQueue} (at least one) more waiting places, which unknown ones cannot take, each device held to
 * {@code auth.hashesPerSource} as a source is, and their waiting checks start before any unknown device's. So a flood
 * from many places that fills the queue costs a known device's sign-in at most the end of a check already running.
 */
final class FairHashing {
    /** Far beyond any one Argon2 check, which takes well under a second. */
    static final long CHECK_LIMIT_SECONDS = 60;
    private final PasswordHasher hasher;
    private final int perSource;
    private final int maxWaiting;
    private final int parallel;
    private final int runningPerSource;
    private final int knownDevicesWaiting;
    private final Map<String, Integer> held = new HashMap<>();
    private final Map<String, Integer> runningBySource = new HashMap<>();
    private final Map<String, ArrayDeque<Slot>> waiting = new HashMap<>();
    /** Sources with a waiting check, the next to start first. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    /** Known devices' waiting checks, in arrival order, started before any in {@link #turns}. */
    private final ArrayDeque<Slot> knownFirst = new ArrayDeque<>();
    private int notStarted;
    private int knownNotStarted;
    private int running;

    FairHashing(PasswordHasher hasher, int perSource, int maxWaiting) {
        this.hasher = hasher;
        this.perSource = perSource;
        this.maxWaiting = maxWaiting;
        this.parallel = hasher.poolSize();
        this.runningPerSource = Math.max(1, parallel - 1);
        this.knownDevicesWaiting = Math.max(1, maxWaiting / 4);
    }

    /** A place for one check of this source, or empty when the source or the queue is at its limit. */
    Optional<Slot> reserve(Source source) {
        return reserve(source.id(), false);
    }

    /** A place for one check of this known device, in its share, or empty when the device or the share is at its limit. */
    Optional<Slot> reserveForDevice(String deviceId) {
        return reserve("d-" + deviceId, true);
    }

    private synchronized Optional<Slot> reserve(String lane, boolean knownDevice) {
        int mine = held.getOrDefault(lane, 0);
        boolean full = knownDevice ? knownNotStarted >= knownDevicesWaiting : notStarted - knownNotStarted >= maxWaiting;
        if (mine >= perSource || full) return Optional.empty();
        held.put(lane, mine + 1);
        notStarted++;
        if (knownDevice) knownNotStarted++;
        return Optional.of(new Slot(lane, knownDevice));
    }

    private enum State { RESERVED, WAITING, RUNNING, DONE }

    /** One reserved check: {@link #verify} it, or {@link #release} it unused. */
    final class Slot {
        private final String source;
        private final boolean knownDevice;
        private State state = State.RESERVED;
        private Context context;
        private String password;
        private String hash;
        private Promise<Boolean> result;

        private Slot(String source, boolean knownDevice) {
            this.source = source;
            this.knownDevice = knownDevice;
        }

        /** Queues the check; its answer comes back on the caller's context. */
        Future<Boolean> verify(String password, String hash) {
            synchronized (FairHashing.this) {
                if (state != State.RESERVED) throw new IllegalStateException("slot already " + state);
                state = State.WAITING;
                this.password = password;
                this.hash = hash;
                Context current = Vertx.currentContext();
                this.context = current != null ? current : hasher.vertx().getOrCreateContext();
                this.result = Promise.promise();
                if (knownDevice) {
                    knownFirst.addLast(this);
                } else {
                    ArrayDeque<Slot> queue = waiting.computeIfAbsent(source, s -> new ArrayDeque<>());
                    if (queue.isEmpty()) turns.addLast(source);
                    queue.addLast(this);
                }
            }
            startWhatFits();
            return result.future();
        }

        /** Gives the place back if it was never used; harmless after {@link #verify}. */
        void release() {
            synchronized (FairHashing.this) {
                if (state != State.RESERVED) return;
                state = State.DONE;
                notStarted--;
                if (knownDevice) knownNotStarted--;
                giveBack(source);
            }
        }

        private void start() {
            String pw = password;
            password = null; // held no longer than it must be
            context.runOnContext(v -> {
                Future<Boolean> check;
                try {
                    check = hasher.verify(pw, hash);
                } catch (RuntimeException e) {
                    check = Future.failedFuture(e);
                }
                // A check whose answer never came would hold its place among the running for good, and
                // once every place was held, every later sign-in would wait behind them unanswered.
                check.timeout(CHECK_LIMIT_SECONDS, TimeUnit.SECONDS).onComplete(this::finished);
            });
        }

        private void finished(AsyncResult<Boolean> outcome) {
            synchronized (FairHashing.this) {
                state = State.DONE;
                running--;
                runningBySource.computeIfPresent(source, (s, n) -> n <= 1 ? null : n - 1);
                giveBack(source);
            }
            startWhatFits();
            result.handle(outcome);
        }
    }

    private void startWhatFits() {
        while (true) {
            Slot next;
            synchronized (this) {
                next = running < parallel ? nextInTurn() : null;
                if (next == null) return;
                next.state = State.RUNNING;
                notStarted--;
                if (next.knownDevice) knownNotStarted--;
                running++;
                runningBySource.merge(next.source, 1, Integer::sum);
            }
            next.start();
        }
    }

    /** A known device's waiting check first; else the first, in turn, of a source that may run one more; null when none. */
    private Slot nextInTurn() {
        if (!knownFirst.isEmpty()) return knownFirst.pollFirst();
        for (int i = turns.size(); i > 0; i--) {
            String source = turns.pollFirst();
            if (runningBySource.getOrDefault(source, 0) >= runningPerSource) {
                turns.addLast(source);
                continue;
            }
            ArrayDeque<Slot> queue = waiting.get(source);
            Slot next = queue.pollFirst();
            if (queue.isEmpty()) waiting.remove(source);
            else turns.addLast(source);
            return next;
        }
        return null;
    }

    private void giveBack(String source) {
        held.computeIfPresent(source, (s, n) -> n <= 1 ? null : n - 1);
    }
}
