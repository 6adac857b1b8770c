package org.hearthhub;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;

import java.util.function.Consumer;

/**
 * The hub's periodic jobs (timeout sweep, audit pruning, session checks, …) as one verticle: they run on
 * its event loop, once per node whatever the number of server loops, and stop when it is undeployed
 * (Vert.x cancels the timers a verticle set).
 */
final class MaintenanceVerticle extends VerticleBase {
    private final Consumer<Vertx> startJobs;

    /** @param startJobs sets the timers; called on this verticle's context when it starts */
    MaintenanceVerticle(Consumer<Vertx> startJobs) {
        this.startJobs = startJobs;
    }

    @Override
    public Future<?> start() {
        startJobs.accept(vertx);
        return Future.succeededFuture();
    }
}
