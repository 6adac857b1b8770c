package org.hearthhub.abuse;

import io.vertx.core.Future;
import org.hearthhub.loadtest.Tally;

import java.util.ArrayList;
import java.util.List;

/**
 * Ghost chats: the attacker opens a survivor socket about three times a second, sends {@code start},
 * takes the answer and closes — never solving a challenge. Each ghost stays queued until something
 * removes it, using the hub-wide start budget and then the queue's places.
 */
final class QueueFlood extends Attack {
    QueueFlood() {
        super("flood");
    }

    @Override
    String what(Scale scale) {
        return scale.floodOpens() + " survivor sockets in " + scale.floodSeconds() + " s, each start then close";
    }

    @Override
    void run(Run run) throws Exception {
        Scale scale = run.scale();
        Tally answers = new Tally();
        List<Future<String>> ghosts = new ArrayList<>();
        long t0 = System.nanoTime();
        long gapNanos = scale.floodSeconds() * 1_000_000_000L / scale.floodOpens();
        for (int i = 0; i < scale.floodOpens(); i++) {
            Run.sleepUntil(t0 + i * gapNanos);
            ghosts.add(run.attacker().survivorSocket(run.hub().url())
                    .compose(ws -> SurvivorStart.send(run.vertx(), ws, false).compose(answer -> Side.close(ws, answer)))
                    .otherwise(Side::failure)
                    .onSuccess(answers::add));
        }
        run.await(Future.join(ghosts));
        run.results().add("attacker's answers", Results.counts(answers));
        run.results().add("queue length right after", String.valueOf(run.queueLength()));
        SurvivorStart.Trial genuine = run.await(SurvivorStart.genuine(run.vertx(), run.genuine(), run.hub().url()));
        run.results().add("genuine survivor right after", genuine.answer() + " in " + genuine.millis() + " ms");
        Thread.sleep(scale.graceWaitSeconds() * 1000L);
        run.results().add("queue length after the away grace (" + scale.graceWaitSeconds() + " s later)",
                String.valueOf(run.queueLength()));
    }
}
