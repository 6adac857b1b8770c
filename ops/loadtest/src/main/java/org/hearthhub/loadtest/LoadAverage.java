package org.hearthhub.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average (Linux), reported beside each measurement. */
public final class LoadAverage {
    private LoadAverage() {
    }

    public static String read() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
