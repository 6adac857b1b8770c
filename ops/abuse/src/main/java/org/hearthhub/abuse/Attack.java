package org.hearthhub.abuse;

import java.util.List;
import java.util.Map;

/** One hostile client's attack, replayed against a fresh hub while a {@link Witness} watches. */
abstract class Attack {
    /** Every scenario, in the order {@code all} runs them. */
    static final List<Attack> ALL = List.of(new CompressionBomb(), new QueueFlood(), new StaffLockout(), new PasswordSpray(),
            new JunkLogins(), new WideJunkLogins(), new AuditGrowth(), new HeldSockets(), new MetricsExposure(), new ResumeChurn());

    private final String name;

    /** @param name the scenario's name on the command line: {@code bomb}, {@code flood}, … */
    Attack(String name) {
        this.name = name;
    }

    final String name() {
        return name;
    }

    /** What the attacker does at this scale, in one line. */
    abstract String what(Scale scale);

    /** HEARTH_* settings this scenario's hub gets on top of the embedded default (none but the metrics token). */
    Map<String, String> env() {
        return Map.of();
    }

    /** Whether the witness also signs the lead in from a new browser (no device cookie) every period. */
    boolean witnessesNewBrowser() {
        return false;
    }

    /** Runs the attack and adds what it measured; the witness adds the genuine side's measures. */
    abstract void run(Run run) throws Exception;
}
