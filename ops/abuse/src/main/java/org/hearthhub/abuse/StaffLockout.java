package org.hearthhub.abuse;

import org.hearthhub.loadtest.Tally;

/** Password guesses for the lead's account, one after another from the attacker's address. */
final class StaffLockout extends Attack {
    StaffLockout() {
        super("lockout");
    }

    @Override
    String what(Scale scale) {
        return scale.guesses() + " wrong passwords for 'lead', one after another";
    }

    @Override
    void run(Run run) throws Exception {
        Tally answers = new Tally();
        for (int i = 0; i < run.scale().guesses(); i++) {
            // An answer that never comes is counted as such ("timed out"), like every other outcome of the attacker's.
            answers.add(run.await(run.attacker().login(run.hub().url(), "lead", "guess-" + i)
                    .map(a -> String.valueOf(a.status())).otherwise(Side::failure)));
        }
        run.results().add("attacker's answers", Results.counts(answers));
        Side.Answer lead = run.await(run.genuine().login(run.hub().url(), "lead", run.hub().leadPassword()));
        run.results().add("real lead right after, from " + Side.GENUINE, lead.status() + " in " + lead.millis() + " ms");
    }
}
