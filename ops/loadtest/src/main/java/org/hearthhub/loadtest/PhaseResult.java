package org.hearthhub.loadtest;

import java.util.List;
import java.util.Map;

/**
 * Everything measured on one phase (the hub, or the relay).
 *
 * @param setupSeconds time to connect every socket and make every chat active
 * @param errors       error frames, failed connects, unexpected closes and the like, by kind
 * @param missing      messages sent and never delivered
 * @param duplicates   messages delivered more than once
 * @param strays       deliveries that match no message sent
 */
record PhaseResult(String name, double setupSeconds, int connections, int chats, List<StepResult> steps,
                   Latency.Summary assign, Map<String, Long> errors, long sent, long delivered, long duplicates,
                   long missing, long strays, Map<String, Long> notes) {

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum() + duplicates + missing + strays;
    }

    /** The same, under another name ("hub 2" for the second round). */
    PhaseResult named(String newName) {
        return new PhaseResult(newName, setupSeconds, connections, chats, steps, assign, errors, sent, delivered, duplicates,
                missing, strays, notes);
    }

    StepResult at(int rate) {
        return steps.stream().filter(s -> s.rate() == rate).findFirst().orElse(null);
    }

    long heapMaxBytes() {
        return steps.stream().mapToLong(StepResult::heapMaxBytes).max().orElse(-1);
    }
}
