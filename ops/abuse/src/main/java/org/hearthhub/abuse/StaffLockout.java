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
                    .map(Side::outcome).otherwise(Side::failure)));
        }
        run.results().add("attacker's answers", Results.counts(answers));
        // A browser that never signed in here, as before device cookies: only the per-source limit is measured.
        Side.Answer lead = run.await(run.lead().signInFromNewBrowser());
        run.results().add("real lead right after, from " + Side.GENUINE + ", new browser", Side.outcome(lead) + " in " + lead.millis() + " ms");
    }
}
