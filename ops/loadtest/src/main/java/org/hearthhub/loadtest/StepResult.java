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
 * @param cpu           the CPU the server(s) and this generator used during the step
 * @param samples       every latency of the step, for pooling rounds ({@code --rounds})
 */
record StepResult(int rate, double sentPerSecond, Latency.Summary toAdvocate, Latency.Summary toSurvivor, int connections,
                  long heapMaxBytes, long memoryMaxBytes, String loadAverage, String serverGc, String generatorGc, Cpu cpu,
                  Samples samples) {

    /** The step's latencies themselves, both ways. */
    record Samples(Latency toAdvocate, Latency toSurvivor) {
    }

    /**
     * @param serverCores    cores the measured server(s) used on average; NaN when not known
     * @param generatorCores cores this generator used on average
     * @param messagesPerSecond what was offered, to put the server's CPU per message
     */
    record Cpu(double serverCores, double generatorCores, double messagesPerSecond) {
        /** The server's CPU time per message offered, in microseconds; NaN when not known. */
        double serverMicrosPerMessage() {
            return messagesPerSecond > 0 ? serverCores / messagesPerSecond * 1e6 : Double.NaN;
        }
    }
}
