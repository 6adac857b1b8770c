package org.hearthhub.live;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopConfinedTest {
    /** What a store does, reduced to telling which thread ran it. */
    interface Probe {
        Future<Thread> whereDidItRun();

        Future<Thread> fails();

        Future<Thread> throwsInside();

        Future<Thread> oneKeyStep();
    }

    static final class ThreadProbe implements Probe {
        @Override
        public Future<Thread> whereDidItRun() {
            return Future.succeededFuture(Thread.currentThread());
        }

        @Override
        public Future<Thread> fails() {
            return Future.failedFuture(new NotLiveException("c1"));
        }

        @Override
        public Future<Thread> throwsInside() {
            throw new IllegalStateException("broken inside the store");
        }

        @Override
        @AnyLoop
        public Future<Thread> oneKeyStep() {
            return Future.succeededFuture(Thread.currentThread());
        }
    }

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCallFromAnotherLoopRunsOnTheOwnerAndAnswersOnTheCallersContext() throws Exception {
        Context ownerContext = vertx.getOrCreateContext();
        Probe probe = on(ownerContext, () -> LoopConfined.of(Probe.class, new ThreadProbe(), vertx)).get(10, TimeUnit.SECONDS);
        Thread owner = on(ownerContext, Thread::currentThread).get(10, TimeUnit.SECONDS);
        Context caller = otherLoopThan(owner);

        CompletableFuture<Thread[]> seen = new CompletableFuture<>();
        caller.runOnContext(v -> {
            Thread callerThread = Thread.currentThread();
            probe.whereDidItRun().onComplete(r -> seen.complete(new Thread[]{r.result(), Thread.currentThread(), callerThread}));
        });
        Thread[] threads = seen.get(10, TimeUnit.SECONDS);
        assertSame(owner, threads[0], "the store ran on its owner's loop");
        assertNotSame(owner, threads[2], "the caller sat on another loop");
        assertSame(threads[2], threads[1], "the answer came back on the caller's loop");
    }

    @Test
    void aMethodMarkedAnyLoopRunsOnTheCallersLoopWithoutAHop() throws Exception {
        Context ownerContext = vertx.getOrCreateContext();
        Probe probe = on(ownerContext, () -> LoopConfined.of(Probe.class, new ThreadProbe(), vertx)).get(10, TimeUnit.SECONDS);
        Thread owner = on(ownerContext, Thread::currentThread).get(10, TimeUnit.SECONDS);
        Context caller = otherLoopThan(owner);

        CompletableFuture<Thread[]> seen = new CompletableFuture<>();
        caller.runOnContext(v -> {
            Future<Thread> step = probe.oneKeyStep();
            Future<Thread> confined = probe.whereDidItRun();
            seen.complete(new Thread[]{step.isComplete() ? step.result() : null, Thread.currentThread(),
                    confined.isComplete() ? confined.result() : null});
        });
        Thread[] threads = seen.get(10, TimeUnit.SECONDS);
        assertSame(threads[1], threads[0], "the marked step ran at once, on the caller's loop");
        assertEquals(null, threads[2], "an unmarked call from another loop still goes to the owner");
    }

    @Test
    void aCallOnTheOwnerLoopRunsAtOnce() throws Exception {
        Context ownerContext = vertx.getOrCreateContext();
        CompletableFuture<Boolean> inline = new CompletableFuture<>();
        ownerContext.runOnContext(v -> {
            Probe probe = LoopConfined.of(Probe.class, new ThreadProbe(), vertx);
            inline.complete(probe.whereDidItRun().isComplete());
        });
        assertTrue(inline.get(10, TimeUnit.SECONDS), "no hop when the caller already owns the store");
    }

    @Test
    void failuresAndExceptionsInsideTheStoreArriveAsFailedFutures() throws Exception {
        Context ownerContext = vertx.getOrCreateContext();
        Probe probe = on(ownerContext, () -> LoopConfined.of(Probe.class, new ThreadProbe(), vertx)).get(10, TimeUnit.SECONDS);
        Context caller = otherLoopThan(on(ownerContext, Thread::currentThread).get(10, TimeUnit.SECONDS));
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        caller.runOnContext(v -> {
            probe.fails().onFailure(failed::complete);
            probe.throwsInside().onFailure(thrown::complete);
        });
        assertTrue(failed.get(10, TimeUnit.SECONDS) instanceof NotLiveException);
        assertEquals("broken inside the store", thrown.get(10, TimeUnit.SECONDS).getMessage());
    }

    @Test
    void theStoreBehindTheViewIsReachableForTests() {
        ThreadProbe target = new ThreadProbe();
        assertSame(target, LoopConfined.target(LoopConfined.of(Probe.class, target, vertx)));
    }

    private static <T> CompletableFuture<T> on(Context context, java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(work.get()));
        return result;
    }

    /** A context on the other of the two event loops: verticle instances are spread over the loops. */
    private Context otherLoopThan(Thread owner) throws Exception {
        java.util.List<Context> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
            @Override
            public Future<?> start() {
                contexts.add(context);
                return Future.succeededFuture();
            }
        }, new io.vertx.core.DeploymentOptions().setInstances(4)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (Context c : contexts) {
            if (on(c, Thread::currentThread).get(10, TimeUnit.SECONDS) != owner) return c;
        }
        throw new IllegalStateException("no second event loop");
    }
}
