package org.hearthhub.abuse;

import io.vertx.core.Future;
import org.hearthhub.loadtest.Tally;

/**
 * {@code hashes} from a botnet: the same junk sign-ins as random users, all at once, but spread over many addresses,
 * so the fair share between sources does not hold them back and they fill the hub-wide queue of password checks.
 * The real lead signs in while they are being hashed, from its known device, and at the same moment from a new browser.
 */
final class WideJunkLogins extends Attack {
    WideJunkLogins() {
        super("hashes-wide");
    }

    @Override
    String what(Scale scale) {
        return scale.junkLogins() + " sign-ins as random users, all at once, from " + scale.wideAddresses() + " addresses ("
                + Botnet.FIRST + " on)";
    }

    @Override
    void run(Run run) throws Exception {
        try (Botnet botnet = new Botnet(run.vertx(), run.scale().wideAddresses())) {
            Tally answers = new Tally();
            long t0 = System.nanoTime();
            Future<?> junk = JunkLogins.flood(run, run.scale().junkLogins(), botnet::side, answers);
            Thread.sleep(JunkLogins.LEAD_AFTER_MS);
            Future<String> known = timed(run.lead().signIn());
            Future<String> fresh = timed(run.lead().signInFromNewBrowser());
            String knownAnswer = run.await(known);
            String freshAnswer = run.await(fresh);
            run.await(junk);
            long allMs = (System.nanoTime() - t0) / 1_000_000;
            run.results().add("attacker's answers", Results.counts(answers) + "; all answered in " + allMs + " ms");
            run.results().add("real lead during the flood, known device", knownAnswer);
            run.results().add("real lead during the flood, new browser", freshAnswer);
        }
    }

    private static Future<String> timed(Future<Side.Answer> signIn) {
        return signIn.map(a -> Side.outcome(a) + " in " + a.millis() + " ms").otherwise(Side::failure);
    }
}
