package org.hearthhub;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.VertxWrapper;
import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.config.ConfigLoader;
import org.hearthhub.config.HubConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data directory's lock is let go only once a failed start has undone everything it began: a second hub could
 * otherwise take the directory while the first one's verticles still run. And a release while Vert.x is closing (a
 * stop raced by the JVM's shutdown) still lets go of it.
 */
class FailedStartLockTest {
    @TempDir
    Path dataDir;
    private final Vertx real = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        real.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Whether this process could take the directory now; it lets go at once if so. */
    private boolean lockIsFree() {
        try {
            DataDirLock.take(dataDir).release();
            return true;
        } catch (DataDirLock.InUse e) {
            return false;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Vert.x whose undeploys take a while, as a verticle's stop can; each notes, once it has ended, whether the lock was free. */
    private static final class SlowUndeploys extends VertxWrapper {
        final List<Boolean> lockFreeWhenEnded = new CopyOnWriteArrayList<>();
        private final FailedStartLockTest test;

        SlowUndeploys(Vertx vertx, FailedStartLockTest test) {
            super((VertxInternal) vertx);
            this.test = test;
        }

        @Override
        public Future<Void> undeploy(String deploymentID) {
            Promise<Void> later = Promise.promise();
            delegate.setTimer(300, t -> delegate.undeploy(deploymentID).onComplete(later));
            return later.future().andThen(done -> lockFreeWhenEnded.add(test.lockIsFree()));
        }
    }

    @Test
    void aStartFailingAfterItsVerticlesRunHoldsTheDirectoryUntilTheyAreUndeployed() throws Exception {
        // The first lead's password file cannot be written (a directory that is not empty has its name): the start fails
        // after the server and maintenance verticles are deployed, and undoes them.
        Files.createDirectories(dataDir.resolve(FirstLeadBootstrap.PASSWORD_FILE).resolve("in-the-way"));
        HubConfig config = ConfigLoader.load(null, Map.of("HEARTH_PORT", "0", "HEARTH_HOST", "127.0.0.1",
                "HEARTH_DATA_DIR", dataDir.toString()));
        SlowUndeploys vertx = new SlowUndeploys(real, this);

        Throwable failed = Hub.start(vertx, config, Clock.systemUTC(), new Hub.Tuning(5, 3_600_000, new PasswordHasher(real, 1024, 1, 1)))
                .toCompletionStage().toCompletableFuture().handle((hub, e) -> e).get(20, TimeUnit.SECONDS);

        assertTrue(failed != null, "the start failed");
        assertEquals(2, vertx.lockFreeWhenEnded.size(), "the servers' and the maintenance verticle's undeploys ended before the failure");
        assertEquals(List.of(false, false), vertx.lockFreeWhenEnded, "the directory was still held as each ended");
        assertEquals(Set.of(), real.deploymentIDs(), "nothing left running");
        assertTrue(lockIsFree(), "and let go of once the start had failed");
    }

    @Test
    void aReleaseWhileVertxIsClosingOrClosedStillLetsGoOfTheDirectory() throws Exception {
        for (int round = 0; round < 10; round++) {
            Vertx closing = Vertx.vertx();
            DataDirLock lock = DataDirLock.take(dataDir);
            assertFalse(lockIsFree());
            Future<Void> closed = closing.close();
            lock.releaseOffTheLoop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(lockIsFree(), "let go of while Vert.x was closing, round " + round);
            closed.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            DataDirLock again = DataDirLock.take(dataDir);
            again.releaseOffTheLoop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(lockIsFree(), "and once it had closed");
        }
    }
}
