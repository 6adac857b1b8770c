package org.hearthhub.abuse;

import io.vertx.core.Future;
import org.hearthhub.loadtest.Tally;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Sign-ins as random users, all at once: each costs the hub an Argon2id hash (19 MiB, two passes)
 * whether or not the user exists. The real lead signs in while they are being hashed.
 */
final class JunkLogins extends Attack {
    /** Long enough for the junk to be queued on the hashing pool before the lead's turn comes. */
    static final long LEAD_AFTER_MS = 200;

    JunkLogins() {
        super("hashes");
    }

    @Override
    String what(Scale scale) {
        return scale.junkLogins() + " sign-ins as random users, all at once";
    }

    @Override
    void run(Run run) throws Exception {
        Tally answers = new Tally();
        long t0 = System.nanoTime();
        Future<?> junk = flood(run, run.scale().junkLogins(), i -> run.attacker(), answers);
        Thread.sleep(LEAD_AFTER_MS);
        // A browser that never signed in here: the fair share between sources is measured, not the known devices' lane.
        Side.Answer lead = run.await(run.lead().signInFromNewBrowser());
        run.await(junk);
        long allMs = (System.nanoTime() - t0) / 1_000_000;
        run.results().add("attacker's answers", Results.counts(answers) + "; all answered in " + allMs + " ms");
        run.results().add("real lead during the flood, new browser", Side.outcome(lead) + " in " + lead.millis() + " ms");
    }

    /** Sends {@code count} sign-ins as random users at once, the {@code i}-th from {@code from}'s; done when all are answered. */
    static Future<?> flood(Run run, int count, IntFunction<Side> from, Tally answers) {
        List<Future<String>> junk = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String random = UUID.randomUUID().toString();
            junk.add(from.apply(i).login(run.hub().url(), "u" + random.substring(0, 12), random)
                    .map(Side::outcome).otherwise(Side::failure).onSuccess(answers::add));
        }
        return Future.join(junk);
    }
}
