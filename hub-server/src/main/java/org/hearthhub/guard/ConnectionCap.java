package org.hearthhub.guard;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connections each {@link Source} holds open — its WebSockets and its requests in progress — and the
 * cap on them, so that one source cannot take the hub's sockets (and the memory behind them) away from
 * everyone else. Counted by source, not by TCP peer: behind a trusted proxy every peer is the proxy.
 *
 * <p>A connection is counted under the key its source had when it opened; a source's count includes
 * what it opened under the previous key, so a key rotation does not hand a source a fresh allowance.
 */
public final class ConnectionCap {
    private final int perSource;
    private final Map<String, Integer> open = new HashMap<>();

    public ConnectionCap(int perSource) {
        this.perSource = perSource;
    }

    /** A place for one more connection of this source, to close when it ends; null when the source holds its cap already. */
    public synchronized Lease open(Source source) {
        if (held(source) >= perSource) return null;
        open.merge(source.id(), 1, Integer::sum);
        return new Lease(source.id());
    }

    /** Connections this source holds now. */
    public synchronized int held(Source source) {
        return open.getOrDefault(source.id(), 0) + (source.previousId() == null ? 0 : open.getOrDefault(source.previousId(), 0));
    }

    private synchronized void release(String id) {
        open.computeIfPresent(id, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** One open connection; closing it twice frees one place only. */
    public final class Lease implements AutoCloseable {
        private final String id;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(String id) {
            this.id = id;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) release(id);
        }
    }
}
