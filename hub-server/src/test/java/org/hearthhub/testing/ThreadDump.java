package org.hearthhub.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.TimeoutException;

/**
 * A wait that runs out in a test says only "Timeout" on a CI log; what every thread was doing at that
 * moment says which await hung and why. Printed to standard error, where surefire keeps it with the test.
 */
public final class ThreadDump {
    private ThreadDump() {
    }

    /** Prints every thread's stack and returns a timeout that names the wait. */
    public static TimeoutException timeout(String what, long seconds) {
        StringBuilder dump = new StringBuilder("--- threads when " + what + " ran out after " + seconds + " s ---\n");
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            dump.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState()).append('\n');
            for (StackTraceElement frame : t.getStackTrace()) dump.append("    at ").append(frame).append('\n');
        }
        System.err.print(dump);
        return new TimeoutException(what + " gave no result in " + seconds + " s (thread dump on standard error)");
    }
}
