package org.hearthhub.abuse;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.loadtest.LoadTest;

/**
 * What an attack works with: the hub, both sides' clients, the genuine lead's own browser (a known device by then),
 * its scale, and where its measures go.
 */
record Run(Vertx vertx, Target hub, Side attacker, Side genuine, LeadBrowser lead, Scale scale, Results results) {
    /** Every wait in the harness is bounded; nothing an attack awaits should take this long. */
    private static final long AWAIT_SECONDS = 300;

    <T> T await(Future<T> f) throws Exception {
        return LoadTest.await(f, AWAIT_SECONDS);
    }

    /** The queue length the public status reports, as the genuine side sees it; -1 when it does not answer. */
    int queueLength() throws Exception {
        return await(genuine.queueLength(hub.url()));
    }

    static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long ms = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (ms > 0) Thread.sleep(ms);
    }
}
