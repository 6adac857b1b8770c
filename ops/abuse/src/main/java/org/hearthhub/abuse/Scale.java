package org.hearthhub.abuse;

import java.util.List;

/**
 * How hard each attack pushes and how long it watches. {@link #FULL} is the benchmark (the whole set in
 * about eight minutes); {@link #SMOKE} runs every scenario for a moment in the build, to keep the harness working.
 *
 * @param bombWaitSeconds  how long each bomb's socket waits for the hub's answer
 * @param graceWaitSeconds how long after the flood the queue is counted again: the default away grace
 *                         ({@code queue.awayGraceSeconds}, 120 s) plus the timeout sweep's period (15 s) and a margin
 * @param heldCheckSeconds when the held connections are counted, after the last one opened: past the
 *                         20 s allowed for a first frame and past the 60 s idle timeout
 * @param witnessPeriodMs  how often the genuine survivor starts a chat and the genuine lead signs in
 * @param churnMessages    messages of 4,000 characters the resumed chat holds: 25 fill the default transcript budget
 *                         (the smoke test's hub has a clock that stands still, so its sockets' 20 frames a second are all)
 * @param churnSockets     sockets resuming one chat at once: the per-source cap (30) less the witness's margin
 * @param churnSeconds     how long they keep at it
 * @param sprayAddresses   the botnet's addresses guessing at the lead's password
 * @param sprayTries       wrong passwords from each, one a round
 * @param sprayRoundMs     how long a round takes: its tries are spread over it, and each address's next try comes a
 *                         round later, past the per-source waits before its fifth (1 + 2 + 4 s), so only the
 *                         account's limit on unknown devices can stop them
 * @param wideAddresses    the botnet's addresses the junk sign-ins of {@code hashes-wide} come from
 */
record Scale(int bombFrames, int bombInflatedBytes, int bombWaitSeconds, int floodOpens, int floodSeconds, int graceWaitSeconds,
             int guesses, int junkLogins, int auditChats, int heldTcp, int heldSockets, List<Integer> heldCheckSeconds,
             long witnessPeriodMs, int churnMessages, int churnSockets, int churnSeconds,
             int sprayAddresses, int sprayTries, long sprayRoundMs, int wideAddresses) {

    static final Scale FULL = new Scale(20, 60 << 20, 20, 210, 70, 140, 20, 150, 100, 500, 500, List.of(25, 65), 5_000, 25, 28, 40,
            60, 5, 10_000, 50);
    static final Scale SMOKE = new Scale(2, 1 << 20, 2, 6, 2, 1, 7, 10, 4, 5, 5, List.of(1), 1_000, 5, 3, 2,
            8, 2, 200, 5);
}
