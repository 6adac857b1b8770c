package org.hearthhub.loadtest;

/**
 * One rate measured on one phase.
 *
 * @param sentPerSecond what the pacer actually offered
 * @param heapMaxBytes  highest heap in use seen on the hub(s) during the step; -1 when not known
 * @param memoryMaxBytes highest memory held seen during the step (proportional set size, else resident); -1 when not known
 * @param serverGc      GC pause time and collections of the hub(s) during the step, "ms/n"; "-" when not known
 * @param generatorGc   the same for this generator's own JVM
 * @param loadAverage   the machine's 1-minute load average at the end of the step (other work on it skews latency)
 */
record StepResult(int rate, double sentPerSecond, Latency.Summary toAdvocate, Latency.Summary toSurvivor, int connections,
                  long heapMaxBytes, long memoryMaxBytes, String loadAverage, String serverGc, String generatorGc) {
}
