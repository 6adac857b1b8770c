package org.hearthhub.abuse;

import io.vertx.core.Future;
import org.hearthhub.loadtest.Tally;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A botnet guessing the lead's password: each of many addresses tries a few wrong passwords, one a round. A round's
 * tries are spread evenly over it, and an address tries again only a round later, past its own per-source waits, so
 * what stops them is the account's limit on failures from unknown devices ({@code auth.maxUnknownDeviceFailures}),
 * from every source together. The witness signs the lead in meanwhile from its known device and from a new browser.
 */
final class PasswordSpray extends Attack {
    /** The embedded default's {@code auth.maxUnknownDeviceFailures} (3 × {@code auth.maxFailedLogins}), which the harness's hubs run with. */
    static final int DEFAULT_UNKNOWN_DEVICE_LIMIT = 15;
    static final String LOCKED = "429 unknown_devices_locked";

    PasswordSpray() {
        super("spray");
    }

    @Override
    String what(Scale scale) {
        return scale.sprayTries() + " wrong passwords for 'lead' from each of " + scale.sprayAddresses() + " addresses ("
                + Botnet.FIRST + " on), one from each every " + scale.sprayRoundMs() / 1000.0 + " s";
    }

    @Override
    boolean witnessesNewBrowser() {
        return true;
    }

    @Override
    void run(Run run) throws Exception {
        Scale scale = run.scale();
        try (Botnet botnet = new Botnet(run.vertx(), scale.sprayAddresses())) {
            Tally answers = new Tally();
            // The number of the first guess refused for the account's lock, in the order sent.
            AtomicLong firstLocked = new AtomicLong(Long.MAX_VALUE);
            List<Future<String>> guesses = new ArrayList<>();
            int total = scale.sprayTries() * botnet.size();
            long gapNanos = scale.sprayRoundMs() * 1_000_000 / botnet.size();
            long t0 = System.nanoTime();
            for (int n = 0; n < total; n++) {
                Run.sleepUntil(t0 + n * gapNanos);
                long number = n + 1;
                guesses.add(botnet.side(n).login(run.hub().url(), LeadBrowser.USERNAME, "spray-guess-" + number)
                        .map(Side::outcome).otherwise(Side::failure)
                        .onSuccess(answer -> {
                            answers.add(answer);
                            if (answer.equals(LOCKED)) firstLocked.accumulateAndGet(number, Math::min);
                        }));
            }
            run.await(Future.join(guesses));
            long allMs = (System.nanoTime() - t0) / 1_000_000;
            run.results().add("attacker's answers", Results.counts(answers) + "; " + total + " guesses in " + allMs + " ms");
            run.results().add("guesses the hub checked (limit " + DEFAULT_UNKNOWN_DEVICE_LIMIT + ")", checked(answers, firstLocked.get()));
        }
    }

    /**
     * A guess the hub checked and found wrong is answered 401, but for the failure that reaches the account's limit,
     * which is answered with the lock it sets (429 unknown_devices_locked, docs/operations.md); every later guess is
     * refused before any password work. So the checked guesses are the 401s and, once the lock is on, that one more.
     */
    static String checked(Tally answers, long firstLocked) {
        long wrong = answers.snapshot().getOrDefault("401", 0L);
        if (firstLocked == Long.MAX_VALUE) return wrong + ", all answered 401; unknown devices were never locked out";
        return (wrong + 1) + ": " + wrong + " answered 401, and the failure that set the lock, answered 429"
                + "; the first 429 unknown_devices_locked answered guess " + firstLocked + " of those sent";
    }
}
