package org.hearthhub.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident set size from {@code /proc/self/status} (Linux). The JVM reports heap and
 * non-heap pools but not what the operating system actually holds for the process; RSS is that.
 */
final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** Bytes resident, or -1 where /proc is not there (not Linux). Reads a file: call off the event loop. */
    static long bytes() {
        try {
            return parse(Files.readString(STATUS, StandardCharsets.US_ASCII));
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** Parses the {@code VmRSS:   123456 kB} line. */
    static long parse(String status) {
        for (String line : status.split("\n")) {
            if (!line.startsWith("VmRSS:")) continue;
            String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
            try {
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
