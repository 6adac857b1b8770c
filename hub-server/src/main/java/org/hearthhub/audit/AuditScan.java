package org.hearthhub.audit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Streams the audit log through a visitor, oldest first, one page at a time: the store reads a page,
 * a worker thread visits it, then the next page is read. Neither the heap nor the event loop ever
 * holds more than one page, whatever the log's size.
 * <p>
 * Pruning drops a prefix while a scan may be under way. When the next page starts past a gap and the
 * log's first entry is now at or after that page, a prune has overtaken the scan: what was visited is
 * gone, so the scan starts over with a fresh visitor. A gap with older entries still in place is real
 * (an entry was removed) and is visited as it is, for the chain check to report.
 */
public final class AuditScan {
    public static final int PAGE = 1000;
    private static final int MAX_RESTARTS = 5;
    /** What a step leads to besides the next seq to read (seqs are positive). */
    private static final long DONE = -1;
    private static final long RESTART = -2;

    /** A store's paged read: entries from {@code fromSeq} (inclusive), oldest first, at most {@code limit}. */
    @FunctionalInterface
    public interface Pages {
        Future<List<AuditEntry>> read(long fromSeq, int limit);
    }

    private final Vertx vertx;
    private final Pages pages;

    private AuditScan(Vertx vertx, Pages pages) {
        this.vertx = vertx;
        this.pages = pages;
    }

    /** Completes with the visitor after it has seen every entry (or with a fresh one's, after a restart). */
    public static <T extends Consumer<AuditEntry>> Future<T> run(Vertx vertx, Pages pages, Supplier<T> fresh) {
        Promise<T> done = Promise.promise();
        new AuditScan(vertx, pages).step(fresh, fresh.get(), 0, 0, done);
        return done.future();
    }

    /** One page per step; each step starts from a callback, so a long log builds no chain of futures. */
    private <T extends Consumer<AuditEntry>> void step(Supplier<T> fresh, T visitor, long fromSeq, int restarts, Promise<T> done) {
        pages.read(fromSeq, PAGE)
                .compose(page -> overtaken(fromSeq, page).compose(restart -> restart
                        ? Future.succeededFuture(RESTART)
                        : vertx.executeBlocking(() -> visit(visitor, page), false)))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        done.fail(ar.cause());
                    } else if (ar.result() == DONE) {
                        done.complete(visitor);
                    } else if (ar.result() != RESTART) {
                        step(fresh, visitor, ar.result(), restarts, done);
                    } else if (restarts < MAX_RESTARTS) {
                        step(fresh, fresh.get(), 0, restarts + 1, done);
                    } else {
                        done.fail(new IllegalStateException("the audit log was pruned faster than it could be read"));
                    }
                });
    }

    /** The next seq to read, or {@link #DONE} when this page was the last. */
    private static <T extends Consumer<AuditEntry>> long visit(T visitor, List<AuditEntry> page) {
        page.forEach(visitor);
        return page.size() < PAGE ? DONE : page.get(page.size() - 1).seq() + 1;
    }

    private Future<Boolean> overtaken(long fromSeq, List<AuditEntry> page) {
        if (fromSeq == 0 || page.isEmpty() || page.get(0).seq() <= fromSeq) return Future.succeededFuture(false);
        return pages.read(0, 1).map(head -> !head.isEmpty() && head.get(0).seq() >= page.get(0).seq());
    }
}
